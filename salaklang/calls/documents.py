"""The documents of a call: its circular letter, each proposal in the form's layout, XLSX exports."""

from __future__ import annotations

import tempfile
from typing import IO

from django.utils import timezone

from salaklang.core.thai import format_date_full, format_datetime
from salaklang.documents.letters import OfficialLetter, render_letter_docx, render_letter_pdf
from salaklang.documents.text import paragraphs

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def official_letter(call) -> OfficialLetter:
    issuer = call.issuer
    return OfficialLetter(
        number=call.document_number or f"{issuer.document_prefix()}/ว (ร่าง)",
        organization_name=issuer.name_th if issuer.kind != "province" else f"ศาลากลาง{issuer.name_th}",
        organization_address=issuer.address,
        date=call.letter_date or timezone.localdate(),
        subject=call.subject, addressee=call.addressee, body=call.body,
        references=[r for r in call.references.splitlines() if r.strip()], enclosures=call.enclosure_lines,
        closing=call.closing, signatory_name=call.signatory_name, signatory_position=call.signatory_position,
        contact_unit=call.contact_unit, phone=call.contact_phone, fax=call.contact_fax, email=call.contact_email,
        speed_mark=call.speed_mark, thai_digits=call.thai_digits, emblem=issuer.emblem_bytes(), deadline=call.deadline)


def letter_pdf(call) -> bytes:
    return render_letter_pdf(official_letter(call))


def letter_docx(call) -> bytes:
    return render_letter_docx(official_letter(call))


def _date(value) -> str:
    """A date in a document: Thai long form in the Buddhist Era ('1 มิถุนายน พ.ศ. 2569'), '-' when empty."""
    return format_date_full(value, weekday=False) if value else "-"


def _proposal_sections(p) -> list[tuple[str, str]]:
    return [
        ("1. ชื่อนวัตกรรม", p.title),
        ("2. ประเภทนวัตกรรม", p.call.category_label(p.category)),
        ("3. หน่วยงานเจ้าของนวัตกรรม", str(p.organization)),
        ("4. ทีมงาน", p.team),
        ("5. ผู้ประสานงาน", " ".join(x for x in (p.contact_name, p.contact_phone, p.contact_email) if x)),
        ("6. ความเป็นมาและสภาพปัญหา", p.background),
        ("7. วัตถุประสงค์", p.objectives),
        ("8. กลุ่มเป้าหมาย", p.target_group),
        ("9. ความใหม่และวิธีการทำงาน (ก่อน/หลัง)", p.novelty),
        ("10. วันที่เริ่มดำเนินการและสถานะปัจจุบัน",
         " · ".join(x for x in (_date(p.started_on) if p.started_on else "", p.get_stage_display()) if x)
         + (f" (ใช้งานตั้งแต่ {_date(p.in_use_since)})" if p.in_use_since else "")),
        ("11. ความเชื่อมโยงกับยุทธศาสตร์ชาติ 20 ปี", str(p.national_strategy or "-")),
        ("12. ความเชื่อมโยงกับแผนพัฒนาจังหวัด", str(p.provincial_plan or "-")),
        ("13. งบประมาณและทรัพยากร", (f"{p.budget:,.2f} บาท\n" if p.budget is not None else "") + p.resources),
        ("14. ความยั่งยืนและการขยายผล", p.sustainability),
    ]


def _call_line(call) -> str:
    """The line under a proposal form's heading: the call's title, and its fiscal year unless the title says it."""
    year = f"พ.ศ. {call.fiscal_year}"
    return call.title if year in call.title else f"{call.title} · ปีงบประมาณ {year}"


def proposal_pdf(p) -> bytes:
    from salaklang.documents.pdf import render_pdf

    return render_pdf("calls/proposal_pdf.html", {"p": p, "call_line": _call_line(p.call),
                                                  "sections": _proposal_sections(p)})


