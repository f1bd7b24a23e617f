"""Factories for calls and proposals, built through the services (as people build them)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salaklang.calls import services
from salaklang.calls.models import Call, Proposal

CALL_DATA = {"title": "ขอให้ส่วนราชการเสนอนวัตกรรม", "fiscal_year": 2570, "subject": "การพัฒนานวัตกรรม",
             "body": "ย่อหน้าแรก\n\nจึงเรียนมาเพื่อโปรดพิจารณา", "signatory_name": "นายทดสอบ ระบบ",
             "signatory_position": "ผู้ว่าราชการจังหวัดทดสอบ", "contact_unit": "กลุ่มงานยุทธศาสตร์ฯ",
             "contact_phone": "0 7641 3000"}


def make_call(world, *, publish: bool = True, issuer=None, actor=None, **overrides) -> Call:
    """A call of the world's province to its agencies (open for ten days), published unless ``publish=False``."""
    now = timezone.now()
    actor = actor or world["strategy"]
    data = {**CALL_DATA, "opens_at": now - dt.timedelta(days=1), "deadline": now + dt.timedelta(days=10), **overrides}
    call = services.call_create(actor=actor, issuer=issuer or world["province"], data=data)
    return services.call_publish(actor=actor, call=call) if publish else call


def make_proposal(world, call: Call, *, agency=None, drafter=None, head=None, submit: bool = False,
                  title: str = "ระบบจองคิวออนไลน์", **data) -> Proposal:
    """A draft of ``agency`` (the world's first agency); ``submit=True`` sends it for approval and approves it."""
    agency = agency or world["agency"]
    drafter = drafter or world["coordinator"]
    proposal = services.proposal_create(actor=drafter, call=call, organization=agency, data={
        "title": title, "category": call.categories[0]["code"], "background": "ประชาชนรอคิวนาน", **data})
    if submit:
        services.proposal_send_for_approval(actor=drafter, proposal=proposal)
        proposal = services.proposal_approve(actor=head or world["head"], proposal=proposal)
    return proposal
