"""The trainings card of the home dashboard (trainings/apps.py `home_panels`) and the
calendar step of a new member's first steps."""

from django.utils import timezone

from trainings.models import CalendarFeed, Registration, Training

SHOWN = 4


def panel_context(request) -> dict:
    user = request.user
    now = timezone.now()
    mine = list(
        Registration.objects.filter(member=user, training__ends_at__gte=now)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(training__status=Training.Status.CANCELLED)
        .select_related("training")
        .order_by("training__starts_at")[:SHOWN]
    )
    upcoming = list(
        Training.objects.filter(status=Training.Status.PUBLISHED, starts_at__gte=now)
        .exclude(registrations__member=user, registrations__status__in=_ACTIVE)
        .order_by("starts_at")[:SHOWN]
    )
    return {"mine": mine, "upcoming": upcoming}


_ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


def feed_subscribed(user) -> bool:
    return CalendarFeed.objects.filter(member=user, last_fetched_at__isnull=False).exists()
