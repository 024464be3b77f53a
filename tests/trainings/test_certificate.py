"""The attendance certificate: a PDF for members marked present, and for nobody else."""

import datetime
import io

from django.urls import reverse
from pypdf import PdfReader

from tests.factories import TrainingFactory
from trainings.models import PARIS, Registration


def _past_training(**kwargs):
    # A fixed day and time in Paris: the hours on the certificate must not depend on when the
    # suite runs (this used to say 14 heures after 17:00, when "now - 3 days + 7 h" crossed midnight).
    start = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=PARIS)
    return TrainingFactory(
        title="Inventaire et récolement",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        registration_opens_at=start - datetime.timedelta(days=30),
        registration_closes_at=start - datetime.timedelta(days=1),
        **kwargs,
    )


def test_present_member_downloads_a_certificate_with_the_right_text(
    member_client, member, settings
):
    settings.ASSOCIATION_NAME = "Association Test des Musées"
    training = _past_training()
    Registration.objects.create(
        training=training, member=member, status="confirmed", attendance="present"
    )
    response = member_client.get(reverse("trainings:certificate", args=[training.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Association Test des Musées" in text
    assert "Attestation de présence" in text
    assert "Inventaire et récolement" in text
    assert str(member) in text
    assert "7 heures" in text


def test_absent_member_gets_no_certificate(member_client, member):
    training = _past_training()
    Registration.objects.create(
        training=training, member=member, status="confirmed", attendance="absent"
    )
    response = member_client.get(reverse("trainings:certificate", args=[training.pk]))
    assert response.status_code == 403


def test_unmarked_or_unregistered_member_gets_no_certificate(
    member_client, member, other_member_client
):
    training = _past_training()
    Registration.objects.create(training=training, member=member, status="confirmed")
    assert (
        member_client.get(reverse("trainings:certificate", args=[training.pk])).status_code == 403
    )
    assert (
        other_member_client.get(reverse("trainings:certificate", args=[training.pk])).status_code
        == 404
    )


def test_attendance_cannot_be_marked_before_the_training(staff_client, member):
    training = TrainingFactory()
    registration = Registration.objects.create(training=training, member=member, status="confirmed")
    response = staff_client.post(
        reverse("trainings:staff_attendance", args=[training.pk]),
        {"present": [registration.pk]},
        follow=True,
    )
    assert "une fois la formation commencée" in response.content.decode()
    registration.refresh_from_db()
    assert registration.attendance == ""


def test_attendance_marks_present_and_absent(staff_client, member, other_member):
    training = _past_training()
    came = Registration.objects.create(training=training, member=member, status="confirmed")
    missed = Registration.objects.create(training=training, member=other_member, status="confirmed")
    staff_client.post(
        reverse("trainings:staff_attendance", args=[training.pk]), {"present": [came.pk]}
    )
    came.refresh_from_db()
    missed.refresh_from_db()
    assert came.attendance == "present"
    assert missed.attendance == "absent"
