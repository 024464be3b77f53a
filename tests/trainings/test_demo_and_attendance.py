"""Staff can try attendance on the demo (a training is under way), and the training's staff page
says when the attendance list opens when it is not open yet."""

import datetime
import re

import time_machine
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from tests.factories import StructureFactory, TrainingFactory, make_member
from trainings import demo
from trainings.models import PARIS, Registration, Training


def test_the_demo_has_a_training_under_way_with_registrations(staff, member, other_member):
    ctx = {
        "structures": [StructureFactory(), StructureFactory()],
        "staff": staff,
        "members": [member, other_member],
    }
    demo.seed(ctx)
    demo.seed(ctx)  # idempotent
    now = timezone.now()
    under_way = Training.objects.filter(starts_at__lte=now, ends_at__gt=now)
    assert under_way.count() == 1
    training = under_way.get()
    assert training.status == Training.Status.PUBLISHED
    assert training.registrations.filter(status=Registration.Status.CONFIRMED).count() == 2
    assert Training.objects.filter(title=training.title).count() == 1


def test_seeding_a_day_later_brings_it_back_under_way(staff, member):
    ctx = {"structures": [StructureFactory()], "staff": staff, "members": [member]}
    demo.seed(ctx)
    title = demo.IN_PROGRESS[0]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        demo.seed(ctx)
        training = Training.objects.get(title=title)
        assert training.starts_at <= timezone.now() < training.ends_at


def test_attendance_before_the_start_says_when_it_opens(staff_client):
    # Some day next week at 09:30 in Paris, whatever today is.
    day = timezone.localdate() + datetime.timedelta(days=8)
    start = datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=PARIS)
    training = TrainingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=7))
    Registration.objects.create(training=training, member=make_member(), status="confirmed")
    page = staff_client.get(reverse("trainings:staff_detail", args=[training.pk])).content.decode()
    assert reverse("trainings:staff_attendance", args=[training.pk]) not in page
    opens = re.search(r'<p class="empty-state" id="attendance-opens">(.*?)</p>', page, re.S)
    with translation.override("fr"):
        when = dateformat.format(start, "l j F Y")
    assert opens.group(1) == (
        f"La liste de présence s'ouvrira au début de la formation, le {when} à 09:30."
    )


def test_attendance_once_started_is_a_form(staff_client):
    start = timezone.now() - datetime.timedelta(minutes=30)
    training = TrainingFactory(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        registration_opens_at=start - datetime.timedelta(days=20),
        registration_closes_at=start - datetime.timedelta(days=1),
    )
    Registration.objects.create(training=training, member=make_member(), status="confirmed")
    page = staff_client.get(reverse("trainings:staff_detail", args=[training.pk])).content.decode()
    assert reverse("trainings:staff_attendance", args=[training.pk]) in page
    assert "attendance-opens" not in page
