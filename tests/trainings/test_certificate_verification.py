"""Certificates that count: the code and the address printed on each attendance certificate let an
employer or the CNFPT check it on a public page, which shows the holder, the training, its dates
and hours, and nothing else."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from tests.factories import StructureFactory, TrainingFactory, make_member
from trainings import certificate, certificate_views, demo
from trainings.models import PARIS, Registration, Training

pytestmark = pytest.mark.django_db


def _past_training(**kwargs):
    start = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=PARIS)
    fields = {
        "title": "Inventaire et récolement",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=7),
        "registration_opens_at": start - datetime.timedelta(days=30),
        "registration_closes_at": start - datetime.timedelta(days=1),
        "address": "12 rue des Archives, Albi",
        "objectives": "Conduire un récolement décennal.\nRédiger un procès-verbal.",
    }
    return TrainingFactory(**{**fields, **kwargs})


def _present(member, training=None, **kwargs) -> Registration:
    return Registration.objects.create(
        training=training or _past_training(),
        member=member,
        status="confirmed",
        attendance="present",
        **kwargs,
    )


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _download(client, registration) -> str:
    response = client.get(reverse("trainings:certificate", args=[registration.training_id]))
    assert response.status_code == 200
    return _pdf_text(response.content)


# --- the PDF ---------------------------------------------------------------------------


def test_the_certificate_carries_hours_objectives_place_signature_and_its_code(
    member_client, member, settings
):
    settings.ASSOCIATION_NAME = "Association Test des Musées"
    settings.SITE_URL = "https://cimaise.example.org"
    registration = _present(member)
    text = _download(member_client, registration)
    registration.refresh_from_db()
    code = registration.certificate_code
    assert len(code) == 12 and set(code) <= set(certificate.CODE_ALPHABET)
    assert "Association Test des Musées" in text
    assert "a suivi une formation intitulée « Inventaire et récolement », organisée par" in text
    assert "7 heures" in text
    assert "le 10 mars 2026" in text
    assert "12 rue des Archives, Albi" in text
    assert "Conduire un récolement décennal." in text
    assert "Rédiger un procès-verbal." in text
    assert "Nom, qualité et signature" in text
    assert certificate.display_code(code) in text
    assert f"https://cimaise.example.org/formations/attestations/verifier/{code}/" in text


def test_the_code_is_given_once_and_kept(member_client, member):
    registration = _present(member)
    _download(member_client, registration)
    registration.refresh_from_db()
    first = registration.certificate_code
    text = _download(member_client, registration)
    registration.refresh_from_db()
    assert registration.certificate_code == first
    assert certificate.display_code(first) in text


def test_codes_differ_between_certificates(member, other_member):
    training = _past_training()
    codes = {
        certificate.ensure_code(_present(person, training)) for person in (member, other_member)
    }
    assert len(codes) == 2


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (Training.Kind.FORMATION, "a suivi une formation intitulée « T », organisée par"),
        (Training.Kind.WEBINAIRE, "a suivi un webinaire intitulé « T », organisé par"),
        (
            Training.Kind.JOURNEE,
            "a participé à une journée professionnelle intitulée « T », organisée par",
        ),
        (Training.Kind.VISITE, "a participé à une visite intitulée « T », organisée par"),
    ],
)
def test_the_words_agree_with_the_kind_of_training(kind, words):
    assert certificate.followed_text(_past_training(kind=kind, title="T")).startswith(words)


def test_the_logo_of_the_association_is_printed_when_set(member, settings, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 100), "darkred").save(logo)
    settings.ASSOCIATION_LOGO = str(logo)
    pdf = PdfReader(io.BytesIO(certificate.certificate_pdf(_present(member))))
    assert len(pdf.pages[0].images) == 1


def test_a_logo_that_cannot_be_read_does_not_stop_the_certificate(member, settings, tmp_path):
    settings.ASSOCIATION_LOGO = str(tmp_path / "missing.png")
    pdf = PdfReader(io.BytesIO(certificate.certificate_pdf(_present(member))))
    assert "Attestation de présence" in pdf.pages[0].extract_text()
    assert not pdf.pages[0].images


def test_the_certificate_in_english(member_client, member):
    registration = _present(member)
    member_client.cookies["django_language"] = "en"
    text = _download(member_client, registration)
    assert "Certificate of attendance" in text
    assert "attended a training course entitled" in text


# --- the public check ------------------------------------------------------------------


def test_anyone_checks_a_certificate_by_its_address_and_sees_only_what_it_says(
    anonymous_client, member, other_member
):
    member.first_name, member.last_name = "Camille", "Durand"
    member.save()
    training = _past_training()
    registration = _present(member, training, note="Fauteuil roulant")
    _present(other_member, training)
    code = certificate.ensure_code(registration)
    response = anonymous_client.get(reverse("trainings:verify_code", args=[code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Attestation de présence authentique" in page
    assert "Camille Durand" in page
    assert "Inventaire et récolement" in page
    assert "10 mars 2026" in page
    assert "7 heures" in page
    for private in (
        member.email,
        str(other_member),
        other_member.email,
        "Fauteuil roulant",
        "12 rue des Archives",
        "récolement décennal",
    ):
        assert private not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_a_typed_code_is_found_whatever_its_case_and_dashes(anonymous_client, member):
    code = certificate.ensure_code(_present(member))
    typed = "  " + certificate.display_code(code).lower().replace("-", " ") + " "
    response = anonymous_client.get(reverse("trainings:verify"), {"code": typed})
    assert response.status_code == 200
    assert "Attestation de présence authentique" in response.content.decode()


def test_the_form_to_type_a_code(anonymous_client):
    response = anonymous_client.get(reverse("trainings:verify"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_a_wrong_code_gets_a_calm_404_that_keeps_what_was_typed(anonymous_client):
    response = anonymous_client.get(reverse("trainings:verify"), {"code": "ABCD-EFGH-ZZZZ"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "Aucune attestation ne correspond à ce code" in page
    assert 'value="ABCD-EFGH-ZZZZ"' in page


def test_a_wrong_code_in_english(anonymous_client):
    anonymous_client.cookies["django_language"] = "en"
    response = anonymous_client.get(reverse("trainings:verify_code", args=["NOPE"]))
    assert response.status_code == 404
    assert "No certificate matches this code" in response.content.decode()


def test_a_certificate_no_longer_counts_once_the_attendance_is_corrected(anonymous_client, member):
    registration = _present(member)
    code = certificate.ensure_code(registration)
    Registration.objects.filter(pk=registration.pk).update(attendance="absent")
    response = anonymous_client.get(reverse("trainings:verify_code", args=[code]))
    assert response.status_code == 404


def test_wrong_codes_are_rate_limited(anonymous_client, member, monkeypatch):
    monkeypatch.setattr(certificate_views, "MAX_MISSES", 3)
    code = certificate.ensure_code(_present(member))
    # Right codes cost nothing.
    for _ in range(5):
        url = reverse("trainings:verify_code", args=[code])
        assert anonymous_client.get(url).status_code == 200
    for attempt in range(3):
        url = reverse("trainings:verify_code", args=[f"WRONG{attempt}"])
        assert anonymous_client.get(url).status_code == 404
    response = anonymous_client.get(reverse("trainings:verify_code", args=[code]))
    assert response.status_code == 429
    assert "Réessayez dans quelques minutes" in response.content.decode()


# --- my certificates -------------------------------------------------------------------


def test_my_certificates_lists_mine_only_with_their_codes(member_client, member, other_member):
    mine = _present(member)
    _present(other_member, _past_training(title="Pas la mienne"))
    Registration.objects.create(
        training=_past_training(title="Absente"),
        member=member,
        status="confirmed",
        attendance="absent",
    )
    response = member_client.get(reverse("trainings:my_certificates"))
    assert response.status_code == 200
    page = response.content.decode()
    mine.refresh_from_db()
    assert "Inventaire et récolement" in page
    assert certificate.display_code(mine.certificate_code) in page
    assert reverse("trainings:certificate", args=[mine.training_id]) in page
    assert "Pas la mienne" not in page
    assert "Absente" not in page


def test_my_certificates_as_one_zip(member_client, member):
    _present(member)
    _present(member, _past_training(title="Le plan de sauvegarde des œuvres", kind="journee"))
    response = member_client.get(reverse("trainings:my_certificates_zip"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert len(names) == 2
        assert all(name.startswith("attestation-2026-03-10-") for name in names)
        texts = [_pdf_text(archive.read(name)) for name in names]
    assert any("une journée professionnelle" in text for text in texts)


def test_no_zip_without_a_certificate(member_client):
    response = member_client.get(reverse("trainings:my_certificates_zip"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("trainings:my_certificates")
    assert "pas encore d'attestation" in response.content.decode()


@pytest.mark.parametrize("name", ["my_certificates", "my_certificates_zip"])
def test_my_certificates_are_refused_to_visitors_and_suspended_members(name, client_for_role):
    for role in ("anonymous", "suspended"):
        client, _user = client_for_role(role)
        response = client.get(reverse(f"trainings:{name}"))
        assert response.status_code in (302, 403), role


def test_a_former_member_still_downloads_their_certificates(expired, expired_client):
    registration = _present(expired)
    page = expired_client.get(reverse("trainings:my_certificates"))
    assert page.status_code == 200
    assert "Inventaire et récolement" in page.content.decode()
    assert _download(expired_client, registration)
    zipped = expired_client.get(reverse("trainings:my_certificates_zip"))
    assert zipped.status_code == 200


def test_an_applicant_has_no_certificate_to_download(applicant_client):
    page = applicant_client.get(reverse("trainings:my_certificates"))
    assert page.status_code == 200
    assert "pas encore d'attestation" in page.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "applicant", "member", "staff", "suspended"])
def test_every_role_may_check_a_certificate(role, client_for_role):
    code = certificate.ensure_code(_present(make_member()))
    client, _user = client_for_role(role)
    assert client.get(reverse("trainings:verify_code", args=[code])).status_code == 200


def test_the_demo_gives_members_a_certificate_to_check(staff, member, anonymous_client):
    ctx = {"structures": [StructureFactory()], "staff": staff, "members": [member]}
    demo.seed(ctx)
    demo.seed(ctx)  # idempotent
    registration = certificate.certificates_of(member).get()
    assert registration.training.objectives
    code = certificate.ensure_code(registration)
    response = anonymous_client.get(reverse("trainings:verify_code", args=[code]))
    assert response.status_code == 200
