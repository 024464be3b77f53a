"""The forum: django-machina wired into the members' space."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from community.registry import FirstStep, HomePanel, NavItem
from notifications.kinds import Delivery, Kind

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
    search = "forum.search:areas"
    notification_kinds = (
        Kind(
            "forum_reply",
            _("Réponse à un sujet suivi"),
            FORUM,
            Delivery.DIGEST,
            title=_("Nouvelle réponse à « %(subject)s »"),
            grouped_title=ngettext_lazy(
                "%(count)d nouvelle réponse à « %(subject)s »",
                "%(count)d nouvelles réponses à « %(subject)s »",
                "count",
            ),
        ),
        Kind(
            "forum_topic",
            _("Nouveau sujet dans un forum suivi"),
            FORUM,
            Delivery.DIGEST,
            title=_("Nouveau sujet dans « %(forum)s » : %(subject)s"),
            network_summary=ngettext_lazy(
                "%(count)d nouveau sujet dans le forum",
                "%(count)d nouveaux sujets dans le forum",
                "count",
            ),
        ),
        Kind(
            "mention",
            _("Mention de mon nom dans le forum"),
            FORUM,
            Delivery.IMMEDIATE,
            title=_("Vous avez été mentionné·e dans « %(subject)s »."),
        ),
        Kind(
            "solution",
            _("Ma réponse retenue comme solution"),
            FORUM,
            Delivery.IMMEDIATE,
            title=_("Votre réponse à « %(subject)s » a été retenue comme solution."),
        ),
    )
    navigation = (NavItem(FORUM, "forum:index", order=10),)
    home_panels = (
        HomePanel(
            "forum/home_panel.html",
            order=10,
            context="forum.templatetags.forum_home:panel_context",
            changes_with=(
                "forum.Forum",
                "forum_conversation.Topic",
                "forum_conversation.Post",
                "forum_permission.UserForumPermission",
                "forum_permission.GroupForumPermission",
            ),
        ),
    )

    member_facts = "forum.people:solutions"
    member_links = "forum.people:ask_them"
    first_steps = (
        FirstStep(
            _("Suivre le forum de mon métier"), "forum:index", "forum.home:follows_a_forum", 20
        ),
    )

    def ready(self):
        from forum import receivers  # noqa: F401
