"""The registry of notification kinds, filled from what each app declares.

An app lists its kinds as the `notification_kinds` contribution of its AppConfig
(community/registry.py); NotificationsConfig.ready() loads them once, when Django starts.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from community.registry import contributions


class Delivery(models.TextChoices):
    OFF = "off", _("Désactivée")
    IN_APP = "in_app", _("Sur le site uniquement")
    IMMEDIATE = "immediate", _("Sur le site et par e-mail immédiatement")
    DIGEST = "digest", _("Sur le site et dans le résumé quotidien")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    group: str
    default_delivery: str = Delivery.IN_APP


KINDS: dict[str, Kind] = {}


def load_declared_kinds() -> None:
    """Register every kind the apps declare; called by NotificationsConfig.ready()."""
    for _app, kinds in contributions("notification_kinds"):
        for kind in kinds:
            KINDS[kind.key] = kind


def register_kind(key: str, label, *, group, default_delivery: str = Delivery.IN_APP) -> Kind:
    """Declare a kind of notification outside any app (tests). Safe to call twice."""
    kind = Kind(key=key, label=label, group=group, default_delivery=default_delivery)
    KINDS[key] = kind
    return kind


def get_kind(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(
            f"Unknown notification kind {key!r}: declare it with register_kind()."
        ) from None
