"""« Qui sait ? »: members say which collections and skills they know (from lists staff
maintain), the directory finds colleagues by domain, skill, département and museum, a member's
page counts their accepted answers in the forum, and "Lui poser la question" starts a forum
question mentioning them."""

import html

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

from community.models import CollectionDomain, Skill
from forum.models import TopicSolution
from tests import factories
from tests.forum.conftest import make_reply, make_topic

pytestmark = pytest.mark.django_db
Forum = get_model("forum", "Forum")


def page(response) -> str:
    assert response.status_code in (200, 400)
    return html.unescape(response.content.decode())


def directory(client, **filters) -> str:
    return page(client.get(reverse("community:directory"), filters))


def test_the_lists_come_with_the_network_s_usual_entries():
    assert CollectionDomain.objects.filter(name="Histoire naturelle").exists()
    assert Skill.objects.filter(name="Conservation préventive").exists()


def test_a_member_states_domains_and_skills_on_the_profile(member, member_client):
    domain = CollectionDomain.objects.get(name="Archéologie")
    skill = Skill.objects.get(name="Récolement")
    response = member_client.post(
        reverse("community:profile"),
        {
            "first_name": member.first_name,
            "last_name": member.last_name,
            "handle": member.handle,
            "domains": [domain.pk],
            "skills": [skill.pk],
        },
    )
    assert response.status_code == 302
    assert list(member.domains.all()) == [domain] and list(member.skills.all()) == [skill]
    profile = page(member_client.get(reverse("community:profile")))
    assert "<legend>Les domaines de collections que je connais</legend>" in profile
    assert f'value="{skill.pk}" id="id_skills_' in profile and "checked" in profile


def test_the_directory_finds_who_knows(member_client):
    skill = Skill.objects.get(name="Conservation préventive")
    domain = CollectionDomain.objects.get(name="Ethnologie")
    knows = factories.make_member()
    knows.skills.add(skill)
    knows.domains.add(domain)
    other = factories.make_member()
    found = directory(member_client, competence=skill.pk)
    assert knows.get_full_name() in found and other.get_full_name() not in found
    found = directory(
        member_client, domaine=domain.pk, departement=knows.membership.structure.departement
    )
    assert knows.get_full_name() in found
    assert "Conservation préventive" in found  # shown on the card
    refused = member_client.get(reverse("community:directory"), {"competence": "abc"})
    assert refused.status_code == 400


def test_a_hidden_member_is_not_found_by_skill(member_client):
    skill = Skill.objects.get(name="Sûreté")
    hidden = factories.make_member()
    hidden.hide_from_directory = True
    hidden.save()
    hidden.skills.add(skill)
    assert hidden.get_full_name() not in directory(member_client, competence=skill.pk)


def test_accepted_answers_count_on_the_member_page_in_forums_the_viewer_reads(
    member, member_client
):
    forum = Forum.objects.get(slug="conservation-preventive")
    expert = factories.make_member()
    for n in range(2):
        topic = make_topic(forum, member, subject=f"Question {n}")
        reply = make_reply(topic, expert)
        TopicSolution.objects.create(topic=topic, post=reply, marked_by=member)
    detail = page(member_client.get(reverse("community:member_detail", args=[expert.pk])))
    assert f"2 solutions retenues dans « {forum.name} »" in detail


def test_lui_poser_la_question_opens_a_question_that_mentions_them(member_client):
    expert = factories.make_member()
    detail = page(member_client.get(reverse("community:member_detail", args=[expert.pk])))
    ask = f"{reverse('cimaise_forum:ask')}?mention={expert.handle}"
    assert f'href="{ask}">Lui poser la question</a>' in detail
    form = page(member_client.get(ask))
    assert f"@{expert.handle} </textarea>" in form
    hidden = factories.make_member()
    hidden.hide_from_directory = True
    hidden.save()
    form = page(member_client.get(f"{reverse('cimaise_forum:ask')}?mention={hidden.handle}"))
    assert f"@{hidden.handle}" not in form


def test_staff_maintain_the_lists(staff_client):
    url = reverse("community:knowledge_entry", args=["competences"])
    assert (
        staff_client.post(url, {"competences-name": "Chantier des collections"}).status_code == 302
    )
    assert Skill.objects.filter(name="Chantier des collections").exists()
    again = staff_client.post(url, {"competences-name": "chantier des collections"})
    assert again.status_code == 400
    assert "déjà dans la liste" in page(again)
    empty = staff_client.post(url, {"competences-name": ""})
    assert empty.status_code == 400
    entry = Skill.objects.get(name="Chantier des collections")
    assert staff_client.post(url, {"remove": entry.pk}).status_code == 302
    assert not Skill.objects.filter(pk=entry.pk).exists()
    unknown = reverse("community:knowledge_entry", args=["autre"])
    assert staff_client.post(unknown, {"autre-name": "x"}).status_code == 404
    assert "Histoire naturelle" in page(staff_client.get(reverse("community:knowledge_lists")))


def test_members_cannot_change_the_lists(member_client):
    url = reverse("community:knowledge_entry", args=["competences"])
    assert member_client.post(url, {"competences-name": "Piratage"}).status_code == 403
    assert not Skill.objects.filter(name="Piratage").exists()
