"""The whole life of a training: created by staff, published, registered, held, attested."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from tests.factories import StructureFactory, TrainingFactory, make_member
from trainings.models import Registration, Training


def _form(structure, **overrides):
    start = timezone.localtime() + datetime.timedelta(days=20)
    start = start.replace(hour=9, minute=0, second=0, microsecond=0)
    data = {
        "kind": "formation",
        "title": "Conservation préventive",
        "description": "Les bases.",
        "organiser": structure.pk,
        "place_structure": structure.pk,
        "address": "",
        "departement": "",
        "online_url": "",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"),
        "duration_hours": "",
        "capacity": "2",
        "registration_opens_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "registration_closes_at": (start - datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "waiting_list": "on",
        "audience": "Régisseurs",
        "documents_url": "",
        "person_in_charge": "",
    }
    data.update(overrides)
    return data


def test_full_lifecycle(staff_client, staff, member_client, member, commit):
    structure = StructureFactory(departement="34", city="Montpellier")
    other = make_member()

    # Staff create a draft: members see nothing yet, nobody is notified.
    response = staff_client.post(reverse("trainings:staff_create"), _form(structure))
    assert response.status_code == 302
    training = Training.objects.get(title="Conservation préventive")
    assert training.status == Training.Status.DRAFT
    assert training.departement == "34"
    assert member_client.get(training.get_absolute_url()).status_code == 404
    assert not Notification.objects.filter(kind="training_new").exists()

    # Publishing tells every member.
    response = staff_client.post(reverse("trainings:staff_publish", args=[training.pk]))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == Training.Status.PUBLISHED
    notified = set(
        Notification.objects.filter(kind="training_new").values_list("recipient_id", flat=True)
    )
    assert {member.pk, other.pk} <= notified
    assert staff.pk not in notified  # the actor is not told of their own action

    # The member registers from the training page, with a note; the email carries the .ics.
    page = member_client.get(training.get_absolute_url())
    assert "2 places restantes" in page.content.decode()
    with commit():
        response = member_client.post(
            reverse("trainings:register", args=[training.pk]), {"note": "Fauteuil roulant"}
        )
    assert response.status_code == 302
    registration = Registration.objects.get(training=training, member=member)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.note == "Fauteuil roulant"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "confirmée" in mail.outbox[0].subject
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in content
    page = member_client.get(training.get_absolute_url()).content.decode()
    assert "1 place restante" in page
    assert "Vous êtes inscrit·e." in page
    assert "Se désinscrire" in page

    # Staff see the counts, the note, and export the list.
    page = staff_client.get(reverse("trainings:staff_detail", args=[training.pk])).content.decode()
    assert "Fauteuil roulant" in page
    csv_text = staff_client.get(reverse("trainings:staff_export", args=[training.pk])).content
    assert member.email.encode() in csv_text

    # The training takes place; staff mark attendance; the member downloads the certificate.
    Training.objects.filter(pk=training.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=7),
    )
    response = staff_client.post(
        reverse("trainings:staff_attendance", args=[training.pk]), {"present": [registration.pk]}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attendance == Registration.Attendance.PRESENT
    response = member_client.get(reverse("trainings:certificate", args=[training.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_staff_cancels_a_training_and_registrants_are_told(staff_client, member, commit):
    training = TrainingFactory()
    Registration.objects.create(training=training, member=member, status="confirmed")
    with commit():
        response = staff_client.post(reverse("trainings:staff_cancel", args=[training.pk]))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == Training.Status.CANCELLED
    assert Notification.objects.filter(recipient=member, kind="training_cancelled").exists()
    assert [m.to for m in mail.outbox if "Formation annulée" in m.subject] == [[member.email]]


def test_changing_date_tells_registrants_but_not_a_title_change(staff_client, member, commit):
    training = TrainingFactory()
    Registration.objects.create(training=training, member=member, status="confirmed")
    data = _form(training.organiser, title="Nouveau titre", capacity="20")
    data["starts_at"] = timezone.localtime(training.starts_at).strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = timezone.localtime(training.ends_at).strftime("%Y-%m-%dT%H:%M")
    with commit():
        response = staff_client.post(reverse("trainings:staff_edit", args=[training.pk]), data)
    assert response.status_code == 302
    assert not Notification.objects.filter(kind="training_changed").exists()

    data["starts_at"] = (
        timezone.localtime(training.starts_at) + datetime.timedelta(days=1)
    ).strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = (timezone.localtime(training.ends_at) + datetime.timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    with commit():
        response = staff_client.post(reverse("trainings:staff_edit", args=[training.pk]), data)
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=member, kind="training_changed").count() == 1
    changed = [m for m in mail.outbox if "Changement de date ou de lieu" in m.subject]
    assert [m.to for m in changed] == [[member.email]]
    assert changed[0].attachments[0][0] == f"formation-{training.pk}.ics"


def test_capacity_below_registrations_is_refused_and_nothing_changes(staff_client):
    training = TrainingFactory(capacity=5)
    for _ in range(3):
        Registration.objects.create(training=training, member=make_member(), status="confirmed")
    data = _form(training.organiser, title="Autre titre", capacity="2")
    response = staff_client.post(reverse("trainings:staff_edit", args=[training.pk]), data)
    assert response.status_code == 400
    assert "3 personnes sont déjà inscrites" in response.content.decode()
    training.refresh_from_db()
    assert training.capacity == 5
    assert training.title != "Autre titre"


def test_invalid_training_form_is_a_400_and_saves_nothing(staff_client):
    structure = StructureFactory()
    data = _form(structure, title="")
    response = staff_client.post(reverse("trainings:staff_create"), data)
    assert response.status_code == 400
    data = _form(structure, place_structure="", address="", online_url="")
    response = staff_client.post(reverse("trainings:staff_create"), data)
    assert response.status_code == 400
    assert "Indiquez un lieu" in response.content.decode()
    assert not Training.objects.exists()


def test_signin_sheet_lists_confirmed_members(staff_client, member, other_member):
    training = TrainingFactory(capacity=1)
    Registration.objects.create(training=training, member=member, status="confirmed")
    Registration.objects.create(training=training, member=other_member, status="waitlisted")
    page = staff_client.get(reverse("trainings:staff_signin_sheet", args=[training.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert member.last_name in text
    assert other_member.last_name not in text
    assert "Feuille d'émargement" in text
