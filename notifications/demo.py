"""Demo notifications so the bell and the center have something to show (idempotent)."""

from django.utils.translation import gettext as _

from notifications.models import Notification


def seed(ctx: dict) -> None:
    staff = ctx.get("staff")
    titles = [
        _("Bienvenue sur Cimaise, l'espace professionnel des musées d'Occitanie."),
        _("L'assemblée générale de l'association aura lieu en juin : réservez la date."),
    ]
    for member in ctx.get("members", []):
        for title in titles:
            Notification.objects.get_or_create(
                recipient=member,
                kind="announcement",
                title=title,
                defaults={"actor": staff, "url": "/"},
            )
