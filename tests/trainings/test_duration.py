"""The hours a training counts for (certificate): from the real times or the declared duration."""

import datetime
from decimal import Decimal

import pytest

from trainings.models import PARIS, Training


def _training(start, end, duration_hours=None):
    return Training(starts_at=start, ends_at=end, duration_hours=duration_hours)


def _paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        # One day, 09:00-17:00.
        (_paris(2026, 3, 10, 9, 0), _paris(2026, 3, 10, 17, 0), "8.0"),
        # Seven hours from 18:00 run past midnight: still seven hours, not two days.
        (_paris(2026, 3, 10, 18, 0), _paris(2026, 3, 11, 1, 0), "7.0"),
        # Starting at 23:30 for a 7-hour night (the hour the suite used to fail at).
        (_paris(2026, 11, 28, 23, 30), _paris(2026, 11, 29, 6, 30), "7.0"),
        # Three days with a daily schedule 09:30-17:00: three times 7.5 hours.
        (_paris(2026, 5, 4, 9, 30), _paris(2026, 5, 6, 17, 0), "22.5"),
        # The night the clocks go forward (29 March 2026): 20:00-04:00 is 7 real hours.
        (_paris(2026, 3, 28, 20, 0), _paris(2026, 3, 29, 4, 0), "7.0"),
        # Two days across the spring change: each day's own hours, 09:00-12:00.
        (_paris(2026, 3, 28, 9, 0), _paris(2026, 3, 29, 12, 0), "6.0"),
        # Rounded to the half hour.
        (_paris(2026, 3, 10, 9, 0), _paris(2026, 3, 10, 11, 50), "3.0"),
    ],
)
def test_hours_come_from_the_real_times_whatever_the_dates(start, end, hours):
    assert _training(start, end).duration() == Decimal(hours)


def test_a_declared_duration_wins_over_the_times():
    training = _training(
        _paris(2026, 5, 4, 9, 30), _paris(2026, 5, 6, 17, 0), duration_hours=Decimal("18.0")
    )
    assert training.duration() == Decimal("18.0")
