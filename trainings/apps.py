"""Trainings and professional days: calendar, registration, waiting list, attendance, feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from community.registry import HomePanel, NavItem
from notifications.kinds import Kind

TRAININGS = _("Formations")


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = TRAININGS

    # What the trainings app contributes to the whole (read by community/registry.py).
    access = "trainings.access:URL_ACCESS"
    gdpr = "trainings.gdpr"
    demo = "trainings.demo:seed"
    notification_kinds = (
        Kind("training_new", _("Nouvelle formation publiée"), TRAININGS),
        Kind("training_promoted", _("Place obtenue depuis la liste d'attente"), TRAININGS),
        Kind("training_changed", _("Changement de date ou de lieu d'une formation"), TRAININGS),
        Kind("training_cancelled", _("Formation annulée"), TRAININGS),
        Kind("training_reminder", _("Rappel avant une formation"), TRAININGS),
    )
    navigation = (NavItem(TRAININGS, "trainings:list", order=40),)
    home_panels = (
        HomePanel(
            "community/home_card.html",
            order=40,
            values={
                "title": TRAININGS,
                "url_name": "trainings:list",
                "text": _("Formations et journées professionnelles."),
            },
        ),
    )
