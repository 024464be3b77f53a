"""The folder page keeps its document list, and the rights keep the folder table, in the
cache: every change of what they show retires them at once (documents/listing.py)."""

import html

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Folder
from tests import factories
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db


def folder_page(client, folder) -> tuple[int, str]:
    response = client.get(folder.get_absolute_url())
    return response.status_code, html.unescape(response.content.decode())


def test_the_list_follows_uploads_renames_and_deletions(member_client, folder):
    assert "Aucun document" in folder_page(member_client, folder)[1]
    upload(member_client, folder, title="Plan de sauvegarde")
    assert "Plan de sauvegarde" in folder_page(member_client, folder)[1]
    document = folder.documents.get()
    document.title = "Plan de sauvegarde des œuvres"
    document.save()
    assert "Plan de sauvegarde des œuvres" in folder_page(member_client, folder)[1]
    document.delete()
    assert "Plan de sauvegarde" not in folder_page(member_client, folder)[1]


def test_a_kept_list_costs_fewer_queries(member_client, folder):
    for n in range(3):
        upload(member_client, folder, title=f"Note {n}")
    member_client.get(folder.get_absolute_url())
    with CaptureQueriesContext(connection) as kept:
        member_client.get(folder.get_absolute_url())
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as computed:
        member_client.get(folder.get_absolute_url())
    assert len(kept) < len(computed)


def test_closing_a_folder_or_leaving_its_group_takes_effect_at_once(member, member_client):
    group = Group.objects.create(name="Comité des régisseurs")
    member.groups.add(group)
    folder = factories.FolderFactory(name="Comité", read_access=Folder.ReadAccess.RESTRICTED)
    folder.read_groups.add(group)
    assert folder_page(member_client, folder)[0] == 200
    folder.read_groups.remove(group)
    assert folder_page(member_client, folder)[0] == 404
    folder.read_groups.add(group)
    assert folder_page(member_client, folder)[0] == 200
    member.groups.remove(group)
    assert folder_page(member_client, folder)[0] == 404
    open_folder = factories.FolderFactory(name="Public")
    assert folder_page(member_client, open_folder)[0] == 200
    open_folder.read_access = Folder.ReadAccess.RESTRICTED
    open_folder.save()
    assert folder_page(member_client, open_folder)[0] == 404
