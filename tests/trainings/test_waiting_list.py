"""The waiting list: joined in order, promoted in order when a seat frees, or by hand by staff."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from tests.factories import TrainingFactory, make_member
from trainings import services
from trainings.errors import RegistrationRefused, TrainingError
from trainings.models import Registration


@pytest.mark.usefixtures("db")
def test_full_training_puts_members_on_the_waiting_list_in_order(commit):
    training = TrainingFactory(capacity=1)
    first, second, third = make_member(), make_member(), make_member()
    with commit():
        assert services.register(member=first, training=training).status == "confirmed"
        assert services.register(member=second, training=training).status == "waitlisted"
        assert services.register(member=third, training=training).status == "waitlisted"
    assert "Liste d'attente" in mail.outbox[1].subject

    # The confirmed member cancels: the first in line (second) gets the seat and is told.
    with commit():
        services.cancel_registration(registration=Registration.objects.get(member=first), by=first)
    statuses = dict(Registration.objects.values_list("member_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waitlisted"}
    promoted = Notification.objects.get(kind="training_promoted")
    assert promoted.recipient == second
    assert promoted.url == training.get_absolute_url()
    assert mail.outbox[-1].to == [second.email]
    assert "place s'est libérée" in mail.outbox[-1].subject

    # Leaving the waiting list promotes nobody.
    services.cancel_registration(registration=Registration.objects.get(member=third), by=third)
    assert Registration.objects.filter(status="confirmed").count() == 1
    assert Notification.objects.filter(kind="training_promoted").count() == 1


def test_waiting_member_sees_their_position(member_client, member):
    training = TrainingFactory(capacity=1)
    services.register(member=make_member(), training=training)
    services.register(member=make_member(), training=training)
    services.register(member=member, training=training)
    page = member_client.get(training.get_absolute_url()).content.decode()
    assert "liste d'attente (position 2)" in page
    assert "Quitter la liste d'attente" in page


@pytest.mark.usefixtures("db")
def test_full_without_waiting_list_is_refused():
    training = TrainingFactory(capacity=1, waiting_list=False)
    services.register(member=make_member(), training=training)
    late = make_member()
    with pytest.raises(RegistrationRefused, match="complète"):
        services.register(member=late, training=training)
    assert not Registration.objects.filter(member=late).exists()


@pytest.mark.usefixtures("staff")
def test_staff_promote_by_hand_only_when_a_seat_is_free(staff_client):
    training = TrainingFactory(capacity=1)
    holder = services.register(member=make_member(), training=training)
    waiting = services.register(member=make_member(), training=training)
    response = staff_client.post(reverse("trainings:staff_promote", args=[waiting.pk]), follow=True)
    assert "Aucune place libre" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"

    # Staff move the holder back to the head of the waiting list, then promote the other.
    staff_client.post(reverse("trainings:staff_demote", args=[holder.pk]))
    holder.refresh_from_db()
    assert holder.status == "waitlisted"
    assert list(Registration.objects.filter(status="waitlisted").order_by("queued_at", "pk")) == [
        holder,
        waiting,
    ]
    staff_client.post(reverse("trainings:staff_promote", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Notification.objects.filter(recipient=waiting.member, kind="training_promoted").exists()


@pytest.mark.usefixtures("db")
def test_raising_capacity_promotes_waiting_members(staff):
    training = TrainingFactory(capacity=1)
    services.register(member=make_member(), training=training)
    waiting = services.register(member=make_member(), training=training)
    fields = {
        name: getattr(training, name)
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
    }
    services.update_training(training=training, by=staff, capacity=2, **fields)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_staff_cancels_someone_and_the_next_is_promoted(staff_client):
    training = TrainingFactory(capacity=1)
    holder = services.register(member=make_member(), training=training)
    waiting = services.register(member=make_member(), training=training)
    response = staff_client.post(reverse("trainings:cancel_registration", args=[holder.pk]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_cancelled_registration_cannot_be_cancelled_again(member):
    training = TrainingFactory(capacity=1)
    registration = services.register(member=member, training=training)
    waiting = services.register(member=make_member(), training=training)
    services.cancel_registration(registration=registration, by=member)
    cancelled = Registration.objects.get(pk=registration.pk)
    taken = services.register(member=make_member(), training=training)  # the next one waits

    with pytest.raises(TrainingError, match="déjà annulée"):
        services.cancel_registration(registration=registration, by=member)

    # Nothing moved: the cancellation keeps its time, and no second seat was handed out.
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == ("cancelled", cancelled.cancelled_at)
    waiting.refresh_from_db()
    taken.refresh_from_db()
    assert (waiting.status, taken.status) == ("confirmed", "waitlisted")
    assert Notification.objects.filter(kind="training_promoted").count() == 1


def test_member_can_register_again_after_cancelling(member):
    training = TrainingFactory()
    registration = services.register(member=member, training=training)
    services.cancel_registration(registration=registration, by=member)
    again = services.register(member=member, training=training)
    assert again.pk == registration.pk
    assert again.status == "confirmed"
    assert again.queued_at > timezone.now() - datetime.timedelta(minutes=1)
