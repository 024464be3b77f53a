"""Trainings and professional days: calendar, registration, waiting list, attendance, feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Formations")

    def ready(self):
        from notifications.kinds import Delivery, register_kind

        group = _("Formations")
        register_kind(
            "training_new",
            _("Nouvelle formation publiée"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "training_promoted",
            _("Place obtenue depuis la liste d'attente"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "training_changed",
            _("Changement de date ou de lieu d'une formation"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "training_cancelled",
            _("Formation annulée"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "training_reminder",
            _("Rappel avant une formation"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
