"""Working days: Monday–Friday that are not in the Holiday table the admin keeps.

Holidays are cached per process for a few minutes (intake computes two deadlines per complaint at
hundreds per second); saving or deleting a holiday clears this process's cache at once.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from salaklang.complaints.models import Holiday

# "at" is the time.monotonic() of the last load, or None when never loaded / cleared. Not 0.0: the
# monotonic clock counts from boot, so 0.0 would look "fresh" for the first five minutes after boot.
_CACHE: dict[str, object] = {"at": None, "days": frozenset()}
_TTL_SECONDS = 300


def holidays() -> frozenset[dt.date]:
    loaded_at = _CACHE["at"]
    now = time.monotonic()
    if loaded_at is None or now - float(loaded_at) > _TTL_SECONDS:  # type: ignore[arg-type]
        _CACHE["days"] = frozenset(Holiday.objects.values_list("date", flat=True))
        _CACHE["at"] = now
    return _CACHE["days"]  # type: ignore[return-value]


def clear_cache() -> None:
    _CACHE["at"] = None


@receiver(post_save, sender=Holiday)
@receiver(post_delete, sender=Holiday)
def _holiday_changed(**kwargs) -> None:
    clear_cache()


def is_working_day(day: dt.date, days_off: frozenset[dt.date] | None = None) -> bool:
    days_off = holidays() if days_off is None else days_off
    return day.weekday() < 5 and day not in days_off


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date ``n`` working days after ``start`` (``start`` itself not counted). n=0 gives the first
    working day on or after ``start``."""
    days_off = holidays()
    day = start
    if n <= 0:
        while not is_working_day(day, days_off):
            day += dt.timedelta(days=1)
        return day
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if is_working_day(day, days_off):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    days_off = holidays()
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, days_off):
            count += 1
    return count
