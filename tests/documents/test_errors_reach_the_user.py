"""A refused action in the library reaches the person with its message and status."""

import html

import pytest
from django.urls import reverse

from community import files
from community.errors import CimaiseError, NotAllowed
from documents import errors
from documents.models import Document
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_library_errors_are_application_errors():
    assert issubclass(errors.DocumentError, CimaiseError)
    assert issubclass(errors.InvalidUpload, CimaiseError)
    assert issubclass(errors.FileRejected, CimaiseError)
    assert errors.StorageUnavailable.status == 503
    assert errors.NotAllowed is NotAllowed


def test_uploading_to_a_staff_folder_is_403_with_the_message(member_client, staff_only_folder):
    response = upload(member_client, staff_only_folder)
    assert response.status_code == 403
    assert "Seule l'équipe de l'association dépose dans ce dossier." in _text(response)
    assert not Document.objects.exists()


def test_the_storage_down_is_503_with_the_message(member_client, folder, monkeypatch):
    def down(*args, **kwargs):
        raise files.StorageUnavailable()

    monkeypatch.setattr(files, "save_file", down)
    response = upload(member_client, folder, title="Compte rendu")
    assert response.status_code == 503
    assert "Le stockage des fichiers est momentanément indisponible." in _text(response)
    assert not Document.objects.exists()


def test_a_refused_file_keeps_what_was_typed(member_client, folder):
    response = upload(
        member_client, folder, name="outil.exe", data=b"MZ\x90\x00" + b"\x00" * 200, title="Outil"
    )
    assert response.status_code == 400
    assert response.context["form"]["title"].value() == "Outil"
    assert not Document.objects.exists()


def test_an_unknown_folder_move_is_400_as_json_too(staff_client, folder):
    url = reverse("documents:folder_move", args=[folder.pk])
    response = staff_client.post(url, {"direction": "sideways"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": "Déplacement inconnu."}
