"""Concurrent intake and transitions on PostgreSQL: the rollup stays exact and nobody deadlocks."""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Sum

from salaklang.complaints.models import Category, Complaint, ComplaintStat
from salaklang.complaints.services import handling
from salaklang.complaints.services import intake as intake_services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and parallel writers need PostgreSQL")
def test_parallel_intake_keeps_the_rollup_exact(routes, demo):
    categories = list(Category.objects.filter(code__in=["tourism", "roads", "waste"]))
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(15):
                intake_services.complaint_submit(province=routes, category=categories[(n + i) % len(categories)],
                                          subject=f"เรื่อง {n}-{i}", description="ทดสอบพร้อมกัน", channel="api")
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    total = Complaint.objects.count()
    assert total == 90
    fine = ComplaintStat.objects.filter(province_id__gt=0, category_id__gt=0).aggregate(t=Sum("n"))["t"]
    national = ComplaintStat.objects.filter(province_id=0).aggregate(t=Sum("n"))["t"]
    assert fine == national == total


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_clicks_close_once(submit, demo):
    c = submit()
    results: list[str] = []

    def close(user: str) -> None:
        try:
            handling.complaint_transition(complaint=c, actor=demo[user], status="resolved", note=user)
            results.append("ok")
        except Exception as exc:  # noqa: BLE001 — the loser's error is the point
            results.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close, args=(u,)) for u in ("pn.tourism", "pn.tourism.head")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ValidationError", "ok"]
    assert ComplaintStat.objects.filter(province_id=0, status="resolved").aggregate(t=Sum("n"))["t"] == 1
