"""The minutes of a meeting (รายงานการประชุม) as PDF and DOCX, in the usual Thai layout:

title, ครั้งที่, date/time/venue, ผู้มาประชุม, ผู้ไม่มาประชุม, ผู้เข้าร่วมประชุม, เริ่มประชุมเวลา, each
ระเบียบวาระ with its items, ผลการพิจารณา (discussion) and มติที่ประชุม (resolution), เลิกประชุมเวลา,
ผู้จดรายงานการประชุม and ผู้ตรวจรายงานการประชุม. One context feeds both formats.
"""

from __future__ import annotations

from django.utils import translation

from salaklang.agendas.models import Attendee, Meeting, MeetingItem
from salaklang.core.thai import arabic_digits, format_date_full, thai_digits_in_prose
from salaklang.documents.text import paragraphs

SECTION_TH = {
    MeetingItem.Section.ANNOUNCEMENTS: "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ",
    MeetingItem.Section.PREVIOUS_MINUTES: "รับรองรายงานการประชุมครั้งที่ผ่านมา",
    MeetingItem.Section.FOLLOW_UP: "เรื่องสืบเนื่อง",
    MeetingItem.Section.FOR_INFORMATION: "เรื่องเพื่อทราบ",
    MeetingItem.Section.FOR_CONSIDERATION: "เรื่องเพื่อพิจารณา",
    MeetingItem.Section.OTHER: "เรื่องอื่น ๆ",
}


def _time(value) -> str:
    return f"{value:%H.%M} น." if value else "-"


def _person(user) -> str:
    return str(user) if user else ""


UNRECORDED_TH = "ยังไม่ได้บันทึกการเข้าประชุม"


def attendee_line(a: Attendee) -> str:
    """'name position role' — for a delegate: 'delegate position แทน principal'."""
    who = a.person
    if a.attendance == Attendee.Attendance.REPRESENTED and a.delegate_id:
        principal = a.person.position_title if a.person_id and a.person.position_title else a.label
        if a.organization_id and not a.person_id:
            principal = a.organization.name_th
        parts = [_person(a.delegate), a.delegate.position_title, f"แทน {principal}"]
    elif who is not None:
        parts = [_person(who), who.position_title]
    else:
        parts = [f"ผู้แทน{a.organization.name_th}"]
    if a.role_label:
        parts.append(a.role_label)
    return " ".join(p for p in parts if p)



def _names_its_number(meeting: Meeting) -> bool:
    """Whether the meeting's title already says its number (in Thai or Arabic digits, with or without a space)."""
    title = arabic_digits(meeting.title).replace(" ", "")
    return f"ครั้งที่{arabic_digits(meeting.number).replace(' ', '')}" in title


def minutes_context(meeting: Meeting, *, digits: bool = False) -> dict:
    attendees = list(meeting.attendees.select_related("person", "organization", "delegate"))
    present = [a for a in attendees if a.kind == Attendee.Kind.MEMBER
               and a.attendance in (Attendee.Attendance.PRESENT, Attendee.Attendance.REPRESENTED)]
    absent = [a for a in attendees if a.kind == Attendee.Kind.MEMBER and a.attendance == Attendee.Attendance.ABSENT]
    # never recorded is not "absent": listed apart, so the minutes do not say someone missed a meeting they attended
    unrecorded = [a for a in attendees if a.kind == Attendee.Kind.MEMBER and a.attendance == Attendee.Attendance.UNKNOWN]
    officials = [a for a in attendees if a.kind == Attendee.Kind.OFFICIAL
                 and a.attendance in (Attendee.Attendance.PRESENT, Attendee.Attendance.REPRESENTED)]
    items = list(meeting.items.all())
    sections = []
    for number, label in SECTION_TH.items():
        own = [i for i in items if i.section == number]
        sections.append({"number": number, "label": label, "items": [
            {"number": f"{number}.{k}" if len(own) > 1 else "", "title": i.title, "discussion": i.discussion,
             "resolution": i.resolution} for k, i in enumerate(own, 1)]})
    with translation.override("th"):
        ctx = {
            "title": f"รายงานการประชุม{meeting.committee.name_th}",
            "subtitle": meeting.title if meeting.title != meeting.committee.name_th else "",
            # a title typed with its number ("… ครั้งที่ 1/2571") does not print the number a second time
            "number": f"ครั้งที่ {meeting.number}" if meeting.number and not _names_its_number(meeting) else "",
            "when": f"เมื่อ{format_date_full(meeting.date)} เวลา {_time(meeting.start_time)}",
            "venue": f"ณ {meeting.venue}",
            "present": [f"{k}. {attendee_line(a)}" for k, a in enumerate(present, 1)],
            "absent": [f"{k}. {attendee_line(a)}" + (f" ({a.note})" if a.note else "")
                       for k, a in enumerate(absent, 1)],
            "unrecorded": [f"{k}. {attendee_line(a)}" for k, a in enumerate(unrecorded, 1)],
            "officials": [f"{k}. {attendee_line(a)}" for k, a in enumerate(officials, 1)],
            "opened": f"เริ่มประชุมเวลา {_time(meeting.opened_at)}",
            "opening": meeting.minutes_opening,
            "sections": [{"heading": f"ระเบียบวาระที่ {s['number']} {s['label']}", "items": s["items"]} for s in sections],
            "closed": f"เลิกประชุมเวลา {_time(meeting.closed_at)}",
            "minute_taker": _person(meeting.minute_taker), "minute_taker_position":
                meeting.minute_taker.position_title if meeting.minute_taker_id else "",
            "checker": _person(meeting.checker),
            "checker_position": meeting.checker.position_title if meeting.checker_id else "",
            "version": str(meeting.minutes_version), "approved": meeting.minutes_locked,
        }
    if digits:  # every text of the document, typed or generated, in Thai digits (addresses aside)
        ctx = _in_thai_digits(ctx)
    return ctx


