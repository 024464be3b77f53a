"""A refused action in the CV library reaches the person: the page with the message and the
status, or `{"error": message}` for a JSON caller (the one mechanism of community.errors)."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from community.errors import CimaiseError, NotAllowed
from cvtheque import errors
from cvtheque.models import ContactRequest, JobOffer
from tests import factories
from tests.cvtheque.conftest import make_recruiter

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_cv_library_errors_are_application_errors():
    assert issubclass(errors.CvError, CimaiseError)
    assert errors.NotAllowed is NotAllowed


def test_publishing_another_structures_offer_is_refused_with_its_message(recruiter_client):
    offer = factories.JobOfferFactory(status="draft", published_at=None)
    response = recruiter_client.post(reverse("cvtheque:offer_publish", args=[offer.pk]))
    assert response.status_code == 403
    assert "Cette offre n'est pas celle de votre structure." in _text(response)
    offer.refresh_from_db()
    assert offer.status == JobOffer.Status.DRAFT


def test_a_json_caller_gets_json(recruiter_client):
    offer = factories.JobOfferFactory(status="draft", published_at=None)
    response = recruiter_client.post(
        reverse("cvtheque:offer_publish", args=[offer.pk]), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Cette offre n'est pas celle de votre structure."}


def test_a_rule_of_the_cv_library_answers_400_with_its_message():
    recruiter = make_recruiter()
    offer = factories.JobOfferFactory(structure=recruiter.membership.structure, author=recruiter)
    client = Client()
    client.force_login(recruiter)
    # Already published: publishing again is refused by the service (a CvError).
    response = client.post(reverse("cvtheque:offer_publish", args=[offer.pk]))
    assert response.status_code == 400
    assert "Seul un brouillon peut être publié." in _text(response)


def test_declining_twice_is_refused_with_its_message(member, member_client):
    profile = factories.CandidateProfileFactory(user=member)
    contact = ContactRequest.objects.create(
        profile=profile, recruiter=make_recruiter(), message="Bonjour"
    )
    url = reverse("cvtheque:contact_decline", args=[contact.pk])
    assert member_client.post(url).status_code == 302
    response = member_client.post(url)
    assert response.status_code == 400
    assert "Vous avez déjà donné suite à ce message." in _text(response)


def test_a_refused_reply_says_why(member, member_client):
    profile = factories.CandidateProfileFactory(user=member)
    contact = ContactRequest.objects.create(
        profile=profile,
        recruiter=make_recruiter(),
        message="Bonjour",
        status=ContactRequest.Status.DECLINED,
    )
    response = member_client.post(
        reverse("cvtheque:contact_reply", args=[contact.pk]),
        {"reply": "Disponible dès septembre"},
    )
    assert response.status_code == 400
    text = _text(response)
    assert "Vous avez déjà donné suite à ce message." in text
    contact.refresh_from_db()
    assert contact.reply == ""
