"""The complaints bench scenario's data at tiny scale (COPY on PostgreSQL, bulk inserts on SQLite): consistent
with what the services would have written, so the measured pages read realistic rows."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.db.models import Count, Sum

from bench.scenarios import Context
from bench.scenarios import complaints as scenario


@pytest.mark.django_db
def test_generated_complaints_are_consistent(demo):
    from salaklang.complaints.models import Complaint, ComplaintEvent, ComplaintStat
    from salaklang.complaints.services import codes as codes_services

    ctx = Context.for_scale("tiny", "postgres" if connection.vendor == "postgresql" else "sqlite")
    scenario.generate(ctx)
    n = scenario.SIZES["tiny"]
    assert Complaint.objects.count() == ctx.state["complaints"] == n
    fine = ComplaintStat.objects.exclude(province_id=0).exclude(category_id=0)  # the detailed level of the rollup
    assert fine.aggregate(s=Sum("n"))["s"] == n  # the rollup was rebuilt
    codes = list(Complaint.objects.values_list("code", flat=True))
    assert len(set(codes)) == n
    assert all(re.fullmatch(r"[A-Z0-9]+-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", c) for c in codes)
    assert all(codes_services.normalize_code(c.lower()) == c for c in codes[:50])
    # every complaint has its "received" event, every closed one its closing event
    assert ComplaintEvent.objects.filter(kind="submitted").count() == n
    closed = Complaint.objects.filter(closed_at__isnull=False)
    assert ComplaintEvent.objects.filter(kind="status").count() == closed.count() > 0
    assert not closed.filter(status__in=Complaint.OPEN).exists()
    assert not Complaint.objects.filter(status__in=Complaint.CLOSED, closed_at__isnull=True).exists()
    assert not Complaint.objects.filter(resolve_due__lt=models_field("ack_due")).exists()
    by_status = dict(Complaint.objects.values_list("status").annotate(n=Count("id")))
    assert by_status.get("resolved", 0) > by_status.get("rejected", 0) > 0
    # what the pages and the intake need
    track = Complaint.objects.get(code=ctx.state["complaint_track_code"])
    assert track.province.code == "PNA" and track.agency.code == "PNA-TOUR" and track.status == "resolved"
    assert ctx.state["complaints_tourism_inbox"] > 0 and ctx.state["complaint_api_key"].startswith("slk_")
    assert "health" not in ctx.state["complaint_service_codes"]  # sensitive categories need consent
    # a second generation adds more without clashing codes or ids (the bench can top up)
    scenario.generate(ctx)
    assert Complaint.objects.values("code").distinct().count() == 2 * n


def models_field(name: str):
    from django.db.models import F

    return F(name)
