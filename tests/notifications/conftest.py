"""Kinds declared for the notification tests only, removed afterwards."""

import pytest
from django.contrib.auth import get_user_model

from notifications.kinds import KINDS, Delivery, register_kind


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
def make_users(db):
    """Plain users in one insert: enough to be notification recipients."""

    def make(count: int, prefix: str = "lot"):
        User = get_user_model()
        start = User.objects.count()
        return User.objects.bulk_create(
            [
                User(
                    email=f"{prefix}{start + i}@musees-test.fr", first_name="Lot", last_name=str(i)
                )
                for i in range(count)
            ]
        )

    return make
