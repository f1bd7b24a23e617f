"""Helpers for the demo data (``manage.py seed_demo``): office-hour times and a past that reads consistently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


def office_time(days: int, *, hour: int = 16, minute: int = 30) -> dt.datetime:
    """``days`` from today at an office hour (a deadline at 16:30, not at the minute the demo was seeded)."""
    local = timezone.localtime() + dt.timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


@contextmanager
def happened_at(when: dt.datetime) -> Iterator[None]:
    """Run services as if it were ``when``: a call the demo shows as closed was published in the past, so its
    publication, audit entries and the e-mails it sent carry that date and the deadline it really had. Demo use
    only: it patches ``django.utils.timezone.now`` for the block."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield
