"""One application error base (message, status) for every app, answered in one place: the page
with the message under the status, or `{"error": message}` for a JSON caller."""

import html
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from django.urls import resolve, reverse

import cvtheque.errors
import documents.errors
import forum.errors
import forum.services
import trainings.errors
from community import errors, files
from community.middleware import MembersOnlyGateMiddleware

APP_ERRORS = [
    errors.MembershipError,
    errors.AccountDeletionRefused,
    files.FileRejected,
    files.StorageUnavailable,
    cvtheque.errors.CvError,
    cvtheque.errors.CvFileRejected,
    documents.errors.DocumentError,
    documents.errors.InvalidUpload,
    trainings.errors.TrainingError,
    trainings.errors.RegistrationRefused,
    forum.errors.ForumError,
    forum.errors.NotAReply,
    forum.errors.NotApproved,
]


@pytest.mark.parametrize("error_class", APP_ERRORS, ids=lambda cls: cls.__qualname__)
def test_every_apps_errors_have_the_one_base(error_class):
    error = error_class()
    assert isinstance(error, errors.CimaiseError)
    assert str(error) and 400 <= error.status < 600


def test_there_is_one_not_allowed():
    for module in (cvtheque.errors, documents.errors, forum.errors, trainings.errors):
        assert module.NotAllowed is errors.NotAllowed


def _request(path, **headers):
    request = RequestFactory().get(path, **headers)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.resolver_match = resolve(path)
    return request


@pytest.mark.django_db
def test_the_page_carries_the_message_and_the_status():
    gate = MembersOnlyGateMiddleware(lambda _request: None)
    error = forum.errors.NotAReply()
    response = gate.process_exception(_request(reverse("community:legal")), error)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Seule une réponse peut être marquée comme solution" in page
    assert "Action impossible" in page


@pytest.mark.django_db
def test_a_json_caller_gets_json():
    gate = MembersOnlyGateMiddleware(lambda _request: None)
    request = _request(reverse("community:legal"), HTTP_ACCEPT="application/json")
    response = gate.process_exception(
        request, errors.NotAllowed(forum.services.ONLY_ASKER_OR_MODERATOR)
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "error": "Seul l'auteur de la question ou un modérateur peut choisir sa solution."
    }


@pytest.mark.django_db
def test_the_page_offers_the_way_back_to_a_page_of_ours_only():
    gate = MembersOnlyGateMiddleware(lambda _request: None)
    ours = "http://testserver/forum/"
    request = _request(reverse("community:legal"), HTTP_REFERER=ours)
    page = gate.process_exception(request, forum.errors.NotAReply()).content.decode()
    assert f'href="{ours}"' in page
    elsewhere = "https://evil.example/forum/"
    request = _request(reverse("community:legal"), HTTP_REFERER=elsewhere)
    page = gate.process_exception(request, forum.errors.NotAReply()).content.decode()
    assert "evil.example" not in page


def test_other_exceptions_are_left_to_django():
    gate = MembersOnlyGateMiddleware(lambda _request: None)
    assert gate.process_exception(_request(reverse("community:legal")), ValueError("x")) is None


@pytest.mark.django_db
def test_the_notifications_feed_answers_json_to_a_json_caller(client):
    response = client.get(reverse("notifications:api"), HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json() == {"error": "Connexion requise."}
