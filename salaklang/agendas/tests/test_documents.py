import datetime as dt
import time

import pytest
from django.urls import reverse

from salaklang.agendas import demo as agendas_demo
from salaklang.agendas import documents, ics
from salaklang.agendas.models import Meeting
from salaklang.core.thai import arabic_digits
from salaklang.documents.docx import docx_text
from salaklang.documents.pdf import pdf_text


@pytest.fixture
def seed_meeting(demo):
    from salaklang.calls import demo as calls_demo

    calls_demo.seed()
    agendas_demo.seed()
    return Meeting.objects.get(number="1/2565")


def _squash(text: str) -> str:
    """PDF text extraction drops ำ and may split lines: compare without spaces, newlines and ำ."""
    return "".join(text.split()).replace("ำ", "").replace("\u0e4d", "").replace("\u0e32", "")


def test_minutes_docx_has_the_thai_meeting_report_parts(seed_meeting):
    text = docx_text(documents.minutes_docx(seed_meeting))
    for part in ("รายงานการประชุมคณะทำงานขับเคลื่อนการพัฒนาจังหวัดเชียงราย", "ครั้งที่ 1/2565",
                 "เมื่อวันศุกร์ที่ 3 ธันวาคม พ.ศ. 2564 เวลา 10.00 น.", "ณ ห้องประชุมเวียงกาหลง ชั้น 3 ศาลากลางจังหวัดเชียงราย",
                 "ผู้มาประชุม", "ผู้ไม่มาประชุม", "เริ่มประชุมเวลา 10.00 น.",
                 "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ", "ระเบียบวาระที่ 5 เรื่องเพื่อพิจารณา",
                 "มติที่ประชุม", "การแก้ไขปัญหาหมอกควันและไฟป่า (PM2.5)", "เลิกประชุมเวลา 12.00 น.",
                 "ผู้จดรายงานการประชุม", "ผู้ตรวจรายงานการประชุม", "นายชาญวิทย์ แม่กกวงศ์ รองผู้ว่าราชการจังหวัดเชียงราย ประธาน"):
        assert part in text, part
    # the analyst attended for the head of Tourism and Sports
    line = next(line for line in text.splitlines() if "ดาวเรือง" in line)
    assert "แทน ท่องเที่ยวและกีฬาจังหวัดเชียงราย" in line


def test_minutes_docx_thai_digits_option(seed_meeting):
    text = docx_text(documents.minutes_docx(seed_meeting, digits=True))
    assert "ครั้งที่ ๑/๒๕๖๕" in text and "เวลา ๑๐.๐๐ น." in text and "2564" not in text.split("ผู้มาประชุม")[0]


def test_minutes_pdf_text_and_speed(seed_meeting):
    """The speed check counts the CPU time of this process (``time.process_time``), not the wall clock: other
    work on the machine stretches the wall time of a render but hardly its CPU time, so the bound holds under
    load and still fails for a layout that multiplies the work (the bench holds the 300 ms wall-time bar quietly)."""
    documents.minutes_pdf(seed_meeting)  # warm the font configuration
    cpu = []
    for _ in range(3):
        start = time.process_time()
        data = documents.minutes_pdf(seed_meeting)
        cpu.append(time.process_time() - start)
    elapsed = sorted(cpu)[1]  # the median of three
    assert data[:4] == b"%PDF"
    text = _squash(pdf_text(data))
    for part in ("รายงานการประชุม", "ครั้งที่1/2565", "ผู้มาประชุม", "ผู้ไม่มาประชุม", "เริ่มประชุมเวลา10.00น.",
                 "ระเบียบวาระที่1", "มติที่ประชุม", "เลิกประชุมเวลา12.00น.", "ผู้จดรายงานการประชุม", "ผู้ตรวจรายงานการประชุม",
                 "ห้องประชุมเวียงกาหลง"):
        assert _squash(part) in text, part
    assert elapsed < 0.6, elapsed  # CPU seconds: about 0.11 s here (2 cores, Python 3.13)


def test_minutes_pdf_thai_digits(seed_meeting):
    text = _squash(pdf_text(documents.minutes_pdf(seed_meeting, digits=True)))
    assert _squash("ครั้งที่ ๑/๒๕๖๕") in text


