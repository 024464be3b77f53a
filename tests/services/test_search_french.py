"""French as members type it, on PostgreSQL's full-text search (`cimaise_french`: french with
unaccent before the stemmer). Each query comes with the results it must return.

What french_stem really does was checked on PostgreSQL 15 before writing these claims:
"restaurer", "restauration", "restauré" all become 'restaur'; "conserver" and "conservation"
'conserv'; "réserves" and "réserve" 'reserv' (after unaccent); "humidité" 'humidit'.
It does not relate irregular forms or synonyms, and nothing here claims it does.
"""

import pytest
from django.db import connection

from documents.models import Document
from tests.forum.conftest import make_reply, make_topic
from tests.search.conftest import (  # noqa: F401 - everything, folder, forum, restricted_folder: fixtures
    everything,
    folder,
    forum,
    make_answered_topic,
    make_document,
    restricted_folder,
    search,
)


def found(client, q, area):
    response = search(client, q, area=area)
    assert response.status_code == 200, response.content[:500]
    current = response.context["current"]["found"]
    return [hit.title for hit in current.hits], current


def test_the_database_really_is_postgresql_with_the_french_configuration(db):  # noqa: ARG001
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('cimaise_french', 'Humidité des réserves')::text")
        assert cursor.fetchone()[0] == "'humidit':1 'reserv':3"


@pytest.fixture
def library(folder):  # noqa: F811
    return {
        "plan": make_document(
            folder,
            "Plan de sauvegarde des collections",
            text="Le plan de sauvegarde des œuvres prévoit l'évacuation des réserves.",
        ),
        "scattered": make_document(
            folder,
            "Sauvegarde informatique",
            text="Sauvegarde des serveurs. Un plan du bâtiment est joint.",
        ),
        "restoration": make_document(
            folder,
            "Cahier des charges",
            text="Marché de restauration des peintures murales du chœur.",
        ),
        "conservation": make_document(
            folder, "Rapport annuel", text="Conservation préventive : constats d'état réalisés."
        ),
    }


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        # Without accents, with accents, in capitals: the same results.
        ("evacuation", ["Plan de sauvegarde des collections"]),
        ("ÉVACUATION", ["Plan de sauvegarde des collections"]),
        # The ligature: unaccent turns "œuvres" into "oeuvres" in the text.
        ("oeuvres", ["Plan de sauvegarde des collections"]),
        # Plurals: "réserves" in the text, "reserve" typed.
        ("reserve", ["Plan de sauvegarde des collections"]),
        ("peinture", ["Cahier des charges"]),
        # Verb and noun share the stem: restaurer / restauration, conserver / conservation.
        ("restaurer", ["Cahier des charges"]),
        ("restauré", ["Cahier des charges"]),
        ("conserver", ["Rapport annuel"]),
        ("constat", ["Rapport annuel"]),
        # A phrase in quotes: the words next to each other, in that order.
        ('"plan de sauvegarde"', ["Plan de sauvegarde des collections"]),
        ('"sauvegarde plan"', []),
        # Two words, in any order, both required.
        (
            "plan sauvegarde",
            ["Plan de sauvegarde des collections", "Sauvegarde informatique"],
        ),
        (
            "sauvegarde plan",
            ["Plan de sauvegarde des collections", "Sauvegarde informatique"],
        ),
        ("sauvegarde -serveurs", ["Plan de sauvegarde des collections"]),
        ("sauvegarde or peintures", None),  # either word: three documents (checked below)
        # Only stop words: nothing, and no error.
        ("le la des du", []),
    ],
)
@pytest.mark.usefixtures("library")
def test_documents_found_as_people_type(member_client, query, titles):
    found_titles, current = found(member_client, query, "documents")
    if titles is None:
        assert current.count == 3
        return
    assert sorted(found_titles) == sorted(titles), query
    assert current.count == len(titles)


@pytest.mark.usefixtures("library")
def test_oe_ligature_is_found_when_typed_as_a_ligature(member_client):
    titles, _ = found(member_client, "œuvres", "documents")
    assert titles == ["Plan de sauvegarde des collections"]


