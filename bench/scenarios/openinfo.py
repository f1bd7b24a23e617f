"""ITA disclosures at national scale: every province and agency (77 × 35 at national scale) answers the 43 items
of the national 2570 list in part — missing, draft, published uploads and generated pages mixed — with an owner
and a due date assigned for about half of the cells. Pages: the national readiness board, a province's board,
the complaint-statistics page generated from the complaints scenario's data (2,000,000 complaints at national
scale: run with ``--scenarios complaints,openinfo``), the public ITA page and the information centre.
"""

from __future__ import annotations

import datetime as dt
import random

from bench.scenarios import Context, Page, bulk

YEAR = 2570


def generate(ctx: Context) -> None:
    from django.db import transaction
    from django.utils import timezone

    from salaklang.accounts.models import User
    from salaklang.openinfo import services
    from salaklang.openinfo.models import AssessmentYear, Assignment, Evidence, Item
    from salaklang.organizations.models import Organization

    rng = random.Random(2540)
    admin = User.objects.get(username="admin")
    ay = AssessmentYear.objects.filter(year=YEAR, province__isnull=True).first() or services.year_from_default(
        year=YEAR, actor=admin)
    items = list(Item.objects.filter(year=ay).order_by("order"))
    provinces = list(Organization.objects.filter(kind="province").order_by("pk")[: ctx.provinces])
    orgs = list(Organization.objects.filter(province__in=provinces, kind__in=("province", "agency"), is_active=True)
                .values_list("pk", "province_id"))
    answered = set(Evidence.objects.filter(item__year=ay).values_list("organization_id", flat=True))
    owners = list(User.objects.filter(username__startswith="bench").values_list("pk", flat=True)[:2000]) or [admin.pk]
    now = timezone.now()
    due = dt.date(2027, 3, 31)

    def evidence():
        for oid, pid in orgs:
            if oid in answered:  # the demo's Phang Nga answers stay as the demo made them
                continue
            for it in items:
                r = rng.random()
                if r < 0.35:
                    continue  # missing
                owner = rng.choice(owners)
                common = {"organization_id": oid, "province_id": pid, "item": it, "owner_id": owner,
                          "due_on": due - dt.timedelta(days=rng.randint(0, 60)), "created_by_id": admin.pk}
                published = r >= 0.5
                status = Evidence.Status.PUBLISHED if published else Evidence.Status.DRAFT
                if it.generator and rng.random() < 0.6:
                    yield Evidence(kind=Evidence.Kind.GENERATED, generator=it.generator, title=it.title_th,
                                   status=status, published_at=now if published else None, **common)
                else:
                    yield Evidence(kind=Evidence.Kind.UPLOAD, title=f"{it.code} {it.title_th}",
                                   file=f"openinfo/{YEAR}/bench-{oid}-{it.code}.pdf", filename=f"{it.code}.pdf",
                                   content_type="application/pdf", status=status,
                                   published_at=now if published else None,
                                   info_category=rng.choice(["own", "s9_1", "s9_3", "s9_4", "s9_5"]), **common)

    def assignments():
        for oid, pid in orgs:
            for it in items:
                if rng.random() < 0.5:
                    yield Assignment(organization_id=oid, province_id=pid, item=it, owner_id=rng.choice(owners),
                                     due_on=due - dt.timedelta(days=rng.randint(0, 60)), assigned_by_id=admin.pk)

    have = set(Assignment.objects.filter(item__year=ay).values_list("organization_id", "item_id"))
    with transaction.atomic():
        bulk(Evidence, evidence(), batch_size=5000)
        bulk(Assignment, (a for a in assignments() if (a.organization_id, a.item_id) not in have), batch_size=5000)
    pna = Organization.objects.get(code="PNA")
    # The complaint-statistics page of Phang Nga (the demo publishes O31 as a generated page).
    o31 = next(i for i in items if i.generator == "complaint_stats")
    if not Evidence.objects.filter(organization=pna, item=o31, kind="generated", status="published").exists():
        Evidence.objects.create(organization=pna, province=pna, item=o31, kind="generated", generator=o31.generator,
                                title=o31.title_th, status="published", published_at=now, created_by=admin)
    ctx.state["ita_evidence"] = Evidence.objects.filter(item__year=ay).count()
    ctx.state["ita_assignments"] = Assignment.objects.filter(item__year=ay).count()
    ctx.state["ita_organizations"] = len(orgs)
    ctx.state["ita_items"] = len(items)
    ctx.state["ita_stats_item"] = o31.code
    ctx.state["ita_small_province"] = provinces[0].code


PAGES = [
    Page("ITA: national readiness board (every province)", f"/ita/manage/board/{YEAR}/", "opdc", 150),
    Page("ITA: a province's readiness board (PNA)", f"/ita/manage/board/{YEAR}/", "pn.strategy", 100),
    Page("ITA: a province's board seen nationally (PNA)", f"/ita/manage/board/{YEAR}/?province=PNA", "opdc", 100,
         rows_check=lambda c: f"/ita/manage/board/{YEAR}/?province=PNA&org=PNA-TOUR"),
    Page("ITA: generated complaint statistics (PNA, public)",
         lambda c: f"/ita/PNA/{YEAR}/{c.state.get('ita_stats_item', 'O31')}/", None, 100),
    Page("ITA: public ITA page (PNA)", f"/ita/PNA/{YEAR}/", None, 100),
    Page("ITA: information centre (PNA, first page)", "/ita/centre/PNA/", None, 100,
         rows_check="/ita/centre/PNA/?q=%E0%B8%84%E0%B8%B9%E0%B9%88%E0%B8%A1%E0%B8%B7%E0%B8%AD"),
]
