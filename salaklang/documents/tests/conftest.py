"""Every kind of document the site generates, built from the full demo data (``manage.py seed_demo``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.urls import reverse


@dataclass
class Rendered:
    kind: str
    data: bytes
    sources: list[str] = field(default_factory=list)  # the source texts the document must carry


PDF_KINDS = ["letter", "proposal", "decision", "minutes", "receipt", "scorecard"]
DOCX_KINDS = ["letter_docx", "proposal_docx", "minutes_docx"]


@pytest.fixture
def full_demo(demo):
    from salaklang.agendas import demo as agendas_demo
    from salaklang.calls import demo as calls_demo
    from salaklang.complaints import demo as complaints_demo
    from salaklang.plans import demo as plans_demo
    from salaklang.reviews import demo as reviews_demo

    calls_demo.seed()
    reviews_demo.seed()
    agendas_demo.seed()
    plans_demo.seed()
    complaints_demo.seed()
    return demo


def _letter_call():
    from salaklang.calls.models import Call

    return Call.objects.select_related("issuer").get(title__startswith="[ตัวอย่าง] ขอให้ส่วนราชการเสนอนวัตกรรม")


def _proposal():
    from salaklang.calls.models import Proposal

    p = (Proposal.objects.select_related("call", "organization", "national_strategy", "provincial_plan")
         .filter(call__issuer__code="PNA").order_by("pk").first())
    # the dates a proposal prints (the proposal PDF printed "2026-06-01")
    Proposal.objects.filter(pk=p.pk).update(started_on=dt.date(2026, 6, 1), in_use_since=dt.date(2026, 9, 15))
    p.refresh_from_db()
    return p


def _meeting():
    from salaklang.agendas.models import Meeting

    return Meeting.objects.get(number="1/2565")


def _sources_of_proposal(p) -> list[str]:
    return [p.title, p.organization.name_th, p.background, p.objectives, p.target_group]


@pytest.fixture
def render_document(full_demo, client_as, client):
    """``render_document(kind)`` → Rendered: the bytes a person downloads and the texts they must find in it."""

    def _render(kind: str) -> Rendered:
        from salaklang.agendas import documents as agenda_docs
        from salaklang.calls import documents as call_docs

        if kind in ("letter", "letter_docx"):
            call = _letter_call()
            letter = call_docs.official_letter(call)
            sources = [letter.organization_name, *letter.address_lines, letter.subject, letter.addressee,
                       *letter.paragraphs, letter.signatory_name, letter.signatory_position]
            data = call_docs.letter_pdf(call) if kind == "letter" else call_docs.letter_docx(call)
            return Rendered(kind, data, sources)
        if kind in ("proposal", "proposal_docx"):
            p = _proposal()
            data = call_docs.proposal_pdf(p) if kind == "proposal" else call_docs.proposal_docx(p)
            return Rendered(kind, data, _sources_of_proposal(p))
        if kind in ("minutes", "minutes_docx"):
            meeting = _meeting()
            m = agenda_docs.minutes_context(meeting)
            data = agenda_docs.minutes_pdf(meeting) if kind == "minutes" else agenda_docs.minutes_docx(meeting)
            sources = [m["title"], m["when"], m["venue"], *m["present"][:3]]
            sources += [i["title"] for s in m["sections"] for i in s["items"]][:4]
            return Rendered(kind, data, sources)
        if kind == "decision":
            from salaklang.calls.models import Call, Proposal
            from salaklang.reviews import services as review_services

            call = Call.objects.filter(status="in_review", issuer__code="PNA").order_by("pk").first()
            rows = review_services.ranking(call)
            best = Proposal.objects.get(pk=rows[0]["proposal"].pk)
            reasons = "ข้อเสนอได้คะแนนเฉลี่ยสูงสุดจากกรรมการทุกคน\r\nและนำไปใช้ประโยชน์ได้จริงในพื้นที่"
            review_services.decision_record(call=call, actor=full_demo["pn.strategy"], proposals=[best], reasons=reasons)
            r = client_as("pn.strategy").get(reverse("reviews:decision_pdf", args=[call.pk]))
            assert r.status_code == 200
            return Rendered(kind, r.content, ["สรุปผลการพิจารณาคัดเลือกนวัตกรรม", call.title, best.title,
                                              best.organization.name_th, *reasons.splitlines()])
        if kind == "receipt":
            from salaklang.complaints.models import Complaint

            c = Complaint.objects.select_related("category", "agency", "province").exclude(agency=None).order_by("pk").first()
            r = client.get(reverse("complaints:track_receipt", kwargs={"code": c.code}))
            assert r.status_code == 200
            return Rendered(kind, r.content, ["ใบรับเรื่องร้องเรียน", f"ศูนย์ดำรงธรรม{c.province.name_th}", c.code,
                                              c.subject, c.category.name_th, c.agency.name_th])
        if kind == "scorecard":
            from salaklang.plans.documents import scorecard_pdf
            from salaklang.plans.models import Plan

            plan = Plan.objects.select_related("agenda", "province").order_by("pk").first()
            province = plan.province
            from salaklang.plans import queries

            fy = plan.fiscal_year_from
            data = queries.province_scorecard(province, fy, with_charts=False)
            sources = ["แผงสรุปผลการดำเนินงาน", province.name_th]
            for block in data["plans"]:
                sources.append(block.plan.agenda.title)
                sources += [row.indicator.name for mech in block.mechanisms for row in mech.rows][:5]
            return Rendered(kind, scorecard_pdf(province, fy), sources)
        raise ValueError(kind)

    return _render
