"""The registry of notification kinds, filled from what each app declares.

An app lists its kinds as the `notification_kinds` contribution of its AppConfig
(community/registry.py); NotificationsConfig.ready() loads them once, when Django starts.
A kind says everything about how its message is delivered: the default delivery, the email
template, the attachments made from the target, and whether it is transactional (always
emailed, even to someone who is no longer a member, and not offered in the preferences).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from community.registry import contributions, load


class Delivery(models.TextChoices):
    OFF = "off", _("Désactivée")
    IN_APP = "in_app", _("Sur le site uniquement")
    IMMEDIATE = "immediate", _("Sur le site et par e-mail immédiatement")
    DIGEST = "digest", _("Sur le site et dans le résumé par e-mail")


# The generic email of a notification; a kind may name its own (".txt", and ".html" if present).
DEFAULT_EMAIL_TEMPLATE = "notifications/email/immediate"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    group: str
    default_delivery: str = Delivery.IN_APP
    # Template base name: "<email_template>.txt" is the body, "<email_template>.html" if present.
    email_template: str = DEFAULT_EMAIL_TEMPLATE
    # "module:function" called with the target, returning [(filename, content, mimetype)].
    attachments: str = ""
    # Always emailed at once (decisions about someone's account); not in the preferences.
    transactional: bool = False
    # The line shown for one notification, in the reader's language: a lazy string with
    # %(name)s placeholders filled from the notification's params (else the stored title).
    title: str = ""
    # The line for several notifications about one target (ngettext_lazy counted by "count").
    grouped_title: str = ""
    # The digest's "in the network" line: how many targets of this kind were told of in the
    # period (ngettext_lazy counted by "count"); empty: not counted.
    network_summary: str = ""

    def attachments_for(self, target) -> list[tuple[str, bytes | str, str]]:
        if not self.attachments or target is None:
            return []
        return list(load(self.attachments)(target))


KINDS: dict[str, Kind] = {}


def load_declared_kinds() -> None:
    """Register every kind the apps declare; called by NotificationsConfig.ready()."""
    for _app, kinds in contributions("notification_kinds"):
        for kind in kinds:
            KINDS[kind.key] = kind


def register_kind(key: str, label, *, group, default_delivery: str = Delivery.IN_APP, **options):
    """Declare a kind of notification outside any app (tests). Safe to call twice."""
    kind = Kind(key=key, label=label, group=group, default_delivery=default_delivery, **options)
    KINDS[key] = kind
    return kind


def get_kind(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(
            f"Unknown notification kind {key!r}: declare it with register_kind()."
        ) from None


def preference_kinds() -> dict[str, Kind]:
    """The kinds a member chooses a delivery for (transactional ones are always emailed)."""
    return {key: kind for key, kind in KINDS.items() if not kind.transactional}
