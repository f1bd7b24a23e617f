"""Periodic jobs (reminders, escalations, retention). Django's tasks API schedules nothing, so
``manage.py run_worker`` runs a small scheduler beside the task worker, and ``manage.py run_periodic``
runs every due job once (for cron or a systemd timer in production).

Apps register jobs in AppConfig.ready():  ``schedule.every(minutes=15)(send_call_reminders)``
A job is a plain function with no arguments; it must be idempotent (it may run more than once).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    func: Callable[[], object]
    interval: dt.timedelta


_JOBS: dict[str, Job] = {}


def every(*, minutes: int = 0, hours: int = 0):
    interval = dt.timedelta(minutes=minutes, hours=hours)

    def decorator(func):
        name = f"{func.__module__}.{func.__qualname__}"
        _JOBS[name] = Job(name, func, interval)
        return func

    return decorator


def jobs() -> list[Job]:
    return list(_JOBS.values())


def run_due(last_run: dict[str, dt.datetime], now: dt.datetime) -> list[str]:
    ran = []
    for job in jobs():
        previous = last_run.get(job.name)
        if previous is None or now - previous >= job.interval:
            try:
                job.func()
            except Exception:  # one failing job must not stop the others
                log.exception("periodic job %s failed", job.name)
            last_run[job.name] = now
            ran.append(job.name)
    return ran
