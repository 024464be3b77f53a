"""The home page is a member's dashboard: next trainings, what is new in the folders they
follow, offers in their profession, the forum, and a "first steps" checklist that goes away
once done; nothing on it the member may not open; its query count does not grow with data."""

import datetime
import html

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.models import Folder, FolderFollow
from forum.models import ForumFollow
from tests import factories
from tests.forum.conftest import Forum, make_topic
from trainings.models import CalendarFeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum():
    return Forum.objects.get(slug="conservation-preventive")


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_new_member_is_offered_first_steps_with_honest_empty_states(member_client):
    page = home(member_client)
    assert "Premiers pas" in page
    for step in (
        "Ajouter ma photo à mon profil",
        "Suivre le forum de mon métier",
        "Abonner mon agenda à mes formations",
    ):
        assert step in page
    assert "Vous n'avez pas encore posé de question." in page
    assert "toutes vos questions ont reçu une réponse" not in page
    assert "Vous n'êtes inscrit·e à aucune formation à venir." in page


def test_first_steps_are_ticked_then_the_checklist_goes(member, member_client, forum):
    member.photo = "photos/portrait.jpg"
    member.save()
    page = home(member_client)
    assert "<s>Ajouter ma photo à mon profil</s>" in page
    ForumFollow.objects.create(forum=forum, user=member)
    CalendarFeed.objects.create(member=member, last_fetched_at=timezone.now())
    assert "Premiers pas" not in home(member_client)


def test_a_feed_counts_as_subscribed_once_a_calendar_app_read_it(member, member_client, client):
    feed = CalendarFeed.objects.create(member=member)
    assert "Abonner mon agenda à mes formations</a>" in home(member_client)
    assert client.get(f"/formations/agenda/{feed.token}.ics").status_code == 200
    feed.refresh_from_db()
    assert feed.last_fetched_at is not None
    assert "<s>Abonner mon agenda à mes formations</s>" in home(member_client)


def test_the_cards_show_what_is_next_for_me(member, member_client):
    registration = factories.RegistrationFactory(member=member, training__title="Récolement")
    factories.TrainingFactory(title="Journée des publics")
    followed = factories.FolderFactory(name="Régie")
    FolderFollow.objects.create(folder=followed, user=member)
    factories.DocumentFactory(folder=followed, title="Constat d'état type")
    factories.DocumentFactory(title="Dans un autre dossier")
    member.membership.profession = "regie"
    member.membership.save()
    factories.JobOfferFactory(title="Régisseur des collections", profession="regie")
    factories.JobOfferFactory(title="Médiateur", profession="mediation")

    page = home(member_client)
    assert registration.training.title in page and "Journée des publics" in page
    assert "Nouveau dans les dossiers que je suis" in page
    assert "Constat d'état type" in page and "Dans un autre dossier" not in page
    assert "Offres en Régie" in page and "Régisseur des collections" in page
    assert "Médiateur" not in page


def test_nothing_from_a_folder_the_member_cannot_read(member_client):
    closed = factories.FolderFactory(name="Bureau", read_access=Folder.ReadAccess.RESTRICTED)
    factories.DocumentFactory(folder=closed, title="Compte rendu du bureau")
    factories.DocumentFactory(title="Guide du récolement")
    page = home(member_client)
    assert "Guide du récolement" in page
    assert "Compte rendu du bureau" not in page


def _fill(times: int, member, forum):
    for n in range(times):
        factories.RegistrationFactory(member=member, training__title=f"Stage {n}")
        factories.TrainingFactory()
        folder = factories.FolderFactory()
        FolderFollow.objects.create(folder=folder, user=member)
        factories.DocumentFactory(folder=folder)
        factories.JobOfferFactory(profession=member.membership.profession)
        make_topic(forum, member, subject=f"Question {n}")


def _queries(client) -> int:
    """Queries of a visit that computes every card (nothing kept in the cache)."""
    client.get("/")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_home_page_costs_the_same_queries_with_ten_times_the_data(member, member_client, forum):
    _fill(1, member, forum)
    once = _queries(member_client)
    _fill(9, member, forum)
    assert _queries(member_client) == once
    assert once <= 30


def test_what_is_new_means_the_last_thirty_days(member, member_client):
    folder = factories.FolderFactory()
    FolderFollow.objects.create(folder=folder, user=member)
    old = factories.DocumentFactory(folder=folder, title="Vieux procès-verbal")
    type(old).objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert "Vieux procès-verbal" not in home(member_client)


def test_a_card_is_kept_until_what_it_shows_changes(member, member_client):
    folder = factories.FolderFactory(name="Régie")
    FolderFollow.objects.create(folder=folder, user=member)
    assert "Inventaire 2026" not in home(member_client)
    factories.DocumentFactory(folder=folder, title="Inventaire 2026")
    assert "Inventaire 2026" in home(member_client)
    member.membership.profession = "mediation"
    member.membership.save()
    factories.JobOfferFactory(title="Médiatrice jeune public", profession="mediation")
    page = home(member_client)
    assert "Offres en Médiation" in page and "Médiatrice jeune public" in page


def test_a_folder_closed_to_the_member_leaves_the_card_at_once(member, member_client):
    folder = factories.FolderFactory(name="Bureau")
    FolderFollow.objects.create(folder=folder, user=member)
    factories.DocumentFactory(folder=folder, title="Ordre du jour du bureau")
    assert "Ordre du jour du bureau" in home(member_client)
    folder.read_access = Folder.ReadAccess.RESTRICTED
    folder.save()
    assert "Ordre du jour du bureau" not in home(member_client)


def test_the_cached_cards_cost_less_than_computing_them(member, member_client, forum):
    _fill(3, member, forum)
    member_client.get("/")
    with CaptureQueriesContext(connection) as cached:
        member_client.get("/")
    cache.clear()
    with CaptureQueriesContext(connection) as computed:
        member_client.get("/")
    assert len(cached) < len(computed)
