"""Who hears of a new training and who may register: the one membership rule (a member in grace
reads and is told, but registers only after renewing; lapsed and suspended people neither)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import Membership
from notifications.models import Notification
from tests import factories
from tests.conftest import refused_by_gate
from trainings import services
from trainings.models import Registration

pytestmark = pytest.mark.django_db


def _people(settings):
    today = timezone.localdate()
    make = factories.MembershipFactory
    return {
        "active": make().user,
        "hidden": make(user__hide_from_directory=True).user,
        "grace": make(
            status=Membership.Status.EXPIRED, valid_until=today - datetime.timedelta(days=3)
        ).user,
        "lapsed": make(
            status=Membership.Status.EXPIRED,
            valid_until=today - datetime.timedelta(days=settings.MEMBERSHIP_GRACE_DAYS + 5),
        ).user,
        "suspended": make(status=Membership.Status.SUSPENDED).user,
        "pending": make(status=Membership.Status.PENDING, valid_until=None).user,
    }


def test_a_new_training_is_announced_to_current_members_grace_included(settings, staff):
    people = _people(settings)
    training = factories.TrainingFactory(status="draft")
    services.publish_training(training=training, by=staff)
    told = set(
        Notification.objects.filter(kind="training_new").values_list("recipient_id", flat=True)
    )
    for kind, person in people.items():
        assert (person.pk in told) is (kind in {"active", "hidden", "grace"}), kind


@pytest.mark.parametrize(
    ("kind", "registered"),
    [
        ("active", True),
        ("hidden", True),
        ("grace", False),
        ("lapsed", False),
        ("suspended", False),
        ("pending", False),
    ],
)
def test_only_a_current_member_outside_grace_registers(settings, kind, registered):
    person = _people(settings)[kind]
    training = factories.TrainingFactory()
    client = Client()
    client.force_login(person)
    response = client.post(reverse("trainings:register", args=[training.pk]), {"note": ""})
    assert Registration.objects.filter(member=person).exists() is registered
    if registered:
        assert response.status_code == 302
    else:
        assert refused_by_gate(response)
        assert response.status_code in (302, 403)
