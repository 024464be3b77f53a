"""Marking the answer that solved a question."""

import pytest
from django.urls import reverse

from forum.models import TopicSolution
from notifications.models import Notification
from tests.forum.conftest import make_reply, topic_url


def mark(client, post):
    return client.post(reverse("cimaise_forum:mark_solution", args=[post.pk]))


def test_author_marks_a_reply_as_solution(member_client, member, topic, other_member):
    answer = make_reply(topic, other_member, "Visez 50 %.")
    page = member_client.get(topic_url(topic)).content.decode()
    assert "C'est la solution" in page
    response = mark(member_client, answer)
    assert response.status_code == 302
    solution = TopicSolution.objects.get(topic=topic)
    assert solution.post == answer and solution.marked_by == member
    note = Notification.objects.get(recipient=other_member, kind="solution")
    assert "Hygrométrie des réserves" in note.title
    page = member_client.get(topic_url(topic)).content.decode()
    assert "Résolu" in page and "Réponse retenue" in page
    forum_page = member_client.get(
        reverse("forum:forum", kwargs={"slug": topic.forum.slug, "pk": topic.forum_id})
    ).content.decode()
    assert "Résolu" in forum_page


def test_moderator_may_mark(moderator_client, topic, other_member):
    answer = make_reply(topic, other_member)
    assert mark(moderator_client, answer).status_code == 302
    assert TopicSolution.objects.filter(topic=topic, post=answer).exists()


@pytest.mark.parametrize("role", ["other_member", "recruiter"])
def test_others_cannot_mark(client_for_role, role, topic, member):
    client, user = client_for_role(role)
    answer = make_reply(topic, member if role != "other_member" else user)
    response = mark(client, answer)
    assert response.status_code == 403
    assert "auteur de la question ou un modérateur" in response.content.decode()
    assert not TopicSolution.objects.exists()
    assert "C'est la solution" not in client.get(topic_url(topic)).content.decode()


def test_question_itself_cannot_be_its_solution(member_client, topic):
    response = mark(member_client, topic.first_post)
    assert response.status_code == 400
    assert not TopicSolution.objects.exists()


def test_marking_again_replaces_the_solution(member_client, topic, other_member, recruiter):
    first = make_reply(topic, other_member)
    second = make_reply(topic, recruiter)
    mark(member_client, first)
    mark(member_client, second)
    assert TopicSolution.objects.get(topic=topic).post == second


def test_unmark(member_client, topic, other_member):
    mark(member_client, make_reply(topic, other_member))
    response = member_client.post(reverse("cimaise_forum:unmark_solution", args=[topic.pk]))
    assert response.status_code == 302
    assert not TopicSolution.objects.exists()


def test_get_is_refused(member_client, topic, other_member):
    answer = make_reply(topic, other_member)
    assert (
        member_client.get(reverse("cimaise_forum:mark_solution", args=[answer.pk])).status_code
        == 405
    )


def test_open_questions_lists_unanswered_then_unsolved(member_client, member, forum, other_member):
    from tests.forum.conftest import make_topic

    lonely = make_topic(forum, member, subject="Question sans réponse")
    answered = make_topic(forum, member, subject="Question avec réponse")
    make_reply(answered, other_member)
    solved = make_topic(forum, member, subject="Question résolue")
    mark(member_client, make_reply(solved, other_member))
    url = reverse("cimaise_forum:open_questions")
    page = member_client.get(url).content.decode()
    assert lonely.subject in page and answered.subject not in page
    page = member_client.get(url + "?filtre=non-resolus").content.decode()
    assert answered.subject in page
    assert lonely.subject not in page and solved.subject not in page
