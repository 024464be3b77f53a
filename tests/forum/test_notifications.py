"""Who is told about new posts: mentions, topic subscribers, forum followers — never the author."""

import re

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.forum.conftest import make_reply, make_topic, reply_data, reply_url, topic_url


def test_reply_notifies_subscribers_not_the_author(member, topic, other_member, recruiter):
    topic.subscribers.add(recruiter)
    make_reply(topic, other_member)
    assert set(
        Notification.objects.filter(kind="forum_reply").values_list("recipient", flat=True)
    ) == {member.pk, recruiter.pk}
    make_reply(topic, member)
    assert (
        not Notification.objects.filter(kind="forum_reply", recipient=member)
        .exclude(actor=other_member)
        .exists()
    )


def test_unsubscribed_member_is_not_told(member_client, member, topic, other_member):
    url = reverse("forum_member:topic_unsubscribe", args=[topic.pk])
    assert member_client.post(url).status_code == 302
    make_reply(topic, other_member)
    assert not Notification.objects.filter(recipient=member).exists()


@pytest.mark.usefixtures("other_member")
def test_mention_links_and_notifies(member_client, member, topic, recruiter):
    member_client.post(
        reply_url(topic), reply_data(content=f"Qu'en pense @{recruiter.handle} ? @inconnu")
    )
    note = Notification.objects.get(kind="mention", recipient=recruiter)
    assert note.actor == member
    page = member_client.get(topic_url(topic)).content.decode()
    profile = reverse("community:member_detail", args=[recruiter.pk])
    assert re.search(rf'<a class="mention" href="{profile}"[^>]*>@{recruiter.handle}</a>', page)
    assert "@inconnu" in page
    assert not Notification.objects.filter(kind="mention").exclude(recipient=recruiter).exists()


def test_follow_forum_then_new_topic_notifies(other_member_client, other_member, member, forum):
    url = reverse("cimaise_forum:follow_forum", args=[forum.pk])
    assert other_member_client.post(url, {"follow": "1"}).status_code == 302
    make_topic(forum, member, subject="Nouveau sujet suivi")
    note = Notification.objects.get(kind="forum_topic", recipient=other_member)
    assert "Nouveau sujet suivi" in note.title
    assert not Notification.objects.filter(kind="forum_topic", recipient=member).exists()
    other_member_client.post(url, {"follow": "0"})
    make_topic(forum, member, subject="Autre sujet")
    assert Notification.objects.filter(kind="forum_topic").count() == 1


@pytest.mark.usefixtures("member_client")
def test_home_panel_lists_latest_and_my_unanswered(member, forum, other_member):
    from django.template import Context, Template

    mine = make_topic(forum, member, subject="Ma question en attente")
    make_topic(forum, other_member, subject="Sujet d'un autre")
    html = Template("{% load forum_home %}{% forum_home_panel user %}").render(
        Context({"user": member})
    )
    assert mine.subject in html and "Sujet d&#x27;un autre" in html
    assert html.index("Mes questions sans réponse") < html.rindex(mine.subject)
    assert html.count("Sujet d&#x27;un autre") == 1
