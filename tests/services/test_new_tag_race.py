"""Two members upload at the same moment with the same new tag: both documents are published
with the one tag, and neither gets an error (the tag's unique name used to give a 500). On
PostgreSQL only: SQLite lets one write transaction at a time, so there the race cannot happen."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from documents.models import Document, Tag
from tests import factories
from tests.documents import samples
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_new_tag_created_by_two_uploads_at_once(monkeypatch):
    assert connection.vendor == "postgresql"
    folder = factories.FolderFactory(name="Régie")
    members = [factories.make_member(), factories.make_member()]
    barrier = threading.Barrier(2, timeout=20)
    lookup = Tag.objects.filter

    class Found:
        def __init__(self, tag):
            self.tag = tag

        def first(self):
            return self.tag

    def look_up_together(*args, **kwargs):
        found = lookup(*args, **kwargs)
        if "name__iexact" not in kwargs:
            return found
        # Both uploads have looked the new tag up, and found nothing, before either creates it.
        tag = found.first()
        barrier.wait()
        return Found(tag)

    monkeypatch.setattr(Tag.objects, "filter", look_up_together)
    responses = [None, None]

    def publish(index):
        client = Client(raise_request_exception=False)
        client.force_login(members[index])
        try:
            data = samples.pdf_bytes(f"Constat {index}")
            responses[index] = upload(
                client,
                folder,
                f"constat-{index}.pdf",
                data,
                title=f"Constat {index}",
                tags="Récolement décennal",
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)

    assert [response.status_code for response in responses] == [302, 302]
    tag = Tag.objects.get()
    assert tag.name == "Récolement décennal"
    assert Document.objects.filter(tags=tag).count() == 2
