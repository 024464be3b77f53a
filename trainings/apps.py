"""Trainings and professional days: calendar, registration, waiting list, attendance, feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from community.registry import FirstStep, HomePanel, NavItem
from notifications.kinds import Delivery, Kind

TRAININGS = _("Formations")
EMAIL = "trainings/emails/training"
ICS = "trainings.services:calendar_attachment"


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = TRAININGS

    # What the trainings app contributes to the whole (read by community/registry.py).
    access = "trainings.access:URL_ACCESS"
    gdpr = "trainings.gdpr"
    demo = "trainings.demo:seed"
    search = "trainings.search:areas"
    # What concerns my registration is emailed at once by default, with the training's .ics
    # when it is (still) in my calendar; new trainings go to the digest.
    notification_kinds = (
        Kind(
            "training_proposed",
            _("Journée proposée par un musée (équipe de l'association)"),
            TRAININGS,
            Delivery.IMMEDIATE,
        ),
        Kind(
            "training_proposal_declined",
            _("Ma proposition de journée non retenue"),
            TRAININGS,
            Delivery.IMMEDIATE,
        ),
        Kind(
            "training_new",
            _("Nouvelle formation publiée"),
            TRAININGS,
            Delivery.DIGEST,
            network_summary=ngettext_lazy(
                "%(count)d nouvelle formation publiée",
                "%(count)d nouvelles formations publiées",
                "count",
            ),
            title=_("Nouvelle formation : %(title)s"),
        ),
        Kind(
            "training_registered",
            _("Mon inscription confirmée"),
            TRAININGS,
            Delivery.IMMEDIATE,
            email_template=EMAIL,
            attachments=ICS,
            title=_("Inscription confirmée : %(title)s"),
        ),
        Kind(
            "training_waitlisted",
            _("Mon inscription en liste d'attente"),
            TRAININGS,
            Delivery.IMMEDIATE,
            email_template=EMAIL,
            title=_("Liste d'attente : %(title)s"),
        ),
        Kind(
            "training_promoted",
            _("Place obtenue depuis la liste d'attente"),
            TRAININGS,
            Delivery.IMMEDIATE,
            email_template=EMAIL,
            attachments=ICS,
            title=_("Une place s'est libérée : vous êtes inscrit·e à « %(title)s »"),
        ),
        Kind(
            "training_changed",
            _("Changement de date ou de lieu d'une formation"),
            TRAININGS,
            Delivery.IMMEDIATE,
            email_template=EMAIL,
            attachments=ICS,
            title=_("Changement de date ou de lieu : %(title)s"),
        ),
        Kind(
            "training_cancelled",
            _("Formation annulée"),
            TRAININGS,
            Delivery.IMMEDIATE,
            email_template=EMAIL,
            title=_("Formation annulée : %(title)s"),
        ),
        Kind(
            "training_reminder",
            _("Rappel avant une formation"),
            TRAININGS,
            Delivery.IMMEDIATE,
            email_template=EMAIL,
            attachments=ICS,
            title=_("Rappel : « %(title)s » a lieu dans deux jours"),
        ),
    )
    navigation = (NavItem(TRAININGS, "trainings:list", order=40),)
    home_panels = (
        HomePanel(
            "trainings/home_panel.html",
            order=40,
            context="trainings.home:panel_context",
            changes_with=("trainings.Training", "trainings.Registration"),
        ),
    )
    first_steps = (
        FirstStep(
            _("Abonner mon agenda à mes formations"),
            "trainings:mine",
            "trainings.home:feed_subscribed",
            order=30,
        ),
    )
