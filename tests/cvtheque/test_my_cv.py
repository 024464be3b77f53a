"""A member publishes, updates, renews, exports and deletes their CV."""

import datetime
import html
import io
import json
import re
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from cvtheque.models import CandidateProfile
from tests import factories
from tests.cvtheque.conftest import PDF_BYTES, pdf_upload, profile_form

URL = "/cvtheque/mon-cv/"


def two_years_after(day: datetime.date) -> datetime.date:
    """The same day two years later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + 2)
    except ValueError:
        return day.replace(year=day.year + 2, day=28)


def test_member_publishes_cv_with_pdf(member, member_client):
    response = member_client.post(URL, profile_form(cv=pdf_upload("mon cv.pdf")))
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=member)
    assert profile.headline == "Régisseuse des collections"
    assert profile.professions == ["regie"]
    assert profile.skills == ["récolement", "conditionnement"]
    assert profile.departements == ["31", "34"]
    assert profile.visibility == CandidateProfile.Visibility.RECRUITERS
    assert profile.consent_at is not None
    assert profile.cv_filename == "mon cv.pdf"
    assert profile.cv_file.startswith("cvtheque/")
    with default_storage.open(profile.cv_file) as handle:
        assert handle.read() == PDF_BYTES
    # 24 months after the consent, to the day (CV_RETENTION_MONTHS).
    assert profile.expires_on == two_years_after(timezone.localdate(profile.consent_at))
    page = member_client.get(URL)
    assert "Qui a consulté mon CV" in page.content.decode()


def test_default_visibility_is_recruiters_only(member_client):
    page = member_client.get(URL).content.decode()
    radio = re.search(r'<input[^>]*name="visibility"[^>]*value="recruiters"[^>]*>', page).group(0)
    assert "checked" in radio
    assert CandidateProfile._meta.get_field("visibility").default == "recruiters"


@pytest.mark.usefixtures("member")
def test_consent_is_required(member_client):
    response = member_client.post(URL, profile_form(consent=None, cv=pdf_upload()))
    assert response.status_code == 400
    assert "accepter le traitement" in response.content.decode()
    assert not CandidateProfile.objects.exists()
    assert not default_storage.exists("cvtheque")


def test_non_pdf_is_refused_and_nothing_saved(member_client):
    fake = pdf_upload("cv.pdf", b"PK\x03\x04 not a pdf at all" * 10)
    response = member_client.post(URL, profile_form(cv=fake))
    assert response.status_code == 400
    assert "type de fichier" in response.content.decode().lower()
    assert not CandidateProfile.objects.exists()
    assert not default_storage.exists("cvtheque")


def test_oversize_pdf_is_refused(member_client, settings):
    settings.CV_MAX_SIZE = 50
    response = member_client.post(URL, profile_form(cv=pdf_upload()))
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()
    assert not CandidateProfile.objects.exists()


@pytest.mark.usefixtures("member")
def test_new_file_replaces_old_one(member_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(URL, profile_form(cv=pdf_upload("a.pdf")))
    old = CandidateProfile.objects.get().cv_file
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(URL, profile_form(cv=pdf_upload("b.pdf")))
    profile = CandidateProfile.objects.get()
    assert profile.cv_filename == "b.pdf"
    assert default_storage.exists(profile.cv_file)
    assert not default_storage.exists(old)


def test_renew_in_one_click(member, member_client):
    profile = factories.CandidateProfileFactory(
        user=member,
        expires_on=timezone.localdate() + datetime.timedelta(days=5),
        reminders_sent=[7, 30],
    )
    response = member_client.post(reverse("cvtheque:my_profile_renew"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.expires_on == two_years_after(timezone.localdate(profile.updated_at))
    assert profile.reminders_sent == []


def test_renew_rejects_get(member, member_client):
    factories.CandidateProfileFactory(user=member)
    assert member_client.get(reverse("cvtheque:my_profile_renew")).status_code == 405


@pytest.mark.usefixtures("member")
def test_delete_removes_row_and_file(member_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(URL, profile_form(cv=pdf_upload()))
    name = CandidateProfile.objects.get().cv_file
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(reverse("cvtheque:my_profile_delete"))
    assert response.status_code == 302
    assert not CandidateProfile.objects.exists()
    assert not default_storage.exists(name)


@pytest.mark.usefixtures("member")
def test_export_gives_json_and_file(member_client, recruiter):
    member_client.post(URL, profile_form(cv=pdf_upload("mon-cv.pdf")))
    profile = CandidateProfile.objects.get()
    profile.views.create(recruiter=recruiter)
    response = member_client.get(reverse("cvtheque:my_profile_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"cv.json", "mon-cv.pdf"}
    data = json.loads(archive.read("cv.json"))
    assert data["profile"]["headline"] == "Régisseuse des collections"
    assert data["profile"]["consent_at"]
    assert len(data["views"]) == 1
    assert archive.read("mon-cv.pdf") == PDF_BYTES


def test_export_without_profile_is_404(member_client):
    assert member_client.get(reverse("cvtheque:my_profile_export")).status_code == 404


@pytest.mark.parametrize(
    ("role", "sent_to"),
    [
        ("anonymous", "/comptes/login/?next=%2Fcvtheque%2Fmon-cv%2F"),
        ("applicant", "/adhesion/en-attente/"),
        ("expired", "/adhesion/renouvellement/"),
    ],
)
@pytest.mark.usefixtures("db")
def test_people_who_are_not_members_cannot_publish(client_for_role, role, sent_to):
    client, _user = client_for_role(role)
    response = client.post(URL, profile_form())
    assert response.status_code == 302
    assert response["Location"] == sent_to
    assert not CandidateProfile.objects.exists()


def test_suspended_member_is_refused(suspended_client):
    assert suspended_client.post(URL, profile_form()).status_code == 403
    assert not CandidateProfile.objects.exists()


def test_member_in_grace_cannot_publish(in_grace_client):
    assert in_grace_client.post(URL, profile_form()).status_code == 403
    assert not CandidateProfile.objects.exists()


def test_consent_once_given_stays_ticked_with_its_date(member_client):
    assert member_client.post(URL, profile_form()).status_code == 302
    page = html.unescape(member_client.get(URL).content.decode())
    box = re.search(r'<input type="checkbox" name="consent"[^>]*>', page).group(0)
    assert "checked" in box
    consent_at = CandidateProfile.objects.get().consent_at
    day = timezone.localtime(consent_at).strftime("%-d")
    assert re.search(rf"Accord donné le (1er|{day}) \w+ {consent_at.year}", page)


def test_a_refused_form_asks_for_the_pdf_again_and_keeps_the_rest(member_client):
    response = member_client.post(
        URL, profile_form(consent=None, headline="Conservatrice", cv=pdf_upload("cv.pdf"))
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert 'class="error-summary"' in page and '<a href="#id_consent">' in page
    assert 'value="Conservatrice"' in page
    assert "choisissez-le à nouveau" in page
    assert not CandidateProfile.objects.exists()
