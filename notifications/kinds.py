"""The registry of notification kinds that apps declare (in their AppConfig.ready())."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


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
    default_delivery: str


KINDS: dict[str, Kind] = {}


def register_kind(key: str, label, *, group, default_delivery: str = Delivery.IN_APP) -> Kind:
    """Declare a kind of notification. Safe to call twice with the same key."""
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
