"""The topic page reads like a Q&A: the question, the accepted answer under it, the replies
(each with its own "C'est la solution" for the asker), what is new, and the reply box."""

import datetime
import html
import re

from django.urls import reverse
from django.utils import timezone
from machina.core.db.models import get_model

from forum.models import TopicSolution
from tests.forum.conftest import make_reply, make_topic, reply_data, reply_url, topic_url

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
TopicReadTrack = get_model("forum_tracking", "TopicReadTrack")


def main(response) -> str:
    """The page's main content, as text a reader would see (entities decoded)."""
    page = response.content.decode().split('id="main"', 1)[1].split("</main>", 1)[0]
    return html.unescape(page)


def subscribed(topic, user) -> bool:
    return topic.subscribers.filter(pk=user.pk).exists()


def test_question_then_accepted_answer_then_replies(member_client, topic, other_member, recruiter):
    first = make_reply(topic, recruiter, "Un premier avis")
    answer = make_reply(topic, other_member, "La réponse qui a aidé")
    TopicSolution.objects.create(topic=topic, post=answer, marked_by=topic.poster)
    page = main(member_client.get(topic_url(topic)))
    question_at = page.index("Quel taux viser ?")
    solution_at = page.index("Réponse retenue")
    replies_at = page.index('<h2 class="qa-replies-title" id="reponses">2 réponses</h2>')
    assert question_at < solution_at < replies_at < page.index("Un premier avis")
    assert page.index(f'id="{first.pk}"') < page.index(f'id="{answer.pk}"')
    # No "Re: …" titles on replies.
    assert "Re:" not in page


def test_each_reply_has_its_own_solution_button_for_the_asker(
    member_client, topic, other_member, recruiter
):
    replies = [make_reply(topic, other_member), make_reply(topic, recruiter)]
    page = main(member_client.get(topic_url(topic)))
    for reply in replies:
        assert reverse("cimaise_forum:mark_solution", args=[reply.pk]) in page
    # Never on the question itself.
    assert reverse("cimaise_forum:mark_solution", args=[topic.first_post_id]) not in page
    assert page.count("C'est la solution") == 2


def test_the_accepted_answer_has_no_button_any_more(member_client, topic, other_member, recruiter):
    answer = make_reply(topic, other_member)
    other = make_reply(topic, recruiter)
    TopicSolution.objects.create(topic=topic, post=answer, marked_by=topic.poster)
    page = main(member_client.get(topic_url(topic)))
    assert reverse("cimaise_forum:mark_solution", args=[answer.pk]) not in page
    assert reverse("cimaise_forum:mark_solution", args=[other.pk]) in page
    assert reverse("cimaise_forum:unmark_solution", args=[topic.pk]) in page


def test_someone_elses_question_offers_no_solution_button(other_member_client, topic, recruiter):
    reply = make_reply(topic, recruiter)
    page = main(other_member_client.get(topic_url(topic)))
    assert "C'est la solution" not in page
    assert reverse("cimaise_forum:mark_solution", args=[reply.pk]) not in page
    # And posting anyway is refused.
    response = other_member_client.post(reverse("cimaise_forum:mark_solution", args=[reply.pk]))
    assert response.status_code == 403
    assert not TopicSolution.objects.exists()


def test_moderators_see_the_solution_buttons(moderator_client, topic, other_member):
    reply = make_reply(topic, other_member)
    page = main(moderator_client.get(topic_url(topic)))
    assert reverse("cimaise_forum:mark_solution", args=[reply.pk]) in page


def test_a_topic_without_replies_says_so_honestly(member_client, other_member_client, topic):
    asker_page = main(member_client.get(topic_url(topic)))
    assert "0 réponse" in asker_page
    assert "vous serez prévenu·e dès qu'un membre répondra" in asker_page
    assert "Une réponse a résolu votre question" not in asker_page
    assert "C'est la solution" not in asker_page
    other_page = main(other_member_client.get(topic_url(topic)))
    assert "si vous avez une piste, répondez ci-dessous" in other_page


def test_the_reply_box_is_on_the_topic_page(other_member_client, topic):
    page = main(other_member_client.get(topic_url(topic)))
    box = page.split('id="reponse"', 1)[1]
    assert f'action="{reply_url(topic)}"' in box
    assert 'enctype="multipart/form-data"' in box
    assert '<label for="id_content">Votre réponse</label>' in box
    assert 'name="attachment-TOTAL_FORMS"' in box
    assert "Ajouter un fichier" in box
    assert 'name="subject"' not in box  # no title to type for a reply


def test_a_reply_from_the_box_needs_no_subject(other_member_client, other_member, topic):
    response = other_member_client.post(
        reply_url(topic), reply_data(content="Voici mon avis", subject="")
    )
    assert response.status_code == 302
    reply = topic.posts.get(poster=other_member)
    assert reply.content.raw == "Voici mon avis"
    assert reply.subject == topic.subject


