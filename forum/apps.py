"""The forum: django-machina wired into the members' space."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from community.registry import HomePanel, NavItem
from notifications.kinds import Kind

FORUM = _("Forum")


class ForumConfig(AppConfig):
    name = "forum"
    # machina's own forum app already uses the label "forum".
    label = "cimaise_forum"
    verbose_name = _("Forum (Cimaise)")

    # What the forum contributes to the whole (read by community/registry.py).
    access = "forum.access:URL_ACCESS"
    gdpr = "forum.gdpr"
    demo = "forum.demo:seed"
    notification_kinds = (
        Kind("forum_reply", _("Réponse à un sujet suivi"), FORUM),
        Kind("forum_topic", _("Nouveau sujet dans un forum suivi"), FORUM),
        Kind("mention", _("Mention de mon nom dans le forum"), FORUM),
        Kind("solution", _("Ma réponse retenue comme solution"), FORUM),
    )
    navigation = (NavItem(FORUM, "forum:index", order=10),)
    home_panels = (
        HomePanel(
            "forum/home_panel.html",
            order=10,
            context="forum.templatetags.forum_home:panel_context",
        ),
    )

    def ready(self):
        from forum import receivers  # noqa: F401
