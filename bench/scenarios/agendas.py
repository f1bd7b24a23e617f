"""Agendas: per province 3 selected agendas and 2 more candidates, the opinions of every agency on each,
and a working-group meeting with every agency invited, two items and approved minutes."""

from __future__ import annotations

import datetime as dt
import random

from bench.scenarios import Context, Page, bulk

FY = 2570


def generate(ctx: Context) -> None:
    from django.db import transaction
    from django.utils import timezone

    from salaklang.accounts.models import User
    from salaklang.agendas.models import (
        Agenda,
        Attendee,
        Meeting,
        MeetingItem,
        MinutesVersion,
        Opinion,
        OpinionInvitation,
        OpinionRound,
    )
    from salaklang.organizations.models import Committee, Organization

    rng = random.Random(5)
    now = timezone.now()
    strategy = User.objects.get(username="cr.strategy")
    chair = User.objects.get(username="cr.vicegov")
    provinces = list(Organization.objects.filter(kind="province").order_by("pk")[: ctx.provinces])
    agencies: dict[int, list[int]] = {}
    for pk, province_id in Organization.objects.filter(kind="agency", province_id__in=[p.pk for p in provinces]) \
            .order_by("name_th").values_list("pk", "province_id"):
        agencies.setdefault(province_id, []).append(pk)
    with transaction.atomic():
        bulk(Agenda, (Agenda(province=p, fiscal_year=FY, title=f"[bench] ประเด็นที่ {i + 1} {p.name_th}",
                             problem="สภาพปัญหา " * 30, area="ทั้งจังหวัด", evidence="ข้อมูล " * 20,
                             proposed_by_id=rng.choice(agencies[p.pk]), created_by=strategy,
                             status="selected" if i < 3 else "candidate", selected_at=now if i < 3 else None)
                      for p in provinces if agencies.get(p.pk) for i in range(5)))
        bulk(OpinionRound, (OpinionRound(province=p, fiscal_year=FY, due_date=now.date() + dt.timedelta(days=7),
                                         created_by=strategy) for p in provinces if agencies.get(p.pk)))
        rounds = dict(OpinionRound.objects.filter(fiscal_year=FY).values_list("province_id", "pk"))
        bulk(OpinionInvitation, (OpinionInvitation(round_id=rounds[pid], organization_id=a)
                                 for pid, orgs in agencies.items() for a in orgs))
        invitations = OpinionInvitation.objects.filter(round__fiscal_year=FY).values_list(
            "pk", "round__province_id", "organization_id")
        agendas_of: dict[int, list[int]] = {}
        for pk, pid in Agenda.objects.filter(fiscal_year=FY, title__startswith="[bench]").values_list("pk", "province_id"):
            agendas_of.setdefault(pid, []).append(pk)
        positions = ["support", "support", "conditional", "oppose", "no_view"]
        bulk(Opinion, (Opinion(invitation_id=inv, agenda_id=a, organization_id=org, position=rng.choice(positions),
                               reasoning="เหตุผล " * 10, contribution="สนับสนุนข้อมูล", answered_by=strategy)
                       for inv, pid, org in invitations for a in agendas_of.get(pid, [])), batch_size=5000)

        bulk(Committee, (Committee(organization=p, kind="working_group", name_th=f"[bench] คณะทำงาน HPP {p.name_th}")
                         for p in provinces if agencies.get(p.pk)))
        committees = dict(Committee.objects.filter(name_th__startswith="[bench]").values_list("organization_id", "pk"))
        bulk(Meeting, (Meeting(committee_id=committees[p.pk], province=p, number=f"1/{FY}",
                               title=f"[bench] ประชุมคณะทำงาน HPP {p.name_th}", date=now.date() - dt.timedelta(days=3),
                               start_time=dt.time(10), end_time=dt.time(12), venue="ห้องประชุมศาลากลางจังหวัด",
                               chair=chair, status="held", opened_at=dt.time(10, 5), closed_at=dt.time(11, 55),
                               minute_taker=strategy, checker=chair, minutes_status="approved",
                               minutes_opening="ประธานกล่าวเปิดการประชุม " * 5, created_by=strategy)
                       for p in provinces if agencies.get(p.pk)))
        meetings = dict(Meeting.objects.filter(title__startswith="[bench]").values_list("province_id", "pk"))
        attendance = ["present"] * 6 + ["absent"]
        bulk(Attendee, (Attendee(meeting_id=meetings[pid], organization_id=org, sort_order=i, role_label="คณะทำงาน",
                                 attendance=rng.choice(attendance))
                        for pid, orgs in agencies.items() for i, org in enumerate(orgs)), batch_size=5000)
        bulk(MeetingItem, (MeetingItem(meeting_id=m, section=s, sort_order=1, title=t, discussion="การอภิปราย " * 40,
                                       resolution="ที่ประชุมมีมติเห็นชอบ")
                           for m in meetings.values() for s, t in ((1, "เรื่องที่ประธานแจ้ง"), (5, "พิจารณาเลือกประเด็นนโยบาย"))))
        through = MeetingItem.agendas.through
        items = dict(MeetingItem.objects.filter(meeting_id__in=meetings.values(), section=5)
                     .values_list("meeting__province_id", "pk"))
        bulk(through, (through(meetingitem_id=items[pid], agenda_id=a) for pid, ids in agendas_of.items() for a in ids))
        bulk(MinutesVersion, (MinutesVersion(meeting_id=m, number=1, data={"items": []}, approved_at=now,
                                             approved_by=strategy) for m in meetings.values()))
        # a small request for the rows check: one province, two agencies, one agenda
        cri = provinces[0]
        small = OpinionRound.objects.create(province=cri, fiscal_year=FY - 1, due_date=now.date(), created_by=strategy)
        a = Agenda.objects.create(province=cri, fiscal_year=FY - 1, title="[bench] ประเด็นเดียว",
                                  proposed_by_id=agencies[cri.pk][0], created_by=strategy)
        for org in agencies[cri.pk][:2]:
            inv = OpinionInvitation.objects.create(round=small, organization_id=org)
            Opinion.objects.create(invitation=inv, agenda=a, organization_id=org, position="support",
                                   answered_by=strategy)
    ctx.state["agendas_round_id"] = rounds[provinces[0].pk]
    ctx.state["agendas_small_round_id"] = small.pk
    ctx.state["agendas_meeting_id"] = meetings[provinces[0].pk]
    ctx.state["agendas"] = Agenda.objects.count()
    ctx.state["opinions"] = Opinion.objects.count()
    ctx.state["meetings"] = Meeting.objects.count()


