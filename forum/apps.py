"""The forum: django-machina wired into the members' space."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    # machina's own forum app already uses the label "forum".
    label = "cimaise_forum"
    verbose_name = _("Forum (Cimaise)")

    def ready(self):
        from forum import receivers  # noqa: F401
        from notifications.kinds import Delivery, register_kind

        group = _("Forum")
        register_kind(
            "forum_reply",
            _("Réponse à un sujet suivi"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "forum_topic",
            _("Nouveau sujet dans un forum suivi"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "mention",
            _("Mention de mon nom dans le forum"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "solution",
            _("Ma réponse retenue comme solution"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
