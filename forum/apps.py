"""The forum: django-machina wired into the members' space."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    # machina's own forum app already uses the label "forum".
    label = "cimaise_forum"
    verbose_name = _("Forum (Cimaise)")
