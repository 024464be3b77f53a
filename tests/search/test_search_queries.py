"""The search page costs the same number of queries for 1x and 10x data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.search.conftest import make_answered_topic, make_document, search

# Session, user, membership, groups, notifications; then each area's count and page
# (the forum also reads the readable forums, the best topics and the post shown per topic;
# documents the folder table and the reader's groups).
BUDGET = 26


def _fill(forum, folder, member, other_member, times):
    for n in range(times):
        make_answered_topic(
            forum,
            member,
            other_member,
            subject=f"Humidité de la réserve {n}",
            question="Quel taux d'humidité ?",
            answer="Cinquante pour cent d'humidité.",
        )
        make_document(folder, f"Humidité {n}", text="humidité des réserves")
        factories.TrainingFactory(title=f"Humidité {n}")
        factories.JobOfferFactory(title=f"Régie et humidité {n}")
        profile = factories.CandidateProfileFactory(headline=f"Humidité {n}")
        profile.user.last_name = "Humidité"
        profile.user.save()


def _count(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "humidite", **params)
    assert response.status_code == 200
    return len(queries)


def test_constant_queries_at_1x_and_10x(recruiter_client, forum, folder, member, other_member):
    _fill(forum, folder, member, other_member, 1)
    search(recruiter_client, "humidite")  # warm the per-process caches (forum permissions)
    small = {area: _count(recruiter_client, area=area) for area in ("", "forum", "documents")}
    _fill(forum, folder, member, other_member, 9)
    search(recruiter_client, "humidite")  # new topics retired the cached forum tree: warm again
    large = {area: _count(recruiter_client, area=area) for area in ("", "forum", "documents")}
    assert small == large
    assert max(large.values()) <= BUDGET, large
