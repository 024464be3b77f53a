"""Each action tells people through notify() only: one email or none, as each person chose.

The per-app mailers are gone: cancelling a training, registering, contacting a candidate,
deciding on a membership each send exactly what the kind and the member's choice say.
"""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from community.membership import services as membership
from community.models import Membership
from cvtheque import services as cvtheque
from notifications.kinds import Delivery
from notifications.models import Notification, NotificationPreference, OutgoingEmail
from tests import factories
from trainings import services as trainings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "delivery, emails", [(Delivery.IMMEDIATE, 1), (Delivery.OFF, 0), (Delivery.IN_APP, 0)]
)
def test_a_cancelled_training_is_emailed_once_or_not_at_all(
    delivery, emails, staff, member, django_capture_on_commit_callbacks
):
    training = factories.TrainingFactory()
    factories.RegistrationFactory(training=training, member=member)
    NotificationPreference.objects.create(user=member, kind="training_cancelled", delivery=delivery)

    with django_capture_on_commit_callbacks(execute=True):
        trainings.cancel_training(training=training, by=staff)

    assert len([m for m in mail.outbox if m.to == [member.email]]) == emails


def test_registering_emails_the_confirmation_with_the_ics(
    member, django_capture_on_commit_callbacks
):
    training = factories.TrainingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        trainings.register(member=member, training=training)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert "Inscription confirmée" in email.subject
    assert "Votre inscription est confirmée." in email.body and training.title in email.body
    ((filename, content, mimetype),) = email.attachments
    assert (filename, mimetype) == (f"formation-{training.pk}.ics", "text/calendar")
    assert "BEGIN:VCALENDAR" in (content if isinstance(content, str) else content.decode())
    assert Notification.objects.get(recipient=member).kind == "training_registered"


def test_a_waitlisted_member_gets_no_ics(member, django_capture_on_commit_callbacks):
    training = factories.TrainingFactory(capacity=1)
    factories.RegistrationFactory(training=training)

    with django_capture_on_commit_callbacks(execute=True):
        trainings.register(member=member, training=training)

    assert len(mail.outbox) == 1
    assert "liste d'attente" in mail.outbox[0].body and mail.outbox[0].attachments == []


def test_a_contacted_candidate_gets_one_email_and_the_recruiter_one_reply(
    recruiter, django_capture_on_commit_callbacks
):
    profile = factories.CandidateProfileFactory()

    with django_capture_on_commit_callbacks(execute=True):
        contact = cvtheque.contact_candidate(
            recruiter=recruiter, profile=profile, message="Un poste s'ouvre chez nous."
        )
    assert [m.to for m in mail.outbox] == [[profile.user.email]]
    assert "Un poste s'ouvre chez nous." in mail.outbox[0].body
    assert recruiter.email not in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        cvtheque.reply_to_contact(candidate=profile.user, contact=contact, reply="Avec plaisir")
    reply = mail.outbox[1]
    assert reply.to == [recruiter.email] and reply.reply_to == [profile.user.email]
    assert profile.user.email in reply.body and "Avec plaisir" in reply.body


def test_a_refusal_reaches_the_person_refused(staff, applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership.reject_membership(applicant.membership, by=staff, reason="Hors région")

    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert "Hors région" in mail.outbox[0].body
    assert not Notification.objects.filter(recipient=applicant).exists()


def test_a_suspension_reaches_the_person_suspended(
    staff, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        membership.suspend_membership(member.membership, by=staff, reason="Cotisation impayée")

    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "suspendue" in mail.outbox[0].body and "Cotisation impayée" in mail.outbox[0].body


def test_a_new_application_is_told_to_staff_at_once(
    staff, member, django_capture_on_commit_callbacks
):
    newcomer = factories.UserFactory(first_name="Inès", last_name="Marty")
    structure = factories.StructureFactory(name="Musée Fenaille")

    with django_capture_on_commit_callbacks(execute=True):
        applied = membership.apply_for_membership(
            user=newcomer, structure=structure, job_title="Régisseuse", profession="regie"
        )

    assert applied.status == Membership.Status.PENDING
    told = Notification.objects.get(kind="membership_application")
    assert told.recipient == staff and "Inès Marty" in told.title
    assert told.url == reverse("community:membership_detail", args=[applied.pk])
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert not Notification.objects.filter(recipient=member).exists()


def test_a_rolled_back_action_queues_no_email(staff, member):
    training = factories.TrainingFactory()
    factories.RegistrationFactory(training=training, member=member)

    with pytest.raises(RuntimeError), transaction.atomic():
        trainings.cancel_training(training=training, by=staff)
        assert OutgoingEmail.objects.count() == 1  # written with the data…
        raise RuntimeError
    assert OutgoingEmail.objects.count() == 0  # …and gone with it
