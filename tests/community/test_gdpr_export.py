"""A member downloads everything Cimaise holds about them as a ZIP."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from community import gdpr
from tests.community.gdpr_data import PDF, fill

URL = reverse("community:gdpr_export")


def read_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_page_offers_download_and_deletion(member_client):
    response = member_client.get(reverse("community:gdpr"))
    assert response.status_code == 200
    assert URL in response.text
    assert reverse("community:gdpr_delete") in response.text
    assert "Supprimer définitivement mon compte" in response.text


def test_profile_links_to_my_data(member_client):
    response = member_client.get(reverse("community:profile"))
    assert reverse("community:gdpr") in response.text


def test_zip_holds_each_apps_json_and_the_files(member, member_client, other_member):
    mine = fill(member, tag="moi")
    fill(other_member, tag="autre")

    response = member_client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = read_zip(response)
    names = set(archive.namelist())
    for app in ("community", "notifications", "forum", "documents", "cvtheque", "trainings"):
        assert f"{app}.json" in names
    assert archive.read("cvtheque/cv-moi.pdf") == PDF + b"moi"
    document_file = f"documents/{mine.document.pk}-v1-note-moi.pdf"
    assert archive.read(document_file) == PDF + b"document moi"

    community = json.loads(archive.read("community.json"))
    assert community["account"]["email"] == member.email
    assert community["membership"]["status"] == "active"
    forum = json.loads(archive.read("forum.json"))
    assert [post["content"] for post in forum["posts"]] == ["Message de moi"]
    cv = json.loads(archive.read("cvtheque.json"))
    assert cv["profile"]["headline"] == "CV de moi"
    documents = json.loads(archive.read("documents.json"))
    assert [d["title"] for d in documents["documents_authored"]] == ["Note de moi"]
    trainings = json.loads(archive.read("trainings.json"))
    assert [r["note"] for r in trainings["registrations"]] == ["Régime de moi"]
    notifications = json.loads(archive.read("notifications.json"))
    assert [n["title"] for n in notifications["notifications"]] == ["Notification pour moi"]
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["missing_files"] == []


def test_another_members_data_never_appears(member, member_client, other_member):
    fill(member, tag="moi")
    fill(other_member, tag="autre")

    archive = read_zip(member_client.get(URL))

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"autre" not in everything
    assert other_member.email.encode() not in everything
    assert not any("autre" in name for name in archive.namelist())


def test_applicant_downloads_their_data(applicant, applicant_client):
    response = applicant_client.get(URL)
    assert response.status_code == 200
    community = json.loads(read_zip(response).read("community.json"))
    assert community["membership"]["status"] == "pending"
    assert community["account"]["email"] == applicant.email


def test_a_file_missing_from_storage_is_listed_not_fatal(member, member_client):
    mine = fill(member, tag="moi")
    gdpr.files.delete_file(mine.cv.cv_file)

    response = member_client.get(URL)

    assert response.status_code == 200
    archive = read_zip(response)
    assert "cvtheque/cv-moi.pdf" not in archive.namelist()
    assert json.loads(archive.read("manifest.json"))["missing_files"] == ["cvtheque/cv-moi.pdf"]


@pytest.mark.usefixtures("db")
def test_anonymous_is_sent_to_login(anonymous_client):
    for url in (URL, reverse("community:gdpr")):
        response = anonymous_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_suspended_member_is_refused(suspended):
    from django.test import Client

    client = Client()
    client.force_login(suspended)
    assert client.get(URL).status_code == 403
