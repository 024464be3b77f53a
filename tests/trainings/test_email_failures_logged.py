"""An email about a training that cannot be sent is logged at WARNING; the others still go."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from tests import factories
from trainings import emails

pytestmark = pytest.mark.django_db


def test_a_failed_email_is_logged_and_the_others_are_sent(monkeypatch, caplog):
    training = factories.TrainingFactory()
    refused, reached = factories.make_member(), factories.make_member()
    send = EmailMessage.send

    def flaky(message, *args, **kwargs):
        if refused.email in message.to:
            raise smtplib.SMTPRecipientsRefused({refused.email: (550, b"no such user")})
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky)
    with caplog.at_level(logging.WARNING, logger="trainings.emails"):
        sent = emails.send_training_email(training, [refused, reached], "changed")
    assert sent == 1
    assert [message.to for message in mail.outbox] == [[reached.email]]
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and str(refused.pk) in warnings[0].getMessage()
