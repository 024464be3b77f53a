"""The calendar says two things apart: how many seats the session has left, and where the
member stands (registered, or on the waiting list at position N)."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import TrainingFactory, make_member
from trainings import services


def _card(page: str, training) -> str:
    match = re.search(rf'<article [^>]*data-training="{training.pk}">(.*?)</article>', page, re.S)
    assert match, "card not found"
    return match.group(1)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_registered_member_on_a_full_session_reads_that_their_seat_is_booked(member_client, member):
    training = TrainingFactory(capacity=1, waiting_list=True)
    services.register(member=member, training=training)
    card = _card(member_client.get(reverse("trainings:list")).content.decode(), training)
    seats_line = re.search(r'<p class="seats-line">(.*?)</p>', card, re.S).group(1)
    status = re.search(r'<p class="my-status is-confirmed">(.*?)</p>', card, re.S).group(1)
    assert _text(seats_line) == "Places : Complet — liste d'attente ouverte"
    assert _text(status) == "Vous êtes inscrit·e Votre place est réservée."
    # The old run-on line read as "registered on the waiting list".
    assert "ouverte · Vous êtes inscrit" not in _text(card)


def test_waiting_member_reads_their_position(member_client, member):
    training = TrainingFactory(capacity=1, waiting_list=True)
    services.register(member=make_member(), training=training)
    services.register(member=make_member(), training=training)
    services.register(member=member, training=training)
    card = _card(member_client.get(reverse("trainings:list")).content.decode(), training)
    status = re.search(r'<p class="my-status is-waiting">(.*?)</p>', card, re.S).group(1)
    assert _text(status) == (
        "Vous êtes en liste d'attente Position 2 : vous aurez une place si quelqu'un se désinscrit."
    )
    assert "is-confirmed" not in card

    mine = _text(member_client.get(reverse("trainings:mine")).content.decode())
    assert "En liste d'attente (position 2)" in mine


def test_not_registered_says_nothing_about_the_member(member_client):
    training = TrainingFactory(capacity=1, waiting_list=True)
    services.register(member=make_member(), training=training)
    card = _card(member_client.get(reverse("trainings:list")).content.decode(), training)
    assert "my-status" not in card
    assert "Complet" in card


def test_the_wording_in_english(member_client, member):
    training = TrainingFactory(capacity=1, waiting_list=True)
    services.register(member=make_member(), training=training)
    services.register(member=member, training=training)
    page = member_client.get(reverse("trainings:list"), HTTP_ACCEPT_LANGUAGE="en")
    card = _text(_card(page.content.decode(), training))
    assert "Seats:" in card
    assert "Position 1: you will get a seat if someone cancels." in card


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("trainings:list")).status_code == 200
    return len(queries)


def test_positions_cost_the_same_queries_for_2_or_8_waiting_lists(member_client, member):
    def waitlist_on(count):
        for _ in range(count):
            training = TrainingFactory(capacity=1)
            services.register(member=make_member(), training=training)
            services.register(member=member, training=training)

    waitlist_on(2)
    few = _list_queries(member_client)
    waitlist_on(6)
    many = _list_queries(member_client)
    assert many == few
