"""One digest across the whole space, weekly unless the member chose daily: grouped by area,
nothing already emailed or read, what happened in the network, and a one-click unsubscribe."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from notifications.emails import unsubscribe_token
from notifications.kinds import Delivery
from notifications.models import DigestSubscription, Notification, NotificationPreference
from notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MONDAY = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=PARIS)


def _digest():
    call_command("send_notification_digest", verbosity=0)
    call_command("send_outbox", verbosity=0)


def _daily(person):
    DigestSubscription.objects.create(user=person, frequency="daily")


def test_weekly_by_default_once_a_week(member):
    with time_machine.travel(MONDAY, tick=False) as clock:
        for day in range(7):
            clock.move_to(MONDAY + datetime.timedelta(days=day))
            notify([member], "test_daily", title=f"Document du jour {day}")
            _digest()
        assert len(mail.outbox) == 1  # the first run of the week
        clock.move_to(MONDAY + datetime.timedelta(days=7))
        _digest()
    assert len(mail.outbox) == 2
    assert "Votre résumé de la semaine" in mail.outbox[1].subject
    assert "Document du jour 6" in mail.outbox[1].body


def test_a_member_may_choose_a_daily_digest(member):
    _daily(member)
    with time_machine.travel(MONDAY, tick=False) as clock:
        for day in range(3):
            clock.move_to(MONDAY + datetime.timedelta(days=day))
            notify([member], "test_daily", title=f"Document {day}")
            _digest()
            _digest()
    assert [m.subject for m in mail.outbox] == [
        "[Cimaise] Votre résumé du jour : 1 notification"
    ] * 3


def test_grouped_by_area_without_what_was_emailed_or_read(member):
    NotificationPreference.objects.create(user=member, kind="test_reply", delivery="digest")
    with time_machine.travel(MONDAY, tick=False):
        notify([member], "test_reply", title="Réponse à résumer")
        notify([member], "test_daily", title="Document à résumer")
        read = notify([member], "test_daily", title="Document déjà lu")[0]
        Notification.objects.filter(pk=read.pk).update(read_at=MONDAY)
        NotificationPreference.objects.filter(user=member).update(delivery="immediate")
        notify([member], "test_reply", title="Réponse déjà envoyée")  # emailed at once
        NotificationPreference.objects.filter(user=member).update(delivery="digest")
        call_command("send_outbox", verbosity=0)
        mail.outbox.clear()
        _digest()

    (email,) = mail.outbox
    body = email.body
    assert "== Forum ==" in body and "== Documents ==" in body
    assert body.index("== Forum ==") < body.index("Réponse à résumer")
    assert "Document à résumer" in body
    assert "Document déjà lu" not in body and "Réponse déjà envoyée" not in body


def test_the_network_section_counts_what_was_told_this_week(member, other_member):
    folder = factories.StructureFactory()
    with time_machine.travel(MONDAY, tick=False):
        for n in range(3):
            notify(
                [other_member],
                "document_new",
                target=factories.StructureFactory(),
                title=f"Document {n}",
            )
        notify([member], "document_new", target=folder, title="Le mien")
        _digest()
    mine = next(m for m in mail.outbox if m.to == [member.email])
    assert "Dans le réseau cette semaine" in mine.body
    assert "4 nouveaux documents" in mine.body


def test_one_click_unsubscribe_without_logging_in(member):
    with time_machine.travel(MONDAY, tick=False):
        notify([member], "test_daily", title="Nouveau document")
        _digest()
    (email,) = mail.outbox
    url = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in email.body
    path = url.split("://", 1)[1].split("/", 1)[1]
    anonymous = Client(enforce_csrf_checks=True)

    page = anonymous.get(f"/{path}")
    assert page.status_code == 200 and member.email in page.content.decode()
    assert DigestSubscription.objects.filter(user=member, frequency="never").count() == 0

    done = anonymous.post(f"/{path}")  # what a mail client does, without any cookie
    assert done.status_code == 200
    assert DigestSubscription.objects.get(user=member).frequency == "never"

    with time_machine.travel(MONDAY + datetime.timedelta(days=7), tick=False):
        notify([member], "test_daily", title="Encore un document")
        _digest()
    assert len(mail.outbox) == 1  # no more digests; the notification stays on the site
    assert Notification.objects.filter(title="Encore un document").exists()


def test_a_forged_unsubscribe_link_changes_nothing(member):
    token = unsubscribe_token(member)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = Client().post(f"/notifications/resume/desabonnement/{forged}/")
    assert response.status_code == 404
    assert not DigestSubscription.objects.exists()


def test_the_frequency_is_chosen_on_the_preferences_page(member_client, member):
    page = member_client.get("/notifications/preferences/").content.decode()
    assert "Chaque semaine" in page and 'value="weekly"' in page
    form = member_client.get("/notifications/preferences/").context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["digest_frequency"] = "daily"
    data["kind_forum_reply"] = Delivery.DIGEST
    response = member_client.post("/notifications/preferences/", data)
    assert response.status_code == 302
    assert DigestSubscription.objects.get(user=member).frequency == "daily"
