"""The holiday cache right after boot: time.monotonic() counts from boot, so it is small then."""

import datetime as dt
from unittest import mock

import pytest

from salaklang.complaints import deadlines
from salaklang.complaints.models import Holiday

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seconds_since_boot", [0.5, 42.0, 299.0])
def test_holidays_are_loaded_minutes_after_boot(seconds_since_boot):
    Holiday.objects.create(date=dt.date(2031, 9, 8), name_th="วันหยุดพิเศษ")  # a Monday
    deadlines.clear_cache()
    with mock.patch.object(deadlines.time, "monotonic", return_value=seconds_since_boot):
        assert dt.date(2031, 9, 8) in deadlines.holidays()
        # Friday 5 Sep + 1 working day skips the weekend and the Monday holiday.
        assert deadlines.add_working_days(dt.date(2031, 9, 5), 1) == dt.date(2031, 9, 9)


def test_the_cache_expires_and_clears():
    deadlines.clear_cache()
    clock = mock.patch.object(deadlines.time, "monotonic")
    with clock as now:
        now.return_value = 10.0
        assert dt.date(2031, 9, 10) not in deadlines.holidays()
        # A holiday written behind the signals' back is seen once the TTL has passed, not before.
        Holiday.objects.bulk_create([Holiday(date=dt.date(2031, 9, 10), name_th="วันหยุดพิเศษ")])
        now.return_value = 10.0 + deadlines._TTL_SECONDS - 1
        assert dt.date(2031, 9, 10) not in deadlines.holidays()
        now.return_value = 10.0 + deadlines._TTL_SECONDS + 1
        assert dt.date(2031, 9, 10) in deadlines.holidays()