def _in_thai_digits(value):
    if isinstance(value, str):
        return thai_digits_in_prose(value)
    if isinstance(value, dict):
        return {k: _in_thai_digits(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_in_thai_digits(v) for v in value]
    return value


def minutes_pdf(meeting: Meeting, *, digits: bool = False) -> bytes:
    from salaklang.documents.pdf import render_pdf

    return render_pdf("agendas/minutes_pdf.html", {"m": minutes_context(meeting, digits=digits), "thai_digits": digits})


def minutes_docx(meeting: Meeting, *, digits: bool = False) -> bytes:
    from salaklang.documents import docx as dx

    m = minutes_context(meeting, digits=digits)
    doc = dx.new_document()
    dx.add_paragraph(doc, m["title"], size=18, bold=True, align="center")
    if m["subtitle"]:
        dx.add_paragraph(doc, m["subtitle"], align="center")
    for line in (m["number"], m["when"], m["venue"]):
        if line:
            dx.add_paragraph(doc, line, align="center")
    dx.add_paragraph(doc, "-" * 40, align="center")
    for heading, rows in (("ผู้มาประชุม", m["present"]), ("ผู้ไม่มาประชุม", m["absent"]),
                          (UNRECORDED_TH, m["unrecorded"]), ("ผู้เข้าร่วมประชุม", m["officials"])):
        if heading in ("ผู้เข้าร่วมประชุม", UNRECORDED_TH) and not rows:
            continue
        dx.add_paragraph(doc, heading, bold=True, space_before=6)
        for row in rows or ["-"]:
            dx.add_paragraph(doc, row, indent_cm=1.0)
    dx.add_paragraph(doc, m["opened"], bold=True, space_before=8)
    for line in paragraphs(m["opening"]):
        dx.add_paragraph(doc, line, first_line_cm=2.5)
    for s in m["sections"]:
        dx.add_paragraph(doc, s["heading"], bold=True, space_before=8)
        if not s["items"]:
            dx.add_paragraph(doc, "- ไม่มี -", indent_cm=1.0)
        for i in s["items"]:
            dx.add_paragraph(doc, " ".join(x for x in (i["number"], i["title"]) if x), bold=bool(i["number"]),
                             indent_cm=1.0)
            for line in paragraphs(i["discussion"]):
                dx.add_paragraph(doc, line, first_line_cm=2.5)
            p = dx.add_paragraph(doc, "", indent_cm=1.0)
            dx.add_run(p, "มติที่ประชุม ", bold=True)
            dx.add_run(p, i["resolution"] or "รับทราบ")
    dx.add_paragraph(doc, m["closed"], bold=True, space_before=8)
    for name, position, role in ((m["minute_taker"], m["minute_taker_position"], "ผู้จดรายงานการประชุม"),
                                 (m["checker"], m["checker_position"], "ผู้ตรวจรายงานการประชุม")):
        dx.add_paragraph(doc, "(ลงชื่อ) ...................................", align="right", space_before=16)
        dx.add_paragraph(doc, f"({name})" if name else "(.................................)", align="right")
        if position:
            dx.add_paragraph(doc, position, align="right")
        dx.add_paragraph(doc, role, align="right")
    return dx.to_bytes(doc)
