"""Fan-out in bulk: publishing a document or a job offer costs the same number of queries for
3, 30 and 300 followers (who may read it is worked out for all of them at once)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cvtheque import services as cvtheque
from cvtheque.models import CandidateProfile
from documents import rights
from documents.models import Folder, FolderFollow
from notifications.models import Notification
from tests import factories
from tests.documents import samples

pytestmark = pytest.mark.django_db
SIZES = (3, 30, 300)
# A first round fills the per-process caches (content types), then the three are measured.
ROUNDS = (1, *SIZES)


def _queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_publishing_a_document_costs_the_same_for_3_30_and_300_followers(member_client, make_users):
    costs = {}
    for size in ROUNDS:
        folder = factories.FolderFactory(name=f"Procédures {size}")
        followers = make_users(size, prefix=f"doc{size}-")
        FolderFollow.objects.bulk_create([FolderFollow(folder=folder, user=u) for u in followers])

        def publish(folder=folder, size=size):
            response = member_client.post(
                reverse("documents:upload", args=[folder.pk]),
                {
                    "title": f"Charte {size}",
                    "file": SimpleUploadedFile("c.pdf", samples.pdf_bytes()),
                },
            )
            assert response.status_code == 302

        costs[size] = _queries(publish)
        assert (
            Notification.objects.filter(
                kind="document_new", title__contains=f"Charte {size}"
            ).count()
            == size
        )
    assert costs[3] == costs[30] == costs[300], costs


def test_followers_who_may_not_read_the_folder_hear_nothing(make_users):
    """The bulk rule is the library's: a restricted folder reaches only those it opens to."""
    restricted = factories.FolderFactory(
        name="Recrutement", read_access=Folder.ReadAccess.RESTRICTED, read_roles=["member"]
    )
    staff_only = factories.FolderFactory(
        name="Bureau",
        parent=restricted,
        read_access=Folder.ReadAccess.RESTRICTED,
        read_roles=["staff"],
        add_access=Folder.AddAccess.READERS,
    )
    followers = make_users(3, prefix="ro")
    FolderFollow.objects.bulk_create([FolderFollow(folder=staff_only, user=u) for u in followers])
    staff = factories.UserFactory(is_staff=True)
    FolderFollow.objects.create(folder=staff_only, user=staff)

    assert rights.readers_among([u.pk for u in followers] + [staff.pk], staff_only) == [staff.pk]
    assert rights.readers_among([u.pk for u in followers], restricted) == sorted(
        u.pk for u in followers
    )


def test_a_new_offer_costs_the_same_for_3_30_and_300_matching_candidates(recruiter, make_users):
    costs = {}
    for size in ROUNDS:
        candidates = make_users(size, prefix=f"cv{size}-")
        CandidateProfile.objects.bulk_create(
            [
                factories.CandidateProfileFactory.build(user=user, professions=[f"p{size}"])
                for user in candidates
            ]
        )
        offer = factories.JobOfferFactory(profession=f"p{size}", author=recruiter)
        costs[size] = _queries(lambda offer=offer: cvtheque.send_match_alerts(offer=offer))
        assert (
            Notification.objects.filter(kind="job_match", target_id=str(offer.pk)).count() == size
        )
    assert costs[3] == costs[30] == costs[300], costs


def test_a_new_topic_costs_the_same_for_3_30_and_300_forum_followers(member, make_users):
    from forum.models import ForumFollow
    from tests.forum.conftest import Forum, make_reply, make_topic

    forum = Forum.objects.get(slug="conservation-preventive")
    costs, replies = {}, {}
    for size in ROUNDS:
        followers = make_users(size, prefix=f"forum{size}-")
        ForumFollow.objects.filter(forum=forum).delete()
        ForumFollow.objects.bulk_create([ForumFollow(forum=forum, user=u) for u in followers])
        subject = f"Question {size}"
        holder = {}
        costs[size] = _queries(
            lambda subject=subject, holder=holder: holder.update(
                topic=make_topic(forum, member, subject=subject)
            )
        )
        told = Notification.objects.filter(kind="forum_topic", recipient__in=followers)
        assert told.count() == size
        topic = holder["topic"]
        topic.subscribers.add(*followers)
        replies[size] = _queries(lambda topic=topic: make_reply(topic, member))
        assert (
            Notification.objects.filter(kind="forum_reply", recipient__in=followers).count() == size
        )
    assert costs[3] == costs[30] == costs[300], costs
    assert replies[3] == replies[30] == replies[300], replies


def test_forum_followers_who_may_not_read_the_forum_hear_nothing(member, make_users):
    from forum.models import ForumFollow
    from tests.forum.conftest import Forum, UserForumPermission, make_topic

    forum = Forum.objects.get(slug="conservation-preventive")
    readers = make_users(3, prefix="fr")
    shut_out = make_users(1, prefix="fx")[0]
    UserForumPermission.objects.create(
        forum=forum, user=shut_out, permission_id=_read_permission_id(), has_perm=False
    )
    ForumFollow.objects.bulk_create(
        [ForumFollow(forum=forum, user=u) for u in [*readers, shut_out]]
    )
    make_topic(forum, member, subject="Taux d'humidité")
    told = set(Notification.objects.filter(kind="forum_topic").values_list("recipient", flat=True))
    assert told == {u.pk for u in readers}


def _read_permission_id() -> int:
    from machina.core.db.models import get_model

    ForumPermission = get_model("forum_permission", "ForumPermission")
    return ForumPermission.objects.get(codename="can_read_forum").pk
