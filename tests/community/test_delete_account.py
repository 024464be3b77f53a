"""A person deletes their account: data erased, forum posts anonymised, files gone, logged out."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from community import files, gdpr
from community.models import Membership
from cvtheque.models import CandidateProfile
from documents.models import Document, DocumentVersion
from notifications.models import Notification
from tests import factories
from tests.community.gdpr_data import fill
from trainings.models import Registration

User = get_user_model()
URL = reverse("community:gdpr_delete")


def test_deletion_erases_and_anonymises(
    member, member_client, other_member, django_capture_on_commit_callbacks
):
    mine = fill(member, tag="moi")
    theirs = fill(other_member, tag="autre")
    cv_file = mine.cv.cv_file

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(URL, {"confirm_email": member.email.upper()})

    assert response.status_code == 302
    assert response["Location"] == reverse("community:account_deleted")
    user = User.objects.get(pk=member.pk)
    assert user.email == f"deleted-{member.pk}@invalid"
    assert (user.first_name, user.last_name, user.handle) == ("", "", None)
    assert not user.is_active
    assert not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    # CV: row and stored file gone.
    assert not CandidateProfile.objects.filter(user=user).exists()
    assert not files.file_exists(cv_file)
    # Registrations and notifications gone.
    assert not Registration.objects.filter(member=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    # Forum: the post stays, without its author.
    mine.post.refresh_from_db()
    assert mine.post.poster is None
    assert mine.post.username == "Ancien membre"
    assert mine.post.content.raw == "Message de moi"
    mine.topic.refresh_from_db()
    assert mine.topic.poster is None
    # Documents are the association's: kept with their file, without author.
    document = Document.objects.get(pk=mine.document.pk)
    assert document.author is None
    assert DocumentVersion.objects.get(pk=mine.version.pk).uploaded_by is None
    assert files.file_exists(mine.version.file_name)
    # The membership had no dues: it is removed.
    assert not Membership.objects.filter(user=user).exists()
    # Nobody else is touched.
    assert files.file_exists(theirs.cv.cv_file)
    assert CandidateProfile.objects.filter(user=other_member).exists()
    theirs.post.refresh_from_db()
    assert theirs.post.poster == other_member
    assert Registration.objects.filter(member=other_member).exists()


def test_person_is_logged_out_and_sees_a_confirmation(member, member_client):
    response = member_client.post(URL, {"confirm_email": member.email}, follow=True)

    assert response.status_code == 200
    assert "Votre compte est supprimé" in response.text
    assert not response.wsgi_request.user.is_authenticated
    after = member_client.get(reverse("community:profile"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("account_login"))


def test_other_sessions_of_the_account_end(member, member_client):
    elsewhere = Client()
    elsewhere.force_login(member)

    member_client.post(URL, {"confirm_email": member.email})

    assert elsewhere.get(reverse("community:profile")).status_code == 302


def test_membership_with_dues_is_kept_as_anonymous_history(member, member_client):
    membership = member.membership
    membership.application_note = "Je suis régisseuse au musée."
    membership.save()
    factories.DuesPaymentFactory(membership=membership)

    member_client.post(URL, {"confirm_email": member.email})

    membership.refresh_from_db()
    assert membership.status == Membership.Status.EXPIRED
    assert membership.application_note == ""
    assert membership.job_title == ""
    assert membership.payments.count() == 1


@pytest.mark.usefixtures("mailoutbox")
def test_a_freed_seat_goes_to_the_waiting_list(member, member_client, other_member):
    training = factories.TrainingFactory(capacity=1)
    factories.RegistrationFactory(training=training, member=member)
    waiting = factories.RegistrationFactory(
        training=training, member=other_member, status=Registration.Status.WAITLISTED
    )

    member_client.post(URL, {"confirm_email": member.email})

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_wrong_email_is_refused_and_nothing_deleted(member, member_client):
    mine = fill(member, tag="moi")

    response = member_client.post(URL, {"confirm_email": "quelquun@ailleurs.fr"})

    assert response.status_code == 400
    assert "ne correspond pas" in response.text
    user = User.objects.get(pk=member.pk)
    assert user.is_active and user.email == member.email
    assert CandidateProfile.objects.filter(user=member).exists()
    assert files.file_exists(mine.cv.cv_file)
    mine.post.refresh_from_db()
    assert mine.post.poster == member


def test_empty_confirmation_is_refused(member, member_client):
    response = member_client.post(URL, {"confirm_email": ""})

    assert response.status_code == 400
    assert User.objects.get(pk=member.pk).is_active


def test_get_is_refused(member, member_client):
    assert member_client.get(URL).status_code == 405
    assert User.objects.get(pk=member.pk).is_active


def test_anonymous_is_refused_by_the_gate(anonymous_client, member):
    response = anonymous_client.post(URL, {"confirm_email": member.email})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert User.objects.get(pk=member.pk).is_active


def test_applicant_can_delete_their_account(applicant, applicant_client):
    response = applicant_client.post(URL, {"confirm_email": applicant.email})

    assert response.status_code == 302
    assert not User.objects.get(pk=applicant.pk).is_active
    assert not Membership.objects.filter(user=applicant).exists()


def test_last_staff_member_cannot_leave(staff, staff_client):
    response = staff_client.post(URL, {"confirm_email": staff.email})

    assert response.status_code == 400
    assert "Vous êtes le dernier membre actif" in response.text
    assert User.objects.get(pk=staff.pk).is_active


def test_staff_member_can_leave_when_another_remains(staff, staff_client):
    factories.UserFactory(is_staff=True)

    response = staff_client.post(URL, {"confirm_email": staff.email})

    assert response.status_code == 302
    user = User.objects.get(pk=staff.pk)
    assert not user.is_active and not user.is_staff


def test_a_failure_during_erasure_leaves_everything_intact(
    member, monkeypatch, django_capture_on_commit_callbacks
):
    """A database failure in one app rolls back every app, and no file removal is left to run."""
    mine = fill(member, tag="moi")
    modules = dict(gdpr.gdpr_modules())

    def broken_erase(_user):
        raise RuntimeError("base de données indisponible")

    # trainings comes after cvtheque: the CV has already been deleted (then rolled back).
    monkeypatch.setattr(modules["trainings"], "erase", broken_erase)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            gdpr.delete_account(member, confirm_email=member.email)

    assert callbacks == []
    user = User.objects.get(pk=member.pk)
    assert user.is_active and user.email == member.email
    assert EmailAddress.objects.filter(user=user).exists()
    assert CandidateProfile.objects.filter(user=user).exists()
    assert files.file_exists(mine.cv.cv_file)
    mine.post.refresh_from_db()
    assert mine.post.poster == user
    assert Notification.objects.filter(recipient=user).exists()
    assert Document.objects.get(pk=mine.document.pk).author == user
