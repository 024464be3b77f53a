"""Emails reach people in the language they read the site in: the site remembers it when it
changes (community.middleware.RememberLanguageMiddleware), with no write while it stays French."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db


def test_choosing_english_is_remembered_once(member, member_client):
    member_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    member_client.get("/")
    member.refresh_from_db()
    assert member.language == "en"
    with CaptureQueriesContext(connection) as queries:
        member_client.get("/")
    assert not any(q["sql"].startswith("UPDATE") for q in queries.captured_queries)


def test_a_french_reader_costs_no_write(member, member_client):
    with CaptureQueriesContext(connection) as queries:
        member_client.get("/")
    assert not any(q["sql"].startswith("UPDATE") for q in queries.captured_queries)
    member.refresh_from_db()
    assert member.language == ""


@pytest.mark.parametrize(
    ("language", "expected", "not_expected"),
    [("en", "To see the details:", "Pour voir le détail"), ("", "Pour voir le détail", "To see")],
)
def test_an_email_is_written_in_the_reader_s_language(
    language, expected, not_expected, django_capture_on_commit_callbacks
):
    reader = factories.make_member()
    reader.language = language
    reader.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [reader],
            "mention",
            actor=factories.make_member(),
            title="Vous avez été mentionné·e dans « Hygrométrie ».",
            url="/forum/",
            params={"subject": "Hygrométrie"},
        )
    body = mail.outbox[-1].body
    assert expected in body and not_expected not in body


def test_a_membership_decision_reads_in_the_reader_s_language(staff, applicant, client):
    from django.urls import reverse

    from community.membership import services as membership

    membership.approve_membership(applicant.membership, by=staff)
    client.force_login(applicant)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("notifications:center")).content.decode()
    applicant.membership.refresh_from_db()
    until = applicant.membership.valid_until
    assert f"Your membership is valid until {until.day} {until:%B} {until.year}." in page
