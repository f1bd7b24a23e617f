"""Background tasks go through the database queue and a real worker command processes them."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import task_backends

from salaklang.core import schedule
from salaklang.core.testing import make_user
from salaklang.notifications.models import Notification
from salaklang.notifications.services import notify


@pytest.mark.django_db(transaction=True)
def test_notification_email_goes_through_the_database_queue_and_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    task_backends._settings = None  # re-read TASKS
    try:
        from django_tasks_db.models import DBTaskResult

        user = make_user(email="somchai@example.test")
        notify(recipients=[user], title="มีหนังสือเวียนใหม่", body="โปรดตรวจสอบ", url="/calls/1/")
        assert Notification.objects.filter(recipient=user).count() == 1
        assert DBTaskResult.objects.count() == 1
        assert mail.outbox == []  # not sent yet: queued

        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

        assert [m.to for m in mail.outbox] == [["somchai@example.test"]]
        assert mail.outbox[0].subject == "มีหนังสือเวียนใหม่"
        assert Notification.objects.get(recipient=user).emailed_at is not None
    finally:
        task_backends._settings = None


def test_periodic_jobs_run_when_due(monkeypatch):
    import datetime as dt

    calls = []
    monkeypatch.setattr(schedule, "_JOBS", {})

    @schedule.every(minutes=15)
    def job():
        calls.append(1)

    now = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
    last: dict = {}
    assert schedule.run_due(last, now) == [job.__module__ + ".test_periodic_jobs_run_when_due.<locals>.job"]
    assert schedule.run_due(last, now + dt.timedelta(minutes=5)) == []
    schedule.run_due(last, now + dt.timedelta(minutes=15))
    assert len(calls) == 2


def test_a_failing_job_does_not_stop_the_others(monkeypatch):
    import datetime as dt

    monkeypatch.setattr(schedule, "_JOBS", {})
    ran = []

    @schedule.every(minutes=1)
    def broken():
        raise RuntimeError("boom")

    @schedule.every(minutes=1)
    def fine():
        ran.append(1)

    schedule.run_due({}, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert ran == [1]
