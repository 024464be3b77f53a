"""machina's forum profile pages name only people a member could already see."""

import pytest
from django.urls import reverse

from community.models import Membership
from tests.factories import MembershipFactory
from tests.forum.conftest import make_topic


@pytest.fixture
def hidden(db):  # noqa: ARG001 - db: creates rows
    user = MembershipFactory(status=Membership.Status.ACTIVE).user
    user.first_name, user.last_name = "Hortense", "Discrète"
    user.hide_from_directory = True
    user.save()
    return user


@pytest.fixture
def rejected(db):  # noqa: ARG001 - db: creates rows
    user = MembershipFactory(status=Membership.Status.REJECTED).user
    user.first_name, user.last_name = "Rémi", "Refusé"
    user.save()
    return user


@pytest.mark.parametrize("who", ["hidden", "rejected"])
def test_profile_of_someone_not_listed_and_silent_is_a_404(member_client, request, who):
    user = request.getfixturevalue(who)
    for name in ("forum_member:profile", "forum_member:user_posts"):
        response = member_client.get(reverse(name, kwargs={"pk": user.pk}))
        assert response.status_code == 404, name
        assert user.last_name not in response.content.decode()


def test_profile_of_someone_who_posted_is_shown(member_client, hidden, forum):
    make_topic(forum, hidden, subject="Question discrète")
    response = member_client.get(reverse("forum_member:profile", kwargs={"pk": hidden.pk}))
    assert response.status_code == 200
    assert "Question discrète" in response.content.decode()


def test_listed_members_and_oneself_are_shown(member_client, member, other_member):
    for user in (member, other_member):
        url = reverse("forum_member:profile", kwargs={"pk": user.pk})
        assert member_client.get(url).status_code == 200


def test_mention_of_a_hidden_member_is_not_a_link_but_still_notifies(member_client, hidden, topic):
    from notifications.models import Notification
    from tests.forum.conftest import reply_data, reply_url, topic_url

    hidden.handle = "hortense"
    hidden.save(update_fields=["handle"])
    member_client.post(reply_url(topic), reply_data(content="Qu'en pense @hortense ?"))
    page = member_client.get(topic_url(topic)).content.decode()
    assert "@hortense" in page
    assert reverse("community:member_detail", args=[hidden.pk]) not in page
    assert Notification.objects.filter(recipient=hidden, kind="mention").exists()
