"""Personal data of the trainings app: registrations and the personal calendar feed."""

from trainings import services
from trainings.models import CalendarFeed, Registration, Training


def export(user) -> dict:
    registrations = Registration.objects.filter(member=user).select_related("training")
    return {
        "data": {
            "registrations": [
                {
                    "training": registration.training.title,
                    "starts_at": registration.training.starts_at,
                    "ends_at": registration.training.ends_at,
                    "status": registration.status,
                    "note": registration.note,
                    "created_at": registration.created_at,
                    "cancelled_at": registration.cancelled_at,
                    "attendance": registration.attendance,
                }
                for registration in registrations.order_by("training__starts_at", "pk")
            ],
            "calendar_feed": CalendarFeed.objects.filter(member=user).exists(),
        },
        "files": [],
    }


def erase(user) -> None:
    # A seat held for a training to come is freed first, so the waiting list moves on.
    upcoming = Registration.objects.filter(
        member=user, status=Registration.Status.CONFIRMED
    ).select_related("training")
    for registration in upcoming:
        if not registration.training.is_past:
            services.cancel_registration(registration=registration, by=user)
    Registration.objects.filter(member=user).delete()
    CalendarFeed.objects.filter(member=user).delete()
    Training.objects.filter(person_in_charge=user).update(person_in_charge=None)
    Training.objects.filter(created_by=user).update(created_by=None)