PAGES = [
    Page("opinion matrix (province, 35 agencies × 5 agendas)", lambda c: f"/agendas/opinions/{c.state['agendas_round_id']}/",
         "cr.strategy", 100, rows_check=lambda c: f"/agendas/opinions/{c.state['agendas_small_round_id']}/"),
    Page("meeting list (strategy staff)", "/agendas/meetings/", "cr.strategy", 100),
    Page("agenda list (strategy staff)", "/agendas/", "cr.strategy", 100),
    Page("meeting page (35 agencies invited)", lambda c: f"/agendas/meetings/{c.state['agendas_meeting_id']}/",
         "cr.strategy", 100),
]


def custom(ctx: Context, server) -> list[dict]:
    """The minutes PDF (รายงานการประชุม of a 35-agency meeting) over HTTP: p50/p95 against 300 ms."""
    import statistics
    import time

    from bench.run import login, percentile

    client = login(server.url, "cr.strategy")
    path = f"/agendas/meetings/{ctx.state['agendas_meeting_id']}/minutes.pdf"
    for _ in range(3):
        client.get(path)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        r = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert r.status_code == 200 and r.content[:4] == b"%PDF"
    p95 = round(percentile(times, 0.95), 1)
    return [{"page": "minutes PDF (35 agencies, 2 items)", "p50_ms": round(statistics.median(times), 1),
             "p95": p95, "bar_ms": 300, "pass": p95 <= 300}]
