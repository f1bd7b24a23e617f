from __future__ import annotations

import datetime as dt

import pytest

from salaklang.openinfo import queries, services
from salaklang.openinfo.models import Evidence, Item

pytestmark = pytest.mark.django_db


def test_six_month_and_annual_progress_pages(client, ita):
    from salaklang.plans import demo as plans_demo
    from salaklang.plans.models import Plan, ProgressReport

    plans_demo.seed()
    plan = Plan.objects.get(province__code="CRI")
    ProgressReport.objects.filter(plan=plan).delete()
    common = {"plan": plan, "organization": plan.province, "due_on": dt.date(2027, 1, 15),
              "created_by": ita["admin"]}
    ProgressReport.objects.create(period="2570Q1", status="accepted", narrative="ผลไตรมาสแรก", **common)
    ProgressReport.objects.create(period="2570Q3", status="accepted", narrative="ผลไตรมาสสาม", **common)
    ProgressReport.objects.create(period="2570Q2", status="submitted", narrative="ยังไม่รับรอง", **common)
    half = queries.progress(ita["cri"], 2570, half=True)
    year = queries.progress(ita["cri"], 2570, half=False)
    assert [r["report"].narrative for r in half["reports"]] == ["ผลไตรมาสแรก"]
    assert [r["report"].narrative for r in year["reports"]] == ["ผลไตรมาสแรก", "ผลไตรมาสสาม"]
    assert not queries.progress(ita["cri"], 2569, half=False)["has_data"]
    item = Item.objects.get(year=ita["year"], code="O11")
    ev = services.evidence_add(org=ita["cri"], item=item, actor=ita["admin"], kind=Evidence.Kind.GENERATED)
    services.evidence_publish(evidence=ev, actor=ita["admin"])
    html = client.get("/ita/CRI/2570/O11/").content.decode()
    assert "ผลไตรมาสแรก" in html and "ผลไตรมาสสาม" not in html
