"""Demo: the Chiang Rai action plan of its selected HPP agenda, with nine indicators over the four mechanisms
and quarterly progress reports of fiscal years 2569/2570 in every state (accepted, submitted, returned, draft,
missing), all made through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from django.db import transaction
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.organizations.models import Membership, Organization, Role
from salaklang.plans import services
from salaklang.plans.models import Plan, ProgressReport

AGENDA_TITLE = "เชียงรายเมืองท่องเที่ยวเชิงสุขภาพและวัฒนธรรมล้านนา ด้วยบริการภาครัฐที่ทันสมัย"

ACTIVITIES = [
    ("digital", "ยื่นคำขอใบอนุญาตและนัดหมายงานทะเบียนผ่านระบบ e-Service", "CRI-TRANSPORT", ["CRI-LAND"], "850000"),
    ("digital", "เปิดเผยชุดข้อมูลการท่องเที่ยวและบริการสุขภาพเป็นข้อมูลเปิด", "CRI-D-MUEANG", ["CRI-TOUR"], "120000"),
    ("innovation", "เส้นทางท่องเที่ยวเชิงสุขภาพร่วมกับภาคเอกชนและวิสาหกิจชุมชน", "CRI-TOUR", ["CRI-HEALTH"], "1500000"),
    ("innovation", "คลินิกแพทย์แผนไทยและสปาล้านนามาตรฐานสากล", "CRI-HEALTH", ["CRI-TOUR"], "2300000"),
    ("open", "เวทีรับฟังความคิดเห็นและแก้ไขเรื่องร้องเรียนด้านสิ่งแวดล้อมแหล่งท่องเที่ยว", "CRI-NRE",
     ["CRI-PO-STRAT"], "400000"),
    ("excellence", "ขยายผลแนวปฏิบัติที่ได้รับรางวัลเลิศรัฐและยกระดับ PMQA 4.0", "CRI-PO-STRAT",
     ["CRI-HEALTH", "CRI-LAND"], "300000"),
]

# mechanism, name, unit, value type, baseline, direction, aggregation, owner, kind,
# targets for the eight quarters of FY 2569–2570, values reported for 2569 Q1–Q4
INDICATORS = [
    ("digital", "จำนวนงานบริการที่เปิดให้ยื่นผ่านระบบ e-Service", "บริการ", "count", 0, "higher", "cumulative",
     "CRI-TRANSPORT", "output", [2, 4, 6, 8, 10, 12, 14, 16], [2, 2, 3, 2]),
    ("digital", "ร้อยละของธุรกรรมงานทะเบียนที่ดินที่ทำออนไลน์", "ร้อยละ", "percent", 20, "higher", "latest",
     "CRI-LAND", "outcome", [25, 30, 35, 40, 45, 50, 55, 60], [24, 28, 31, 34]),
    ("digital", "จำนวนชุดข้อมูลเปิดที่เผยแพร่", "ชุดข้อมูล", "count", 0, "higher", "cumulative",
     "CRI-D-MUEANG", "output", [2, 4, 6, 8, 10, 12, 14, 16], []),
    ("innovation", "จำนวนนวัตกรรมบริการร่วมกับภาคเอกชนและชุมชน", "นวัตกรรม", "count", 0, "higher", "cumulative",
     "CRI-TOUR", "output", [1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 1]),
    ("innovation", "รายได้จากการท่องเที่ยวเชิงสุขภาพ", "ล้านบาท", "number", 0, "higher", "cumulative",
     "CRI-HEALTH", "outcome", [50, 100, 150, 200, 260, 320, 380, 440], [48, 45, 52, 40]),
    ("open", "ระยะเวลาเฉลี่ยในการแก้ไขเรื่องร้องเรียนด้านแหล่งท่องเที่ยว", "วัน", "number", 30, "lower", "latest",
     "CRI-PO-STRAT", "outcome", [25, 22, 20, 18, 16, 14, 12, 10], [26, 23, 21, 17]),
    ("open", "จำนวนเวทีรับฟังความคิดเห็นของประชาชน", "ครั้ง", "count", 0, "higher", "cumulative",
     "CRI-NRE", "output", [1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 0, 2]),
    ("excellence", "จำนวนส่วนราชการที่ผ่านการรับรอง PMQA 4.0 ระดับ Basic", "หน่วยงาน", "count", 2, "higher", "latest",
     "CRI-PO-STRAT", "output", [3, 4, 5, 6, 7, 8, 9, 10], [3, 4, 5, 6]),
    ("excellence", "ร้อยละความพึงพอใจของผู้รับบริการ", "ร้อยละ", "percent", 75, "higher", "latest",
     "CRI-TOUR", "outcome", [78, 80, 82, 84, 85, 86, 87, 88], [77, 79, 81, 83]),
]

# what happened to each organization's report of 2569 Q4 (earlier quarters were accepted)
Q4_FATE = {"CRI-TOUR": "submitted", "CRI-NRE": "returned"}


def _reporter(org: Organization) -> User:
    m = (Membership.objects.filter(organization=org, is_active=True, role__in=[Role.AGENCY_COORDINATOR,
                                                                              Role.AGENCY_HEAD])
         .select_related("user").order_by("role", "pk").first())
    return m.user


def _agenda(cri: Organization, strategy: User):
    from salaklang.agendas.models import Agenda

    agenda = (Agenda.objects.filter(province=cri, status=Agenda.Status.SELECTED, plan__isnull=True)
              .order_by("fiscal_year", "pk").first())
    if agenda is None:
        agenda = Agenda.objects.create(
            province=cri, fiscal_year=2569, title=AGENDA_TITLE, status=Agenda.Status.SELECTED,
            selected_at=timezone.now(), proposed_by=Organization.objects.get(code="CRI-PO-STRAT"), created_by=strategy,
            problem="นักท่องเที่ยวเชิงสุขภาพเพิ่มขึ้นแต่บริการภาครัฐยังต้องติดต่อด้วยตนเอง",
            area="ทั้งจังหวัด")
    return agenda


@transaction.atomic
def seed() -> dict[str, int]:
    cri = Organization.objects.get(code="CRI")
    if Plan.objects.filter(province=cri).exists():
        return {"plans": Plan.objects.count(), "reports": ProgressReport.objects.count()}
    strategy = User.objects.get(username="cr.strategy")
    orgs = {o.code: o for o in Organization.objects.filter(code__startswith="CRI")}
    agenda = _agenda(cri, strategy)
    plan = services.plan_create(actor=strategy, agenda=agenda, data={
        "title": f"แผนปฏิบัติการ: {agenda.title}", "fiscal_year_from": 2569,
        "fiscal_year_to": 2570, "reporting_frequency": Plan.Frequency.QUARTERLY,
        "objective": "ยกระดับบริการภาครัฐด้วยกลไกทั้ง ๔ ด้าน เพื่อรายได้และความพึงพอใจของนักท่องเที่ยวและประชาชน"})
    for mech, title, owner, partners, budget in ACTIVITIES:
        services.activity_create(actor=strategy, plan=plan, data={
            "mechanism": mech, "title": title, "owner": orgs[owner], "budget": D(budget),
            "starts_on": dt.date(2025, 10, 1), "ends_on": dt.date(2027, 9, 30)},
            partners=[orgs[p] for p in partners])
    keys = [p.key for p in plan.periods]
    indicators = []
    for mech, name, unit, vtype, base, direction, agg, owner, kind, targets, values in INDICATORS:
        ind = services.indicator_create(actor=strategy, plan=plan, data={
            "mechanism": mech, "name": name, "unit": unit, "value_type": vtype, "baseline": D(base),
            "direction": direction, "aggregation": agg, "owner": orgs[owner], "kind": kind,
            "data_source": "รายงานของหน่วยงานเจ้าของตัวชี้วัด"}, targets={
            k: str(t) for k, t in zip(keys, (targets + [targets[-1]] * len(keys))[: len(keys)], strict=True)})
        indicators.append((ind, values))
    services.plan_activate(actor=strategy, plan=plan)
    today = timezone.localdate()
    by_owner: dict[int, list] = {}
    for ind, values in indicators:
        by_owner.setdefault(ind.owner_id, []).append((ind, values))
    for owner_id, items in by_owner.items():
        org = Organization.objects.get(pk=owner_id)
        if not any(values for _i, values in items):
            continue  # never reported: shows as "no data" and gets reminders
        reporter = _reporter(org)
        for q, key in enumerate(keys[:4]):
            if plan.periods[q].start > today:
                break
            report = services.report_save(actor=reporter, plan=plan, organization=org, period=key,
                                          values={i.pk: v[q] for i, v in items if len(v) > q},
                                          narrative=f"ดำเนินการตามแผนในไตรมาสที่ {q + 1} ครบทุกกิจกรรม")
            fate = Q4_FATE.get(org.code, "accepted") if q == 3 else "accepted"
            services.report_submit(actor=reporter, report=report)
            if fate == "accepted":
                services.report_accept(actor=strategy, report=report, comment="ถูกต้องครบถ้วน")
            elif fate == "returned":
                services.report_return(actor=strategy, report=report,
                                       comment="ขอหลักฐานภาพถ่ายเวทีรับฟังความคิดเห็นครั้งที่ ๒ เพิ่มเติม")
            due = plan.periods[q].due(15)
            ProgressReport.objects.filter(pk=report.pk).update(
                is_late=False, submitted_at=timezone.make_aware(dt.datetime.combine(due - dt.timedelta(days=3),
                                                                                    dt.time(10, 0))))
        if org.code == "CRI-TRANSPORT" and plan.periods[4].start <= today:
            services.report_save(actor=reporter, plan=plan, organization=org, period=keys[4],
                                 values={items[0][0].pk: "1"}, narrative="อยู่ระหว่างรวบรวมข้อมูล")
    return {"plans": Plan.objects.count(), "reports": ProgressReport.objects.count()}
