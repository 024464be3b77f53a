"""200 members register at once for 20 seats on PostgreSQL: the row lock keeps capacity exact."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from tests.factories import TrainingFactory, UserFactory
from trainings import services
from trainings.models import Registration

THREADS = 200
SEATS = 20


@pytest.mark.django_db(transaction=True)
def test_200_simultaneous_registrations_fill_exactly_20_seats():
    assert connection.vendor == "postgresql"
    training = TrainingFactory(capacity=SEATS, waiting_list=True)
    # Plain users are enough: the gate, not the service, checks membership.
    members = UserFactory.create_batch(THREADS)

    def register(member):
        try:
            return services.register(member=member, training=training).status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(register, members))  # re-raises any error of a thread

    assert statuses.count("confirmed") == SEATS
    assert statuses.count("waitlisted") == THREADS - SEATS
    assert Registration.objects.filter(training=training, status="confirmed").count() == SEATS
    assert Registration.objects.filter(training=training, status="waitlisted").count() == 180
    assert Registration.objects.filter(training=training).count() == THREADS
