"""Members keep their profile true over a career: they change museum (staff are told), job
title and profession, and add a photo (square, resized, stripped of its metadata)."""

import html
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from community import gdpr
from community.membership.forms import structure_label
from community.models import Membership, Structure
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


def jpeg_with_exif(size=(1200, 800)) -> bytes:
    image = Image.new("RGB", size, (120, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Appareil de Lucie"  # Make
    exif[0x010E] = "Réserve de Montpellier, 43.61 N 3.87 E"  # ImageDescription
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload(client, data, name="portrait.jpg", content_type="image/jpeg"):
    return client.post(
        reverse("community:profile_photo"),
        {"photo-photo": SimpleUploadedFile(name, data, content_type=content_type)},
    )


def stored(settings, name) -> bytes:
    return (Path(settings.MEDIA_ROOT) / name).read_bytes()


def test_a_member_changes_museum_and_staff_are_told(member, member_client, staff):
    new = factories.StructureFactory(name="Musée Soulages", city="Rodez", departement="12")
    response = member_client.post(
        reverse("community:profile_work"),
        {
            "work-structure": structure_label(new),
            "work-job_title": "Régisseuse des collections",
            "work-profession": "regie",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=member)
    assert (membership.structure, membership.job_title, membership.profession) == (
        new,
        "Régisseuse des collections",
        "regie",
    )
    told = Notification.objects.get(kind="member_moved")
    assert told.recipient == staff and told.actor == member
    assert not Notification.objects.filter(kind="member_moved", recipient=member).exists()


def test_a_new_job_title_in_the_same_museum_does_not_bother_staff(member, member_client, staff):
    membership = member.membership
    response = member_client.post(
        reverse("community:profile_work"),
        {
            "work-structure": structure_label(membership.structure),
            "work-job_title": "Directrice",
            "work-profession": "conservation",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.job_title == "Directrice"
    assert not Notification.objects.filter(recipient=staff).exists()


def test_a_refused_change_keeps_what_was_typed_and_changes_nothing(member, member_client):
    before = Membership.objects.get(user=member)
    response = member_client.post(
        reverse("community:profile_work"),
        {"work-structure": "Musée inconnu", "work-job_title": "Médiatrice", "work-profession": ""},
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert 'class="error-summary"' in page
    assert 'value="Musée inconnu"' in page and 'value="Médiatrice"' in page
    after = Membership.objects.get(user=member)
    assert (after.structure_id, after.job_title) == (before.structure_id, before.job_title)


def test_a_member_may_propose_a_museum_not_listed(member, member_client):
    response = member_client.post(
        reverse("community:profile_work"),
        {
            "work-structure_missing": "on",
            "work-proposed_name": "Maison de la Truffe",
            "work-proposed_city": "Lalbenque",
            "work-proposed_departement": "46",
            "work-job_title": "Médiateur",
            "work-profession": "mediation",
        },
    )
    assert response.status_code == 302
    proposal = Structure.objects.get(name="Maison de la Truffe")
    assert (
        not proposal.verified
        and member.membership.__class__.objects.get(user=member).structure == proposal
    )


def test_the_photo_is_a_small_square_jpeg_without_metadata(member, member_client, settings):
    response = upload(member_client, jpeg_with_exif())
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.photo.startswith("photos/") and member.photo.endswith(".jpg")
    data = stored(settings, member.photo)
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (320, 320))
        assert not image.getexif()
    assert b"Appareil de Lucie" not in data and b"43.61" not in data
    served = member_client.get(reverse("community:member_photo", args=[member.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content if served.streaming else [served.content]) == data


def test_a_new_photo_replaces_the_old_file(
    member, member_client, settings, django_capture_on_commit_callbacks
):
    upload(member_client, jpeg_with_exif())
    member.refresh_from_db()
    first = member.photo
    with django_capture_on_commit_callbacks(execute=True):
        upload(member_client, jpeg_with_exif((300, 900)))
    member.refresh_from_db()
    assert member.photo != first
    assert not (Path(settings.MEDIA_ROOT) / first).exists()
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(reverse("community:profile_photo"), {"remove": "1"})
    member.refresh_from_db()
    assert member.photo == "" and not list((Path(settings.MEDIA_ROOT) / "photos").iterdir())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cv.pdf", b"%PDF-1.4\n%%EOF\n", "JPEG, PNG ou WebP"),
        ("faux.jpg", b"<html><script>alert(1)</script></html>", "JPEG, PNG ou WebP"),
        ("tronque.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "illisible"),
    ],
)
def test_what_is_not_a_picture_is_refused_in_french(member, member_client, name, data, message):
    response = upload(member_client, data, name=name)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    member.refresh_from_db()
    assert member.photo == ""


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_photo_is_seen_where_the_member_is_listed_only(member, member_client, applicant):
    upload(member_client, jpeg_with_exif())
    member.refresh_from_db()
    url = reverse("community:member_photo", args=[member.pk])
    colleague = logged_in(factories.make_member())
    assert colleague.get(url).status_code == 200
    member.hide_from_directory = True
    member.save()
    assert colleague.get(url).status_code == 404
    assert member_client.get(url).status_code == 200  # one's own, always
    assert Client().get(url)["Location"].startswith(reverse("account_login"))
    assert logged_in(applicant).get(url)["Location"] == reverse("community:pending")


def test_the_photo_is_in_the_data_export_and_goes_with_the_account(
    member, member_client, settings, django_capture_on_commit_callbacks
):
    upload(member_client, jpeg_with_exif())
    member.refresh_from_db()
    exported = gdpr.export(member)
    assert exported["files"] == [("photo.jpg", member.photo)]
    name = member.photo
    with django_capture_on_commit_callbacks(execute=True):
        gdpr.delete_account(member, confirm_email=member.email)
    member.refresh_from_db()
    assert member.photo == "" and not (Path(settings.MEDIA_ROOT) / name).exists()
