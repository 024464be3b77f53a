"""Kinds declared for the notification tests only, removed afterwards; recipients in bulk."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from community.models import Membership, end_of_membership_year
from notifications.kinds import KINDS, Delivery, register_kind
from tests import factories


@pytest.fixture(autouse=True)
def test_kinds():
    saved = dict(KINDS)
    register_kind(
        "test_reply", "Réponse à un sujet suivi", group="Forum", default_delivery=Delivery.IN_APP
    )
    register_kind(
        "test_daily",
        "Document ajouté à un dossier suivi",
        group="Documents",
        default_delivery=Delivery.DIGEST,
    )
    yield
    KINDS.clear()
    KINDS.update(saved)


@pytest.fixture
def make_users(db):  # noqa: ARG001 - db: the fixture writes rows
    """People in two inserts (accounts, then memberships): enough to be notification recipients.
    They are current members unless another membership status is asked for."""

    def make(count: int, prefix: str = "lot", status: str = Membership.Status.ACTIVE):
        User = get_user_model()
        start = User.objects.count()
        users = User.objects.bulk_create(
            [
                User(
                    email=f"{prefix}{start + i}@musees-test.fr", first_name="Lot", last_name=str(i)
                )
                for i in range(count)
            ]
        )
        structure = factories.StructureFactory()
        Membership.objects.bulk_create(
            [
                Membership(
                    user=user,
                    structure=structure,
                    job_title="Médiatrice",
                    profession="mediation",
                    status=status,
                    valid_until=end_of_membership_year(timezone.localdate()),
                )
                for user in users
            ]
        )
        return users

    return make