def test_thai_digits_reach_every_text_of_the_minutes(seed_meeting):
    """The walk found 'ชั้น 3', 'พ.ศ. 2565' in the typed title and opening, and the page numbers in Arabic digits
    when the minutes were asked for in Thai digits: every text of the document follows the choice."""
    import re

    seed_meeting.venue = "ห้องประชุมเวียงกาหลง ชั้น 3"
    seed_meeting.minutes_opening = "ประธานกล่าวเปิดการประชุมประจำปี 2565"
    seed_meeting.save(update_fields=["venue", "minutes_opening"])
    for text in (pdf_text(documents.minutes_pdf(seed_meeting, digits=True)),
                 docx_text(documents.minutes_docx(seed_meeting, digits=True))):
        assert "ชั้น ๓" in text and "ประจำปี ๒๕๖๕" in "".join(text.split("\n"))
        assert not re.search(r"[0-9]", text.replace("PM2.5", "")), re.findall(r".{10}[0-9].{10}", text)[:5]


def test_minutes_download_views(seed_meeting, client_as):
    c = client_as("cr.tourism.analyst")
    pdf = c.get(reverse("agendas:minutes_document", args=[seed_meeting.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    docx = c.get(reverse("agendas:minutes_document", args=[seed_meeting.pk, "docx"]))
    assert docx.status_code == 200 and "wordprocessingml" in docx["Content-Type"]
    assert c.get(reverse("agendas:minutes_document", args=[seed_meeting.pk, "exe"])).status_code == 404
    assert client_as("pn.strategy").get(reverse("agendas:minutes_document", args=[seed_meeting.pk, "pdf"])).status_code == 404


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_follows_rfc_5545(seed_meeting, client_as):
    response = client_as("cr.tourism.head").get(reverse("agendas:meeting_ics", args=[seed_meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode("utf-8")
    assert raw.startswith("BEGIN:VCALENDAR\r\n") and raw.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = _unfold(raw)
    assert "VERSION:2.0" in lines and "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert f"UID:meeting-{seed_meeting.pk}@salaklang" in lines
    # 3 Dec 2021 10:00–12:00 Bangkok = 03:00–05:00 UTC
    assert "DTSTART:20211203T030000Z" in lines and "DTEND:20211203T050000Z" in lines
    location = next(line for line in lines if line.startswith("LOCATION:"))
    assert location == "LOCATION:ห้องประชุมเวียงกาหลง ชั้น 3 ศาลากลางจังหวัดเชียงราย อ.เมืองเชียงราย จ.เชียงราย"
    summary = next(line for line in lines if line.startswith("SUMMARY:"))
    assert "ประจำปีงบประมาณ พ.ศ. 2565" in summary
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert any(line.startswith("ORGANIZER;CN=") for line in lines)


def test_ics_escapes_and_folds():
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "SUMMARY:" + "ประชุม" * 40
    folded = ics.fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long


def test_ics_cancelled_meeting(demo, make_meeting):
    from salaklang.agendas.services import meetings

    m = meetings.meeting_cancel(actor=demo["cr.strategy"], meeting=make_meeting())
    text = ics.meeting_ics(m)
    assert "METHOD:CANCEL" in text and "STATUS:CANCELLED" in text and "SEQUENCE:1" in text


def test_minutes_of_a_meeting_without_times(demo, make_meeting):
    m = make_meeting(start_time=dt.time(9), end_time=dt.time(10))
    text = docx_text(documents.minutes_docx(m))
    assert "เริ่มประชุมเวลา -" in text and "ผู้จดรายงานการประชุม" in text


@pytest.mark.parametrize("title", ["ประชุมคณะทำงาน HPP ครั้งที่ 1/2570", "ประชุมคณะทำงาน HPP ครั้งที่ ๑/๒๕๗๐",
                                   "ประชุมคณะทำงาน HPP ครั้งที่1/2570"])
def test_a_title_that_names_its_number_prints_it_once(demo, make_meeting, title):
    """The walk found "ครั้งที่ 1/2571" twice in the minutes of a meeting whose title already says its number."""
    m = make_meeting(title=title)
    for text in (docx_text(documents.minutes_docx(m)), docx_text(documents.minutes_docx(m, digits=True))):
        assert arabic_digits(text.replace(" ", "")).count("ครั้งที่1/2570") == 1, text[:300]


def test_a_title_without_its_number_gets_the_number_line(demo, make_meeting):
    m = make_meeting(title="ประชุมคณะทำงาน HPP")
    assert "ครั้งที่ 1/2570" in docx_text(documents.minutes_docx(m))
