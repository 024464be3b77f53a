"""Who reads, who deposits, who manages folders; search only shows what one may read."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from community import files
from documents import services
from documents.models import Document, Folder
from tests import factories
from tests.documents import samples
from tests.documents.conftest import upload


def _publish(folder, by, title, text="contenu"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    stored = services.store_upload(SimpleUploadedFile("f.pdf", samples.pdf_bytes(text)))
    return services.publish_document(folder=folder, by=by, title=title, stored=stored)


@pytest.mark.parametrize(
    ("who", "status", "sent_to"),
    [
        ("anonymous_client", 302, "/comptes/login/?next="),
        ("applicant_client", 302, "/adhesion/en-attente/"),
        ("expired_client", 302, "/adhesion/renouvellement/"),
        ("suspended_client", 403, None),
        ("member_client", 200, None),
        ("in_grace_client", 200, None),
        ("staff_client", 200, None),
    ],
)
def test_library_pages_by_role(request, folder, who, status, sent_to):
    client = request.getfixturevalue(who)
    for url in (
        reverse("documents:index"),
        reverse("documents:folder", args=[folder.pk]),
        reverse("documents:search") + "?q=x",
    ):
        response = client.get(url)
        assert response.status_code == status, url
        if sent_to:
            assert response["Location"].startswith(sent_to), url


@pytest.mark.parametrize(
    ("who", "status", "sent_to"),
    [
        ("anonymous_client", 302, "/comptes/login/?next="),
        ("applicant_client", 302, "/adhesion/en-attente/"),
        ("suspended_client", 403, None),
        ("in_grace_client", 403, None),
    ],
)
def test_those_who_cannot_write_cannot_upload(request, folder, who, status, sent_to):
    response = upload(request.getfixturevalue(who), folder)
    assert response.status_code == status
    if sent_to:
        assert response["Location"].startswith(sent_to)
    assert not Document.objects.exists()


def test_restricted_folder_by_role(
    member_client, recruiter_client, staff_client, recruiters_folder
):
    url = reverse("documents:folder", args=[recruiters_folder.pk])
    assert member_client.get(url).status_code == 404
    assert recruiter_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    assert "Recrutement" not in member_client.get(reverse("documents:index")).content.decode()
    assert "Recrutement" in recruiter_client.get(reverse("documents:index")).content.decode()
    assert upload(member_client, recruiters_folder).status_code == 404
    assert upload(recruiter_client, recruiters_folder).status_code == 302


@pytest.mark.usefixtures("db")
def test_restricted_folder_by_group_and_inherited_by_subfolders(member, other_member_client):
    from django.test import Client

    group = Group.objects.create(name="Régisseurs")
    folder = factories.FolderFactory(read_access=Folder.ReadAccess.RESTRICTED)
    folder.read_groups.add(group)
    child = factories.FolderFactory(parent=folder)  # open to members, but its parent is not
    member.groups.add(group)
    client = Client()
    client.force_login(member)
    for target in (folder, child):
        url = reverse("documents:folder", args=[target.pk])
        assert client.get(url).status_code == 200
        assert other_member_client.get(url).status_code == 404


@pytest.mark.usefixtures("member", "folder")
def test_documents_of_unreadable_folders_are_hidden(member_client, recruiter, recruiters_folder):
    document = _publish(recruiters_folder, recruiter, "Grille salariale")
    assert member_client.get(document.get_absolute_url()).status_code == 404
    download = reverse("documents:download", args=[document.current_version.pk])
    assert member_client.get(download).status_code == 404


def test_no_upload_is_prepared_for_a_folder_one_cannot_read(
    member_client, recruiter, recruiter_client, recruiters_folder, s3_storage
):
    """On S3 (the only storage where the browser asks first) the member is told the folder does
    not exist, for a new document as for a new version; a recruiter gets the presigned POST."""
    asked = {"folder": recruiters_folder.pk, "filename": "grille.pdf", "size": 1000}
    refused = member_client.post(reverse("documents:upload_prepare"), asked)
    assert refused.status_code == 404
    assert refused.json() == {"error": "Dossier introuvable."}
    granted = recruiter_client.post(reverse("documents:upload_prepare"), asked)
    assert granted.status_code == 200 and granted.json()["mode"] == "s3"
    document = _publish(recruiters_folder, recruiter, "Grille salariale")
    version = {"document": document.pk, "filename": "grille-v2.pdf", "size": 1000}
    refused = member_client.post(reverse("documents:upload_prepare"), version)
    assert refused.status_code == 404
    assert refused.json() == {"error": "Document introuvable."}
    assert s3_storage.keys() == [document.current_version.file_name]


def test_staff_only_folder(member_client, staff_client, staff_only_folder):
    page = member_client.get(reverse("documents:folder", args=[staff_only_folder.pk]))
    assert page.status_code == 200 and "Déposer un document" not in page.content.decode()
    response = upload(member_client, staff_only_folder)
    assert response.status_code == 403
    assert "Seule l&#x27;équipe" in response.content.decode()
    assert not Document.objects.exists()
    assert upload(staff_client, staff_only_folder).status_code == 302
    assert Document.objects.count() == 1


def test_search_respects_rights(
    member, member_client, recruiter_client, recruiter, folder, recruiters_folder
):
    _publish(folder, member, "Convention de prêt", text="hygrometrie conforme")
    _publish(recruiters_folder, recruiter, "Fiche de poste", text="hygrometrie confidentielle")
    page = member_client.get(reverse("documents:search"), {"q": "hygrométrie"}).content.decode()
    assert "Convention de prêt" in page and "Fiche de poste" not in page
    page = recruiter_client.get(reverse("documents:search"), {"q": "hygrometrie"}).content.decode()
    assert "Convention de prêt" in page and "Fiche de poste" in page


def test_search_finds_words_in_titles_tags_and_office_text(member, member_client, folder):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for name, data, title, tags in (
        ("a.docx", samples.docx_bytes("Constat d'état du tableau"), "Modèle A", ["modèle"]),
        ("b.xlsx", samples.xlsx_bytes("Récolement 2024"), "Tableur B", ["inventaire"]),
    ):
        stored = services.store_upload(SimpleUploadedFile(name, data))
        services.publish_document(folder=folder, by=member, title=title, tags=tags, stored=stored)
    search = reverse("documents:search")
    assert "Modèle A" in member_client.get(search, {"q": "constat etat"}).content.decode()
    assert "Tableur B" in member_client.get(search, {"q": "récolement"}).content.decode()
    assert "Tableur B" in member_client.get(search, {"q": "INVENTAIRE"}).content.decode()
    page = member_client.get(search, {"q": "inexistant"}).content.decode()
    assert "Modèle A" not in page and "Tableur B" not in page


def test_stored_type_is_the_sniffed_one(member, folder):
    document = _publish(folder, member, "X")
    assert document.current_version.content_type == files.PDF
