"""A member searches the whole space from the header: one page, every area, folded French."""

import re

import pytest
from django.urls import reverse

from tests.search.conftest import search


def test_the_header_offers_search_on_every_page(member_client):
    page = member_client.get(reverse("community:home"), follow=True).content.decode()
    assert f'action="{reverse("community:search")}"' in page
    assert 'role="search"' in page


def test_anonymous_visitors_are_sent_to_login(anonymous_client):
    response = search(anonymous_client, "humidite")
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.usefixtures("everything")
def test_without_accents_finds_every_area(member_client):
    response = search(member_client, "humidite reserve")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Humidité dans la réserve" in page
    assert "Plan de conservation" in page
    assert "Climat des réserves" in page
    assert "Régisseur des réserves" in page
    # A member who is not a recruiter has no CV area at all.
    assert "Régisseuse" not in page
    assert "<mark>" in page


@pytest.mark.usefixtures("everything")
def test_case_and_accents_are_folded_both_ways(member_client):
    for query in ("HUMIDITÉ", "humidité", "Humidite", "RÉSERVE"):
        page = search(member_client, query, area="forum").content.decode()
        assert "Humidité dans la réserve" in page, query


@pytest.mark.usefixtures("everything")
def test_words_in_any_order(member_client):
    for query in ("reserve humidite", "humidite reserve"):
        page = search(member_client, query, area="documents").content.decode()
        assert "Plan de conservation" in page


@pytest.mark.usefixtures("everything")
def test_every_word_must_match(member_client):
    page = search(member_client, "humidite pharaon").content.decode()
    assert "Humidité dans la réserve" not in page
    assert "Rien ne correspond" in page


def test_a_topic_is_one_result_with_its_accepted_answer_first(member_client, everything):
    response = search(member_client, "humidite relative", area="forum")
    forum = next(s for s in response.context["sections"] if s["area"].key == "forum")
    assert forum["found"].count == 1
    [hit] = forum["found"].hits
    assert hit.title == "Humidité dans la réserve"
    assert hit.badge == "Réponse retenue"
    assert f"post={everything['reply'].pk}" in hit.url
    assert "<mark>humidité</mark>" in hit.snippet.lower()


@pytest.mark.usefixtures("everything")
def test_one_result_per_topic_even_when_every_post_matches(member_client):
    response = search(member_client, "humidite", area="forum")
    forum = next(s for s in response.context["sections"] if s["area"].key == "forum")
    assert forum["found"].count == 1
    assert forum["found"].hits[0].badge == "Réponse retenue"


@pytest.mark.usefixtures("everything")
def test_the_totals_of_every_area_are_shown(member_client):
    response = search(member_client, "humidite", area="documents")
    counts = {s["area"].key: s["found"].count for s in response.context["sections"]}
    assert counts == {"forum": 1, "documents": 1, "formations": 1, "offres": 1, "membres": 0}
    assert response.context["total"] == 4


def test_members_are_found_by_name_and_structure(member_client, member):
    page = search(member_client, member.last_name.upper()).content.decode()
    assert member.get_full_name() in page


def test_results_are_paged(member_client, folder):
    from tests.search.conftest import make_document

    for n in range(25):
        make_document(folder, f"Constat d'état {n:02d}", text="constat")
    first = search(member_client, "constat", area="documents")
    assert len(first.context["current"]["found"].hits) == 20
    assert first.context["pagination"]["next"] == 2
    second = search(member_client, "constat", area="documents", page="2")
    assert len(second.context["current"]["found"].hits) == 5
    beyond = search(member_client, "constat", area="documents", page="9")
    assert beyond.status_code == 200
    assert "Cette page n’existe pas" in beyond.content.decode()


@pytest.mark.parametrize(
    ("params", "status", "text"),
    [
        ({"q": ""}, 200, "Tapez au moins un mot"),
        ({"q": "   "}, 200, "Tapez au moins un mot"),
        ({"q": "« » !!"}, 200, "Tapez au moins un mot"),
        ({"q": "a" * 2000}, 400, "200 caractères au plus"),
        ({"q": "humi\x00dite"}, 400, "La recherche n’a pas pu être faite"),
        ({"q": "humidite", "page": "abc"}, 400, "Le numéro de page est invalide"),
        ({"q": "humidite", "page": "-1"}, 400, "La recherche n’a pas pu être faite"),
        ({"q": "humidite", "area": "inconnue"}, 400, "La recherche n’a pas pu être faite"),
    ],
)
def test_bad_input_gets_a_clear_answer(member_client, params, status, text):
    response = member_client.get(reverse("community:search"), params)
    assert response.status_code == status
    assert text in response.content.decode()


def test_the_page_without_a_query_is_an_empty_form(member_client):
    response = member_client.get(reverse("community:search"))
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


@pytest.mark.usefixtures("everything")
def test_what_is_typed_is_escaped(member_client):
    page = search(member_client, "<script>alert(1)</script> humidite").content.decode()
    assert "<script>alert(1)" not in page


@pytest.mark.usefixtures("everything")
def test_the_forum_search_box_leads_here(member_client):
    response = member_client.get(reverse("forum_search:search"), {"q": "humidite"})
    assert response.status_code == 302
    assert response["Location"] == reverse("community:search") + "?q=humidite&area=forum"


@pytest.mark.usefixtures("everything")
def test_the_page_keeps_to_the_content_security_policy(member_client):
    page = search(member_client, "humidite").content.decode()
    body = page.split("<body>", 1)[1]
    assert "<script>" not in page and '<script type="module">' not in page
    assert " style=" not in page
    assert not re.search(r"\son[a-z]+=", body)
    assert "/static/community/css/search.css" in page


def test_a_topic_is_found_by_its_title_and_a_reply_together(member_client, forum, member):
    from tests.forum.conftest import make_reply, make_topic

    topic = make_topic(forum, member, subject="Anoxie des textiles", content="Quelle durée ?")
    make_reply(topic, member, content="Trois semaines sous azote.")
    response = search(member_client, "azote anoxie", area="forum")
    assert [hit.title for hit in response.context["current"]["found"].hits] == [
        "Anoxie des textiles"
    ]


def test_a_renamed_topic_is_found_by_its_new_title_through_its_replies(
    member_client, forum, member
):
    from tests.forum.conftest import make_reply, make_topic

    topic = make_topic(forum, member, subject="Éclairage", content="Quelles lampes ?")
    make_reply(topic, member, content="Des LED à faible UV.")
    head = topic.first_post
    head.subject = "Éclairage des vitrines"
    head.save()
    response = search(member_client, "vitrines led", area="forum")
    [hit] = response.context["current"]["found"].hits
    assert hit.title == "Éclairage des vitrines"
    assert "<mark>LED</mark>" in hit.snippet
