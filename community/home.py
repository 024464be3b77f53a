"""The home dashboard's cards, each app's `home_panels` contribution (community/registry.py).

A card that declares `changes_with` is rendered once per member and kept in the cache under
the versions of what it shows: saving or deleting one of those rows bumps the card's version
(receivers connected at start-up), so the next visit renders it anew. The key also holds what
decides the content besides the rows: the member, their roles and groups, the language and the
hour (what is "upcoming" or "new" moves with the clock).
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from community import cache as versioned
from community import registry, roles

TIMEOUT = 3600


def scope(panel) -> str:
    return f"home:{panel.template}"


def _key(panel, request, version: str) -> str:
    user = request.user
    hour = timezone.localtime().strftime("%Y-%m-%d-%H")
    groups = ",".join(sorted(roles.group_names(user)))
    parts = (
        panel.template,
        user.pk,
        ",".join(sorted(roles.roles_of(user))),
        groups,
        translation.get_language(),
        hour,
        version,
    )
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"home:card:{digest}"


def _render(panel, request) -> str:
    values = registry.panel_values(panel, request)
    return render_to_string(panel.template, {"panel": values}, request=request)


def cards(request) -> list[str]:
    """The rendered cards of the home page, in their order."""
    panels = registry.home_panels()
    cached_panels = [panel for panel in panels if panel.changes_with]
    current, _found = versioned.versions([scope(panel) for panel in cached_panels])
    keys = {panel: _key(panel, request, current[scope(panel)]) for panel in cached_panels}
    found = cache.get_many(list(keys.values())) if keys else {}
    rendered, fresh = [], {}
    for panel in panels:
        key = keys.get(panel)
        html = found.get(key) if key else None
        if html is None:
            html = _render(panel, request)
            if key:
                fresh[key] = html
        rendered.append(mark_safe(html))  # noqa: S308 - our templates' own output
    if fresh:
        cache.set_many(fresh, timeout=TIMEOUT)
    return rendered


def connect_receivers() -> None:
    """Bump a card's version whenever a row it shows changes (called once, at start-up)."""
    for panel in registry.home_panels():
        for target in panel.changes_with:
            label, _dot, relation = target.partition(".")[2].partition(".")
            app_label = target.split(".")[0]
            model = apps.get_model(app_label, label)
            receiver = _bumper(scope(panel))
            if relation:
                m2m_changed.connect(receiver, sender=getattr(model, relation).through, weak=False)
            else:
                post_save.connect(receiver, sender=model, weak=False)
                post_delete.connect(receiver, sender=model, weak=False)


def _bumper(name: str):
    def bump(**kwargs):
        if kwargs.get("raw"):
            return
        versioned.bump(name)

    return bump
