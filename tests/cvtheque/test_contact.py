"""A recruiter contacts a candidate through Cimaise; the address stays hidden until they reply."""

import pytest
from django.core import mail
from django.test import Client

from cvtheque.models import ContactRequest
from notifications.models import Notification
from tests import factories
from tests.cvtheque.conftest import make_recruiter


@pytest.fixture
def profile(member):
    return factories.CandidateProfileFactory(user=member, headline="Régisseuse expérimentée")


def _contact(client, profile, message="Un poste de régisseur s'ouvre chez nous.", capture=None):
    with capture(execute=True):
        return client.post(f"/cvtheque/cv/{profile.pk}/contacter/", {"message": message})


def test_recruiter_contacts_candidate_without_seeing_address(
    recruiter, recruiter_client, member, profile, django_capture_on_commit_callbacks
):
    response = _contact(recruiter_client, profile, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    contact = ContactRequest.objects.get()
    assert contact.recruiter == recruiter and contact.profile == profile
    notification = Notification.objects.get(recipient=member, kind="cv_contact")
    assert recruiter.get_full_name() in notification.title
    assert notification.url == f"/cvtheque/messages/{contact.pk}/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Un poste de régisseur" in mail.outbox[0].body
    assert recruiter.membership.structure.name in mail.outbox[0].body
    # Nothing the recruiter can open shows the candidate's address.
    for url in [
        f"/cvtheque/cv/{profile.pk}/",
        "/cvtheque/messages/envoyes/",
        f"/cvtheque/messages/{contact.pk}/",
    ]:
        page = recruiter_client.get(url)
        assert page.status_code == 200
        assert member.email not in page.content.decode()


def test_reply_reveals_address_to_that_recruiter_only(
    recruiter,
    recruiter_client,
    member,
    member_client,
    profile,
    django_capture_on_commit_callbacks,
):
    _contact(recruiter_client, profile, capture=django_capture_on_commit_callbacks)
    contact = ContactRequest.objects.get()
    assert "Un poste de régisseur" in member_client.get(contact.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/cvtheque/messages/{contact.pk}/repondre/", {"reply": "Avec plaisir !"}
        )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.REPLIED
    assert Notification.objects.filter(recipient=recruiter, kind="cv_contact_reply").count() == 1
    reply_mail = mail.outbox[-1]
    assert reply_mail.to == [recruiter.email]
    assert member.email in reply_mail.body and "Avec plaisir" in reply_mail.body
    assert member.email in recruiter_client.get(contact.get_absolute_url()).content.decode()
    assert member.email in recruiter_client.get("/cvtheque/messages/envoyes/").content.decode()
    # Another recruiter who did not get the reply still cannot read it.
    client = Client()
    client.force_login(make_recruiter())
    assert client.get(contact.get_absolute_url()).status_code == 404


def test_decline_keeps_address_private(
    recruiter_client, member, member_client, profile, django_capture_on_commit_callbacks
):
    _contact(recruiter_client, profile, capture=django_capture_on_commit_callbacks)
    contact = ContactRequest.objects.get()
    response = member_client.post(f"/cvtheque/messages/{contact.pk}/decliner/")
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.DECLINED
    assert member.email not in recruiter_client.get(contact.get_absolute_url()).content.decode()
    assert not Notification.objects.filter(kind="cv_contact_reply").exists()
    # A second answer is refused.
    member_client.post(f"/cvtheque/messages/{contact.pk}/repondre/", {"reply": "Finalement oui"})
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.DECLINED


def test_recruiter_cannot_answer_for_the_candidate(
    recruiter_client, profile, django_capture_on_commit_callbacks
):
    _contact(recruiter_client, profile, capture=django_capture_on_commit_callbacks)
    contact = ContactRequest.objects.get()
    response = recruiter_client.post(f"/cvtheque/messages/{contact.pk}/repondre/", {"reply": "x"})
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.status == ContactRequest.Status.PENDING


def test_other_member_cannot_read_a_contact(
    recruiter_client, other_member_client, profile, django_capture_on_commit_callbacks
):
    _contact(recruiter_client, profile, capture=django_capture_on_commit_callbacks)
    contact = ContactRequest.objects.get()
    assert other_member_client.get(contact.get_absolute_url()).status_code == 404
    assert other_member_client.post(f"/cvtheque/messages/{contact.pk}/decliner/").status_code == 404


@pytest.mark.parametrize("role", ["member", "moderator"])
@pytest.mark.usefixtures("db")
def test_non_recruiters_cannot_contact(client_for_role, role):
    profile = factories.CandidateProfileFactory(visibility="members")
    client, _user = client_for_role(role)
    response = client.post(f"/cvtheque/cv/{profile.pk}/contacter/", {"message": "Bonjour"})
    assert response.status_code == 403
    assert not ContactRequest.objects.exists()
    assert not mail.outbox


def test_hidden_profile_cannot_be_contacted(recruiter_client):
    profile = factories.CandidateProfileFactory(visibility="hidden")
    response = recruiter_client.post(
        f"/cvtheque/cv/{profile.pk}/contacter/", {"message": "Bonjour"}
    )
    assert response.status_code == 404
    assert not ContactRequest.objects.exists()


def test_empty_message_is_refused(recruiter_client, profile):
    response = recruiter_client.post(f"/cvtheque/cv/{profile.pk}/contacter/", {"message": "  "})
    assert response.status_code == 400
    assert not ContactRequest.objects.exists()
    assert not Notification.objects.exists()
