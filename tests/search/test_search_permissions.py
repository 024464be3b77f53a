"""The search never shows a title, snippet or count of something the reader cannot open."""

import pytest
from django.urls import reverse

from community.models import Membership
from cvtheque.models import CandidateProfile
from tests import factories
from tests.forum.conftest import deny
from tests.search.conftest import make_answered_topic, make_document, search


def _counts(response):
    return {s["area"].key: s["found"].count for s in response.context["sections"]}


def test_a_restricted_forum_is_not_searched(member_client, forum, member):
    make_answered_topic(
        forum, member, member, subject="Vitrines", question="Vitrine étanche ?", answer="Oui."
    )
    deny(forum, "can_read_forum")
    response = search(member_client, "vitrine")
    assert _counts(response)["forum"] == 0
    assert "Vitrines" not in response.content.decode()
    # The same rule as the forum's own pages: machina's permission handler refuses it there too.
    url = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    assert member_client.get(url).status_code == 403


def test_posts_awaiting_approval_are_not_searched(member_client, forum, member):
    from tests.forum.conftest import make_topic

    topic = make_topic(forum, member, subject="Tapisserie", content="Tapisserie à restaurer")
    topic.first_post.approved = False
    topic.first_post.save()
    assert _counts(search(member_client, "tapisserie"))["forum"] == 0


def test_a_restricted_folder_is_not_searched(member_client, staff_client, restricted_folder):
    make_document(restricted_folder, "Budget confidentiel", text="masse salariale")
    member_page = search(member_client, "masse salariale")
    assert _counts(member_page)["documents"] == 0
    assert "Budget confidentiel" not in member_page.content.decode()
    assert _counts(search(staff_client, "masse salariale"))["documents"] == 1


def test_a_document_inside_a_restricted_parent_is_not_searched(member_client, restricted_folder):
    from documents.models import Folder

    child = Folder.objects.create(name="Sous-dossier", parent=restricted_folder, position=1)
    make_document(child, "Organigramme", text="organigramme")
    assert _counts(search(member_client, "organigramme"))["documents"] == 0


def test_cvs_are_for_recruiters_only(member_client, recruiter_client):
    factories.CandidateProfileFactory(headline="Restauratrice de peintures", summary="Peinture")
    member_page = search(member_client, "restauratrice")
    assert "cv" not in _counts(member_page)
    assert "Restauratrice de peintures" not in member_page.content.decode()
    assert _counts(search(recruiter_client, "restauratrice"))["cv"] == 1
    # Asking for the area by name is refused too.
    assert search(member_client, "restauratrice", area="cv").status_code == 400


def test_a_hidden_or_expired_cv_is_not_found(recruiter_client):
    import datetime

    from django.utils import timezone

    factories.CandidateProfileFactory(
        headline="Restauratrice masquée", visibility=CandidateProfile.Visibility.HIDDEN
    )
    factories.CandidateProfileFactory(
        headline="Restauratrice expirée",
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = search(recruiter_client, "restauratrice")
    assert _counts(response)["cv"] == 0
    assert "masquée" not in response.content.decode()


def test_a_suspended_members_cv_is_not_found(recruiter_client):
    profile = factories.CandidateProfileFactory(headline="Restauratrice suspendue")
    Membership.objects.filter(user=profile.user).update(status=Membership.Status.SUSPENDED)
    assert _counts(search(recruiter_client, "restauratrice"))["cv"] == 0


def test_a_suspended_or_hidden_member_is_not_in_the_results(member_client):
    suspended = factories.make_member()
    suspended.last_name = "Zanzibar"
    suspended.save()
    Membership.objects.filter(user=suspended).update(status=Membership.Status.SUSPENDED)
    hidden = factories.make_member()
    hidden.last_name = "Zanzibar"
    hidden.hide_from_directory = True
    hidden.save()
    response = search(member_client, "zanzibar")
    assert _counts(response)["membres"] == 0
    assert "Zanzibar" not in response.content.decode()


@pytest.mark.usefixtures("everything")
def test_a_suspended_member_cannot_search(suspended_client):
    response = search(suspended_client, "humidite")
    assert response.status_code in (302, 403)
    assert b"Humidit" not in response.content


def test_draft_trainings_and_offers_are_not_found(member_client, staff_client):
    factories.TrainingFactory(title="Atelier brouillon", status="draft")
    factories.JobOfferFactory(title="Poste brouillon", status="draft")
    counts = _counts(search(member_client, "brouillon"))
    assert counts["formations"] == 0
    assert counts["offres"] == 0
    # Staff see drafts of trainings on their pages, so in search too.
    assert _counts(search(staff_client, "brouillon"))["formations"] == 1
