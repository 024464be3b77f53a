"""Notifications people can read: in the reader's language, grouped by what they are about,
naming who acted; opening the line reads it all."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client
from django.urls import reverse

from community.asgi import application
from notifications.models import Notification
from notifications.services import notify
from tests import factories

SUBJECT = "Prêt d'œuvres entre musées"


def _replies(reader, names):
    """One reply to one topic per name (the topic stands in as a structure here)."""
    topic = factories.StructureFactory()
    for first, last in names:
        author = factories.make_member(user__first_name=first, user__last_name=last)
        notify(
            [reader],
            "forum_reply",
            actor=author,
            target=topic,
            title=f"Nouvelle réponse à « {SUBJECT} »",
            url="/forum/",
            params={"subject": SUBJECT},
        )
    return topic


NAMES = [("Thomas", "Bonnet"), ("Anne", "Roux"), ("Léa", "Petit"), ("Marc", "Vidal")]


@pytest.mark.django_db
def test_four_replies_to_one_topic_make_one_line_naming_who_replied(member, member_client):
    _replies(member, NAMES)

    page = member_client.get(reverse("notifications:center")).content.decode()

    assert page.count('<li class="notification') == 1
    assert f"4 nouvelles réponses à « {SUBJECT} »".replace("'", "&#x27;") in page
    assert "Nouvelle réponse à" not in page
    assert "Marc Vidal, Léa Petit, Anne Roux…" in page  # the newest first, three named


@pytest.mark.django_db
def test_an_english_reader_reads_english(member, member_client):
    _replies(member, NAMES[:2])

    page = member_client.get(reverse("notifications:center"), HTTP_ACCEPT_LANGUAGE="en")
    bell = member_client.get(reverse("notifications:api"), HTTP_ACCEPT_LANGUAGE="en").json()

    assert "2 new replies to “Prêt d&#x27;œuvres entre musées”" in page.content.decode()
    assert bell["items"][0]["title"] == f"New reply to “{SUBJECT}”"
    assert bell["items"][0]["actor"] == "Anne Roux"


@pytest.mark.django_db
def test_opening_the_line_reads_every_reply_of_it(member, member_client):
    _replies(member, NAMES[:3])
    other = notify([member], "test_reply", title="Autre chose")[0]
    newest = Notification.objects.filter(kind="forum_reply").first()

    member_client.get(reverse("notifications:open", args=[newest.pk]))

    assert not Notification.objects.filter(kind="forum_reply", read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


@pytest.mark.django_db(transaction=True)
def test_the_toast_speaks_the_language_of_the_readers_browser(member):
    client = Client()
    client.force_login(member)
    headers = [
        (b"origin", b"http://testserver"),
        (b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()),
        (b"accept-language", b"en-GB,en;q=0.9"),
    ]

    async def scenario():
        tab = WebsocketCommunicator(application, "/ws/notifications/", headers=headers)
        assert (await tab.connect())[0]

        def reply():
            with transaction.atomic():
                _replies(member, NAMES[:1])

        await database_sync_to_async(reply)()
        received = await tab.receive_json_from(timeout=2)
        await tab.disconnect()
        return received

    assert async_to_sync(scenario)()["notification"]["title"] == f"New reply to “{SUBJECT}”"


@pytest.mark.django_db
def test_every_app_s_lines_follow_the_reader_s_language(staff, member, member_client):
    from trainings import services as trainings

    training = factories.TrainingFactory(title="Régie des œuvres")
    factories.RegistrationFactory(training=training, member=member)
    trainings.cancel_training(training=training, by=staff)

    french = member_client.get(reverse("notifications:api")).json()["items"][0]
    english = member_client.get(reverse("notifications:api"), HTTP_ACCEPT_LANGUAGE="en").json()

    assert french["title"] == "Formation annulée : Régie des œuvres"
    assert english["items"][0]["title"] == "Training cancelled: Régie des œuvres"