def proposal_docx(p) -> bytes:
    from salaklang.documents import docx as d

    doc = d.new_document()
    d.add_paragraph(doc, "แบบฟอร์มข้อเสนอนวัตกรรม", size=18, bold=True, align="center")
    d.add_paragraph(doc, _call_line(p.call), align="center")
    for heading, text in _proposal_sections(p):
        d.add_paragraph(doc, heading, bold=True, space_before=8)
        for line in paragraphs(text) or ["-"]:
            d.add_paragraph(doc, line, indent_cm=0.75)
        if heading.startswith("10.") and p.results:
            d.add_paragraph(doc, "ผลลัพธ์และตัวชี้วัด", bold=True, space_before=8)
            d.add_table(doc, ["ตัวชี้วัด", "ค่าฐาน", "ผลลัพธ์", "หน่วย"],
                        [[r.get("indicator", ""), r.get("baseline", ""), r.get("result", ""), r.get("unit", "")]
                         for r in p.results])
    return d.to_bytes(doc)


def _xlsx(headers: list[str], rows) -> IO[bytes]:
    """An XLSX of any number of rows in flat memory: openpyxl's write-only mode streams the rows to disk; the result is
    a temporary file (rewound) for a FileResponse to stream. ``rows`` may be any iterable (a queryset iterator)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    bold = Font(bold=True)
    header = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        header.append(cell)
    ws.freeze_panes = "A2"  # the header row stays in view while scrolling (write-only: set before the first row)
    ws.append(header)
    count = 0
    for row in rows:
        ws.append([_safe(v) for v in row])
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"  # a filter button on each heading
    out = tempfile.TemporaryFile()  # noqa: SIM115 — handed to FileResponse, which closes it
    wb.save(out)
    out.seek(0)
    return out


def _safe(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _when(value) -> str:
    return format_datetime(value) if value else ""


def board_xlsx(call, targets, proposals) -> IO[bytes]:
    """One row per target (``targets``: CallTarget with ``state`` ordered by pk) with its proposals (``proposals``:
    ordered by target_id) — both iterators, merged as they stream."""
    from salaklang.calls.queries import BOARD_STATES

    def rows():
        pending = iter(proposals)
        current = next(pending, None)
        for t in targets:
            mine = []
            while current is not None and current.target_id <= t.pk:
                if current.target_id == t.pk:
                    mine.append(current)
                current = next(pending, None)
            yield [t.organization.code, t.organization.name_th, str(BOARD_STATES[t.state]),
                   "; ".join(p.title for p in mine), "; ".join(_when(p.submitted_at) for p in mine if p.submitted_at),
                   len(mine)]

    return _xlsx(["รหัส", "หน่วยงาน", "สถานะ", "ข้อเสนอ", "ส่งเมื่อ", "จำนวนข้อเสนอ"], rows())


PROPOSAL_COLUMNS = ["pk", "organization__name_th", "title", "category", "status", "submitted_at", "is_late", "background",
                    "objectives", "target_group", "novelty", "budget"]


def proposals_xlsx(call, rows) -> IO[bytes]:
    """Every exported proposal of the call, one row each. ``rows``: tuples of PROPOSAL_COLUMNS (a ``values_list``
    iterator: no model instances, no query per row); category and status labels are looked up once."""
    from salaklang.calls.models import Proposal

    categories = {c.get("code"): call.category_label(c.get("code")) for c in call.categories}
    statuses = {value: str(label) for value, label in Proposal.Status.choices}
    return _xlsx(["เลขที่", "หน่วยงาน", "ชื่อนวัตกรรม", "ประเภท", "สถานะ", "ส่งเมื่อ", "ล่าช้า", "ความเป็นมา",
                  "วัตถุประสงค์", "กลุ่มเป้าหมาย", "ความใหม่", "งบประมาณ"], (
        [pk, org, title, categories.get(category, category), statuses.get(status, status), _when(submitted_at),
         "ใช่" if late else "", background, objectives, target_group, novelty, float(budget) if budget is not None else None]
        for pk, org, title, category, status, submitted_at, late, background, objectives, target_group, novelty, budget
        in rows))
