"""A member asks a question from one page, choosing (or keeping the suggested) forum."""

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

from community.models import Membership
from tests.forum.conftest import FORMSETS, deny, topic_url

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")

ASK = reverse("cimaise_forum:ask")


def ask_data(forum, subject="Constat d'état au départ d'un prêt", content="Quel modèle ?", **extra):
    return {
        "forum": str(forum.pk) if forum is not None else "",
        "subject": subject,
        "content": content,
        **FORMSETS,
        **extra,
    }


@pytest.fixture
def regie(db):  # noqa: ARG001 - db: the forum is read from the database
    return Forum.objects.get(slug="regie-et-mouvements-duvres")


def test_the_home_page_and_the_forum_index_offer_to_ask(member_client):
    for url in ("/", reverse("forum:index")):
        page = member_client.get(url).content.decode()
        assert f'href="{ASK}"' in page, url
        assert "Poser une question" in page


def test_the_forum_is_suggested_from_the_members_profession(member_client, member, regie):
    Membership.objects.filter(user=member).update(profession="regie")
    response = member_client.get(ASK)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<option value="{regie.pk}" selected>' in page
    assert "Suggéré d'après votre métier : Régie et mouvements d&#x27;œuvres." in page
    # Every forum open to the member is offered, grouped by category.
    assert '<optgroup label="Publics et outils">' in page
    select = page.split('<select id="id_forum"', 1)[1].split("</select>", 1)[0]
    assert select.count("<option value=") == Forum.objects.filter(type=Forum.FORUM_POST).count()


def test_the_suggestion_does_not_depend_on_how_the_slug_was_written(member_client, member, regie):
    # machina slugs a forum created in the admin with its accents.
    Forum.objects.filter(pk=regie.pk).update(slug="régie-et-mouvements-dœuvres")
    Membership.objects.filter(user=member).update(profession="regie")
    page = member_client.get(ASK).content.decode()
    assert f'<option value="{regie.pk}" selected>' in page


def test_a_forum_named_in_the_link_is_preselected(member_client, forum):
    page = member_client.get(f"{ASK}?forum={forum.pk}").content.decode()
    assert f'<option value="{forum.pk}" selected>' in page


def test_member_asks_in_the_chosen_forum(member_client, member, regie):
    response = member_client.post(ASK, ask_data(regie))
    topic = Topic.objects.get(subject="Constat d'état au départ d'un prêt")
    assert response.status_code == 302
    assert response["Location"] == topic_url(topic)
    assert topic.forum == regie and topic.poster == member
    assert topic.first_post.content.raw == "Quel modèle ?"
    assert topic.has_subscriber(member)  # told of the answers


def test_a_question_without_forum_is_refused_and_keeps_the_text(member_client):
    response = member_client.post(ASK, ask_data(None, content="Mon long texte"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choisissez le forum de votre question." in page
    assert "Mon long texte" in page
    assert not Topic.objects.exists()


def test_an_empty_question_is_refused(member_client, regie):
    response = member_client.post(ASK, ask_data(regie, subject="", content=""))
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not Topic.objects.exists()


@pytest.mark.usefixtures("staff")
def test_a_forum_closed_to_the_member_is_neither_offered_nor_accepted(member_client, forum):
    deny(forum, "can_see_forum", "can_read_forum")
    page = member_client.get(ASK).content.decode()
    assert forum.name not in page
    assert f'<option value="{forum.pk}"' not in page
    assert "Régie et mouvements" in page  # the other forums stay offered

    response = member_client.post(ASK, ask_data(forum, content="Texte gardé"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Vous ne pouvez pas poser de question dans ce forum." in page
    assert "Texte gardé" in page
    assert forum.name not in page
    assert not Topic.objects.exists()


def test_a_forum_where_members_may_only_read_is_not_offered(member_client, regie):
    deny(regie, "can_start_new_topics")
    assert f'<option value="{regie.pk}"' not in member_client.get(ASK).content.decode()
    response = member_client.post(ASK, ask_data(regie))
    assert response.status_code == 403
    assert not Topic.objects.exists()


def test_staff_is_offered_a_forum_closed_to_members(staff_client, forum):
    deny(forum, "can_see_forum", "can_read_forum")
    assert f'<option value="{forum.pk}"' in staff_client.get(ASK).content.decode()


def test_an_unknown_forum_id_is_refused(member_client):
    response = member_client.post(ASK, {**ask_data(None), "forum": "999999"})
    assert response.status_code == 403
    assert not Topic.objects.exists()


def test_a_member_in_grace_cannot_ask(in_grace_client, forum):
    response = in_grace_client.post(ASK, ask_data(forum))
    assert response.status_code == 403
    assert not Topic.objects.exists()


def test_a_question_with_a_poll_from_the_ask_page(member_client, regie):
    data = ask_data(
        regie,
        poll_question="Quel transporteur ?",
        poll_max_options="1",
        poll_duration="0",
        **{"poll-TOTAL_FORMS": "3", "poll-0-text": "A", "poll-1-text": "B", "poll-2-text": "C"},
    )
    assert member_client.post(ASK, data).status_code == 302
    topic = Topic.objects.get()
    assert [option.text for option in topic.poll.options.order_by("pk")] == ["A", "B", "C"]
