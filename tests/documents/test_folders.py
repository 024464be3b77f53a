"""Staff organise the folder tree; members follow folders and are told of new documents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents import services
from documents.models import Folder, FolderFollow
from notifications.models import Notification
from tests import factories
from tests.documents import samples
from tests.documents.conftest import upload


def test_staff_creates_a_restricted_subfolder(staff_client, folder):
    response = staff_client.post(
        reverse("documents:folder_create"),
        {
            "name": "Conventions",
            "parent": folder.pk,
            "read_access": "restricted",
            "read_roles": ["moderator"],
            "add_access": "staff",
        },
    )
    created = Folder.objects.get(name="Conventions")
    assert response.status_code == 302 and created.parent == folder
    assert created.read_roles == ["moderator"] and created.add_access == "staff"


def test_restricted_folder_needs_a_role_or_group(staff_client):
    response = staff_client.post(
        reverse("documents:folder_create"),
        {"name": "Secret", "read_access": "restricted", "add_access": "staff"},
    )
    assert response.status_code == 400
    assert "au moins un rôle" in response.content.decode()
    assert not Folder.objects.exists()


@pytest.mark.parametrize("who", ["member_client", "moderator_client", "recruiter_client"])
def test_only_staff_manage_folders(request, who, folder):
    client = request.getfixturevalue(who)
    response = client.post(
        reverse("documents:folder_create"),
        {"name": "Pirate", "read_access": "members", "add_access": "readers"},
    )
    assert response.status_code == 403
    assert (
        client.post(
            reverse("documents:folder_edit", args=[folder.pk]),
            {"name": "Renommé", "read_access": "members", "add_access": "readers"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("documents:folder_move", args=[folder.pk]), {"direction": "down"}
        ).status_code
        == 403
    )
    assert list(Folder.objects.values_list("name", flat=True)) == ["Procédures"]


@pytest.mark.usefixtures("db")
def test_staff_reorders_folders(staff_client):
    first = factories.FolderFactory(name="Alpha", position=1)
    second = factories.FolderFactory(name="Beta", position=2)
    response = staff_client.post(
        reverse("documents:folder_move", args=[second.pk]), {"direction": "up"}
    )
    assert response.status_code == 302
    assert list(Folder.objects.order_by("position").values_list("name", flat=True)) == [
        "Beta",
        "Alpha",
    ]
    page = staff_client.get(reverse("documents:index")).content.decode()
    assert page.index("Beta") < page.index("Alpha")
    first.refresh_from_db()
    assert first.position == 2


def test_staff_cannot_put_a_folder_inside_itself(staff_client, folder):
    child = factories.FolderFactory(parent=folder)
    response = staff_client.post(
        reverse("documents:folder_edit", args=[folder.pk]),
        {
            "name": "Procédures",
            "parent": child.pk,
            "read_access": "members",
            "add_access": "readers",
        },
    )
    assert response.status_code == 400
    folder.refresh_from_db()
    assert folder.parent is None


@pytest.mark.usefixtures("recruiter", "django_capture_on_commit_callbacks")
def test_followers_are_notified_of_new_documents_and_versions(
    member,
    member_client,
    other_member,
    other_member_client,
    folder,
):
    assert (
        other_member_client.post(reverse("documents:folder_follow", args=[folder.pk])).status_code
        == 302
    )
    assert FolderFollow.objects.filter(folder=folder, user=other_member).exists()
    upload(member_client, folder, "charte.pdf", title="Charte")
    note = Notification.objects.get(recipient=other_member)
    assert note.kind == "document_new" and "Charte" in note.title
    assert not Notification.objects.filter(recipient=member).exists()  # not the author
    document = folder.documents.get()
    member_client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"file": SimpleUploadedFile("charte2.pdf", samples.pdf_bytes("v2"))},
    )
    assert Notification.objects.filter(recipient=other_member, kind="document_version").exists()
    # Unfollow: nothing more.
    other_member_client.post(reverse("documents:folder_follow", args=[folder.pk]))
    upload(member_client, folder, "autre.pdf", title="Autre")
    assert Notification.objects.filter(recipient=other_member).count() == 2


@pytest.mark.usefixtures("staff")
def test_followers_who_lost_read_access_are_not_notified(member, staff_client, folder):
    FolderFollow.objects.create(folder=folder, user=member)
    folder.read_access = Folder.ReadAccess.RESTRICTED
    folder.read_roles = ["staff"]
    folder.save()
    upload(staff_client, folder, "secret.pdf", title="Secret")
    assert not Notification.objects.filter(recipient=member).exists()


def test_folder_page_sorts_and_filters_by_tag(member_client, folder):
    upload(member_client, folder, "b.pdf", title="Bordereau", tags="prêt")
    upload(member_client, folder, "a.pdf", title="Assurance", tags="assurance")
    url = reverse("documents:folder", args=[folder.pk])
    page = member_client.get(url, {"tri": "nom"}).content.decode()
    assert page.index("Assurance") < page.index("Bordereau")
    page = member_client.get(url, {"tri": "-date"}).content.decode()
    assert page.index("Assurance") < page.index("Bordereau")
    page = member_client.get(url, {"tri": "date"}).content.decode()
    assert page.index("Bordereau") < page.index("Assurance")
    page = member_client.get(url, {"etiquette": "prêt"}).content.decode()
    assert "Bordereau" in page and "Assurance" not in page


def test_folder_page_shows_breadcrumbs(member_client, folder):
    child = factories.FolderFactory(name="Sous-dossier", parent=folder)
    page = member_client.get(reverse("documents:folder", args=[child.pk])).content.decode()
    assert "Bibliothèque" in page and "Procédures" in page and 'aria-current="page"' in page


def test_folder_page_query_count_is_constant(member, member_client, folder):
    def add(n):
        for i in range(n):
            stored = services.store_upload(SimpleUploadedFile(f"{i}.txt", b"texte %d" % i))
            services.publish_document(
                folder=folder, by=member, title=f"Doc {i}", tags=[f"t{i}"], stored=stored
            )

    url = reverse("documents:folder", args=[folder.pk])
    add(10)
    with CaptureQueriesContext(connection) as few:
        assert member_client.get(url).status_code == 200
    add(490)
    with CaptureQueriesContext(connection) as many:
        page = member_client.get(url).content.decode()
    assert "Doc 0" in page
    assert len(many) == len(few)