def test_a_refused_reply_keeps_the_text(other_member_client, topic):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = reply_data(content="Mon texte soigné", subject="", **{"attachment-TOTAL_FORMS": "1"})
    data["attachment-0-file"] = SimpleUploadedFile("outil.pdf", b"MZ\x90\x00binary program")
    response = other_member_client.post(reply_url(topic), data)
    assert response.status_code == 400
    page = main(response)
    assert "exécutables ne sont pas acceptés" in page
    assert "Mon texte soigné" in page
    assert topic.posts.count() == 1


def test_a_locked_topic_has_no_reply_box_for_members(other_member_client, topic):
    topic.status = Topic.TOPIC_LOCKED
    topic.save()
    page = main(other_member_client.get(topic_url(topic)))
    assert 'id="reponse"' not in page
    assert "Ce sujet est verrouillé" in page


def test_whoever_replies_is_subscribed_and_can_unsubscribe(
    other_member_client, other_member, topic
):
    other_member_client.post(reply_url(topic), reply_data(content="Ma réponse", subject=""))
    assert subscribed(topic, other_member)
    page = main(other_member_client.get(topic_url(topic)))
    unsubscribe = reverse("forum_member:topic_unsubscribe", args=[topic.pk])
    assert f'action="{unsubscribe}"' in page and "Se désabonner" in page
    assert other_member_client.post(unsubscribe).status_code == 302
    assert not subscribed(topic, other_member)
    page = main(other_member_client.get(topic_url(topic)))
    assert "S'abonner" in page


def test_new_replies_since_the_last_visit_are_marked(member_client, member, topic, other_member):
    make_reply(topic, other_member, "Déjà lue")
    member_client.get(topic_url(topic))  # machina now tracks the visit
    # The visit was an hour ago; a reply came after it, and the member's own reply too.
    visited = timezone.now() - datetime.timedelta(hours=1)
    TopicReadTrack.objects.filter(topic=topic, user=member).update(mark_time=visited)
    Post.objects.filter(topic=topic).update(created=visited - datetime.timedelta(hours=1))
    fresh = make_reply(topic, other_member, "Toute fraîche")
    mine = make_reply(topic, member, "Ma propre réponse")
    page = main(member_client.get(topic_url(topic)))
    marker = page.index("Nouveau depuis votre dernière visite")
    assert page.index("Déjà lue") < marker < page.index("Toute fraîche")
    assert page.count("Nouveau depuis votre dernière visite") == 1
    assert re.search(rf'id="{fresh.pk}" class="[^"]*is-new', page)
    assert not re.search(rf'id="{mine.pk}" class="[^"]*is-new', page)
    # Seen now: nothing new on the next visit.
    page = main(member_client.get(topic_url(topic)))
    assert "Nouveau depuis votre dernière visite" not in page


def test_a_first_visit_marks_nothing_as_new(other_member_client, topic, recruiter):
    make_reply(topic, recruiter)
    page = main(other_member_client.get(topic_url(topic)))
    assert "Nouveau depuis votre dernière visite" not in page
    assert "is-new" not in page


def test_replies_can_be_quoted(other_member_client, topic, recruiter):
    reply = make_reply(topic, recruiter)
    page = main(other_member_client.get(topic_url(topic)))
    # The buttons are shown by our script (forum/static/forum/quote.js).
    assert f'data-quote="{reply.pk}"' in page
    assert f'data-quote="{topic.first_post_id}"' in page


def test_blockquotes_and_markdown_render_in_the_post_body(member_client, topic, other_member):
    make_reply(topic, other_member, "> Citation d'origine\n\nEt ma **réponse**.")
    page = main(member_client.get(topic_url(topic)))
    assert re.search(r'<div class="qa-post-body"><blockquote>\s*<p>Citation', page)
    assert "<strong>réponse</strong>" in page


def test_topic_list_marks_solved_and_unread(member_client, member, forum, other_member):
    unread = make_topic(forum, other_member, subject="Question lue plus tard")
    solved = make_topic(forum, member, subject="Question résolue")
    answer = make_reply(solved, other_member)
    TopicSolution.objects.create(topic=solved, post=answer, marked_by=member)
    member_client.get(topic_url(solved))  # read
    page = main(member_client.get(reverse("forum:forum", args=[forum.slug, forum.pk])))
    rows = re.findall(r'<li class="qa-topic[^"]*">.*?</li>', page, re.DOTALL)
    unread_row = next(row for row in rows if unread.subject in row)
    solved_row = next(row for row in rows if solved.subject in row)
    assert "is-unread" in unread_row and "Non lu :" in unread_row
    assert "Résolu" not in unread_row
    assert "is-unread" not in solved_row and "Résolu" in solved_row


def test_a_reply_whose_author_left_still_shows(member_client, topic, other_member):
    reply = make_reply(topic, other_member, "Réponse d'une personne partie")
    Post.objects.filter(pk=reply.pk).update(poster=None)
    page = main(member_client.get(topic_url(topic)))
    assert "Réponse d'une personne partie" in page
    assert "Ancien membre" in page
