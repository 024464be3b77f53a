"""Who marked the attendance of a training is kept with each registration."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import TrainingFactory
from trainings.models import PARIS, Registration

pytestmark = pytest.mark.django_db


def test_marking_attendance_records_who_did_it(staff, staff_client, member, other_member):
    start = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=PARIS)
    training = TrainingFactory(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        registration_opens_at=start - datetime.timedelta(days=30),
        registration_closes_at=start - datetime.timedelta(days=1),
    )
    came = Registration.objects.create(training=training, member=member, status="confirmed")
    missed = Registration.objects.create(training=training, member=other_member, status="confirmed")
    response = staff_client.post(
        reverse("trainings:staff_attendance", args=[training.pk]), {"present": [came.pk]}
    )
    assert response.status_code == 302
    for registration in (came, missed):
        registration.refresh_from_db()
        assert registration.attendance_marked_by == staff
        assert registration.attendance_marked_at is not None
    assert came.attendance == "present" and missed.attendance == "absent"
