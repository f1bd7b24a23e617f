"""Calls: a province's call to its agencies and the national call to every province, with proposals."""

from __future__ import annotations

import datetime as dt
import random

from bench.scenarios import Context, Page, bulk


def generate(ctx: Context) -> None:
    from django.utils import timezone

    from salaklang.accounts.models import User
    from salaklang.calls import services
    from salaklang.calls.models import Call, CallTarget, Proposal
    from salaklang.organizations.models import Organization

    rng = random.Random(4)
    now = timezone.now()
    letter = {"subject": "การพัฒนานวัตกรรม", "body": "ย่อหน้าที่หนึ่ง\n\nจึงเรียนมาเพื่อโปรดพิจารณา", "signatory_name": "นายทดสอบ ระบบ",
              "signatory_position": "ผู้ว่าราชการจังหวัด", "contact_phone": "0 7641 3000", "speed_mark": "urgent",
              "enclosures": "แบบฟอร์มข้อเสนอนวัตกรรม"}

    def make(issuer, actor, title):
        call = services.call_create(actor=actor, issuer=issuer, data={
            "title": title, "fiscal_year": 2570, "opens_at": now - dt.timedelta(days=5),
            "deadline": now + dt.timedelta(days=30), **letter})
        return services.call_publish(actor=actor, call=call)

    strategy, opdc = User.objects.get(username="pn.strategy"), User.objects.get(username="opdc")
    province_call = make(Organization.objects.get(code="PNA"), strategy, "[bench] การเปิดรับของจังหวัด")
    national_call = make(Organization.objects.get(code="OPDC"), opdc, "[bench] การเปิดรับระดับชาติ")
    statuses = [Proposal.Status.SUBMITTED] * 5 + [Proposal.Status.DRAFT, Proposal.Status.AWAITING_APPROVAL,
                                                  Proposal.Status.RETURNED]
    for call in (province_call, national_call):
        rows = []
        for target in CallTarget.objects.filter(call=call).select_related("organization"):
            if rng.random() < 0.2:
                continue  # not started
            status = rng.choice(statuses)
            submitted = status in (Proposal.Status.SUBMITTED, Proposal.Status.RETURNED)
            rows.append(Proposal(call=call, target=target, organization=target.organization, status=status,
                                 slot=1 if submitted else None, title=f"นวัตกรรมของ{target.organization.name_th}",
                                 category="service", background="สภาพปัญหา " * 40, objectives="วัตถุประสงค์ " * 20,
                                 created_by=strategy, version=1, submitted_at=now if submitted else None))
        bulk(Proposal, rows)
    ctx.state["province_call_id"] = province_call.pk
    ctx.state["national_call_id"] = national_call.pk
    ctx.state["proposal_id"] = Proposal.objects.filter(call=province_call, status="submitted").first().pk
    small = make(Organization.objects.get(code="PNA"), strategy, "[bench] การเปิดรับขนาดเล็ก")
    CallTarget.objects.filter(call=small).exclude(pk=CallTarget.objects.filter(call=small).first().pk).delete()
    ctx.state["small_call_id"] = small.pk
    if ctx.scale != "tiny":
        _many_calls(ctx, now, strategy, letter)
    ctx.state["calls"] = Call.objects.count()
    ctx.state["proposals"] = Proposal.objects.count()


def _many_calls(ctx: Context, now, actor, letter) -> None:
    """The issue's scale: 20 calls per province, one proposal per agency in each (bulk inserts)."""
    from salaklang.calls.models import Call, CallTarget, Proposal
    from salaklang.organizations.models import Organization

    provinces = list(Organization.objects.filter(kind="province").order_by("pk")[: ctx.provinces])
    agencies: dict[int, list[int]] = {}
    for pk, province_id in Organization.objects.filter(kind="agency").values_list("pk", "province_id"):
        agencies.setdefault(province_id, []).append(pk)
    calls = [Call(issuer=p, title=f"[bench] การเปิดรับที่ {i} {p.name_th}", fiscal_year=2570, status="published",
                  opens_at=now - dt.timedelta(days=40), deadline=now + dt.timedelta(days=i), created_by=actor, **letter)
             for p in provinces for i in range(20)]
    bulk(Call, calls)
    made = Call.objects.filter(title__startswith="[bench] การเปิดรับที่ ").values_list("pk", "issuer_id")
    bulk(CallTarget, (CallTarget(call_id=c, organization_id=a) for c, prov in made for a in agencies.get(prov, [])))
    targets = CallTarget.objects.filter(call__title__startswith="[bench] การเปิดรับที่ ").values_list(
        "pk", "call_id", "organization_id")
    bulk(Proposal, (Proposal(call_id=c, target_id=t, organization_id=o, status="submitted", slot=1, title="ข้อเสนอทดสอบ",
                             category="service", created_by=actor, version=1, submitted_at=now) for t, c, o in targets),
         batch_size=5000)


PAGES = [
    Page("tracking board, province (≈35 agencies)", lambda c: f"/calls/{c.state['province_call_id']}/", "pn.strategy", 100,
         rows_check=lambda c: f"/calls/{c.state['small_call_id']}/"),
    Page("tracking board, national (77 provinces)", lambda c: f"/calls/{c.state['national_call_id']}/", "opdc", 150),
    Page("call list (agency)", "/calls/", "pn.tourism", 100),
    Page("proposal detail", lambda c: f"/calls/proposals/{c.state['proposal_id']}/", "pn.strategy", 100),
    Page("circular letter PDF", lambda c: f"/calls/{c.state['province_call_id']}/letter.pdf", "pn.strategy", 300),
    Page("circular letter DOCX", lambda c: f"/calls/{c.state['province_call_id']}/letter.docx", "pn.strategy", 300),
]