def test_a_title_ranks_above_a_mention_in_the_text(member_client, folder):  # noqa: F811
    make_document(folder, "Note diverse", text="On parle aussi de vitrines ici.")
    make_document(folder, "Vitrines", text="Choix des matériaux.")
    titles, _ = found(member_client, "vitrine", "documents")
    assert titles == ["Vitrines", "Note diverse"]


def test_the_forum_by_topic_with_the_accepted_answer(member_client, everything):  # noqa: F811
    titles, current = found(member_client, "humidite reserve", "forum")
    assert titles == ["Humidité dans la réserve"]
    hit = current.hits[0]
    assert hit.badge == "Réponse retenue"
    assert f"post={everything['reply'].pk}" in hit.url
    # ts_headline marks the words as written, accents included.
    assert "<mark>humidité</mark>" in hit.snippet
    assert "<mark>réserve</mark>" in hit.snippet


def test_an_accepted_answer_outranks_a_plain_reply(member_client, forum, member, other_member):  # noqa: F811
    plain = make_topic(forum, member, subject="Question A", content="Une question.")
    make_reply(plain, other_member, content="Le silicagel régule l'humidité.")
    make_answered_topic(
        forum,
        member,
        other_member,
        subject="Question B",
        question="Une autre question.",
        answer="Le silicagel régule l'humidité.",
    )
    titles, _ = found(member_client, "silicagel", "forum")
    assert titles == ["Question B", "Question A"]


def test_topic_titles_count_more_than_replies(member_client, forum, member, other_member):  # noqa: F811
    by_reply = make_topic(forum, member, subject="Question de régie", content="Une question.")
    make_reply(by_reply, other_member, content="Pensez au thermohygromètre.")
    make_topic(forum, member, subject="Thermohygromètre en salle", content="Lequel choisir ?")
    titles, _ = found(member_client, "thermohygrometre", "forum")
    assert titles == ["Thermohygromètre en salle", "Question de régie"]


def test_a_post_edited_is_found_by_its_new_words(member_client, forum, member):  # noqa: F811
    topic = make_topic(forum, member, subject="Éclairage", content="Des LED ?")
    post = topic.first_post
    post.content = "Lampes à fibre optique."
    post.save()
    assert found(member_client, "optique", "forum")[0] == ["Éclairage"]
    assert found(member_client, "LED", "forum")[0] == []


def test_a_renamed_document_is_found_by_its_new_title(member_client, folder):  # noqa: F811
    document = make_document(folder, "Ancien titre", text="Texte")
    Document.objects.filter(pk=document.pk).update(title="Mobilier de réserve")
    assert found(member_client, "mobilier", "documents")[0] == ["Mobilier de réserve"]


def test_the_restricted_folder_stays_hidden(member_client, restricted_folder):  # noqa: F811
    make_document(restricted_folder, "Budget", text="masse salariale")
    assert found(member_client, "salariale", "documents")[1].count == 0


def test_the_search_uses_the_gin_indexes(db):  # noqa: ARG001
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef ILIKE '%USING gin%'"
            " AND tablename IN ('cimaise_forum_postsearch', 'documents_document')"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"cimaise_forum_postsearch_vector", "documents_document_search_vector_gin"}


def test_every_area_answers_on_postgresql(recruiter_client, everything):  # noqa: F811, ARG001
    response = search(recruiter_client, "humidite reserve")
    assert response.status_code == 200
    sections = {s["area"].key: s["found"] for s in response.context["sections"]}
    assert {key: found.count for key, found in sections.items()} == {
        "forum": 1,
        "documents": 1,
        "formations": 1,
        "offres": 1,
        "cv": 1,
        "membres": 0,
    }
    for key in ("forum", "documents", "formations", "offres", "cv"):
        assert "<mark>" in sections[key].hits[0].snippet, key


def test_members_are_found_by_name_without_accents(member_client, other_member):
    other_member.last_name = "Délégué"
    other_member.save()
    titles, _ = found(member_client, "delegue", "membres")
    assert titles == [other_member.get_full_name()]
