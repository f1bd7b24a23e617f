"""Issue 11: opinions, attendance and minutes as a new user met them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from salaklang.agendas import documents
from salaklang.agendas.models import Attendee, Opinion
from salaklang.agendas.queries import POSITION_SHORT
from salaklang.agendas.services import meetings
from salaklang.agendas.services import minutes as minutes_services
from salaklang.agendas.services import opinions as opinions_services


def test_the_opinion_legend_uses_the_words_of_the_cells(demo, client_as, make_agenda, make_round, orgs):
    a = make_agenda()
    rnd = make_round(organizations=[orgs["CRI-NRE"]])
    opinions_services.opinion_record(actor=demo["cr.nre.head"], agenda=a, organization=orgs["CRI-NRE"], position="support")
    html = client_as("cr.strategy").get(reverse("agendas:opinions", args=[rnd.pk])).content.decode()
    legend = html[html.index('data-testid="matrix-legend"'):]
    legend = legend[:legend.index("</span>")]
    cell = html[html.index('class="position-label"'):]
    cell_label = cell[cell.index(">") + 1:cell.index("</span>")]
    assert f"{POSITION_SHORT['support']} {cell_label}" in legend
    for value, label in Opinion.Position.choices:
        assert f"{POSITION_SHORT[value]} " in legend
    assert "✓ เห็นด้วย," not in legend or cell_label == "เห็นด้วย"


def test_an_uninvited_agency_head_following_a_forwarded_link_is_told_why(demo, client_as, make_agenda, make_round,
                                                                         orgs):
    make_agenda()
    rnd = make_round(organizations=[orgs["CRI-NRE"]])
    url = reverse("agendas:answer", args=[rnd.pk, orgs["CRI-NRE"].pk])  # the link the NRE head forwarded
    response = client_as("cr.land.head").get(url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "ส่วนราชการของท่านไม่ได้รับการขอความเห็น" in html and "กลุ่มงานยุทธศาสตร์" in html
    # the page's way back goes somewhere the person may open
    assert f'href="{reverse("agendas:opinions", args=[rnd.pk])}"' not in html
    assert f'href="{reverse("core:dashboard")}"' in html
    assert client_as("cr.land.head").get(reverse("core:dashboard")).status_code == 200
    # someone of another province still learns nothing
    assert client_as("pn.tourism.head").get(url).status_code == 404


def test_an_invited_agency_opening_another_agencys_link_is_told_why(demo, client_as, make_agenda, make_round, orgs):
    make_agenda()
    rnd = make_round(organizations=[orgs["CRI-NRE"], orgs["CRI-LAND"]])
    response = client_as("cr.land.head").get(reverse("agendas:answer", args=[rnd.pk, orgs["CRI-NRE"].pk]))
    assert response.status_code == 403 and "ลิงก์นี้สำหรับ" in response.content.decode()


def _held_meeting(demo, make_meeting, make_agenda):
    m = make_meeting()
    item = meetings.item_add(actor=demo["cr.strategy"], meeting=m, title="เรื่อง", agendas=[make_agenda()])
    meetings.meeting_hold(actor=demo["cr.strategy"], meeting=m, opened_at=dt.time(10), closed_at=dt.time(11))
    minutes_services.minutes_update(actor=demo["cr.strategy"], meeting=m, items={item.pk: {"resolution": "รับทราบ"}})
    return m


def test_minutes_with_nobodys_attendance_cannot_be_approved(demo, make_meeting, make_agenda):
    m = _held_meeting(demo, make_meeting, make_agenda)
    with pytest.raises(ValidationError, match="ยังไม่ได้บันทึกการเข้าประชุมของผู้ใดเลย"):
        minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m, accept_unrecorded=True)
    m.refresh_from_db()
    assert not m.minutes_locked


def test_unrecorded_attendance_is_shown_as_such_and_approval_asks(demo, client_as, make_meeting, make_agenda):
    m = _held_meeting(demo, make_meeting, make_agenda)
    seats = list(m.attendees.filter(kind=Attendee.Kind.MEMBER).select_related("person", "organization"))
    present, absent, *unrecorded = seats
    meetings.attendance_record(actor=demo["cr.strategy"], attendee=present, attendance="present")
    meetings.attendance_record(actor=demo["cr.strategy"], attendee=absent, attendance="absent")
    ctx = documents.minutes_context(m)
    assert len(ctx["absent"]) == 1 and len(ctx["unrecorded"]) == len(unrecorded)
    assert documents.attendee_line(unrecorded[0]) not in " ".join(ctx["absent"])
    c = client_as("cr.strategy")
    page = c.get(reverse("agendas:meeting", args=[m.pk])).content.decode()
    assert 'data-testid="unrecorded-warning"' in page and f"กรรมการ {len(unrecorded)} คน" in page
    with pytest.raises(ValidationError, match=f"กรรมการ {len(unrecorded)} คน"):
        minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m)
    c.post(reverse("agendas:minutes_approve", args=[m.pk]))
    m.refresh_from_db()
    assert not m.minutes_locked
    c.post(reverse("agendas:minutes_approve", args=[m.pk]), {"accept_unrecorded": "1"})
    m.refresh_from_db()
    assert m.minutes_locked
    from salaklang.documents.pdf import pdf_text

    text = pdf_text(documents.minutes_pdf(m))
    assert "ยังไม่ได้บันทึกการเข้าประชุม" in text


def _approved_minutes(demo, make_meeting, resolution: str):
    """A held meeting with one item whose approved minutes say ``resolution``."""
    from salaklang.agendas.tests.conftest import record_everyone_present

    m = make_meeting()
    item = meetings.item_add(actor=demo["cr.strategy"], meeting=m, title="เรื่องแจ้งเพื่อทราบ", section=1)
    record_everyone_present(m, demo["cr.strategy"])
    meetings.meeting_hold(actor=demo["cr.strategy"], meeting=m, opened_at=dt.time(10), closed_at=dt.time(11))
    minutes_services.minutes_update(actor=demo["cr.strategy"], meeting=m, opening="ประธานกล่าวเปิด",
                                    items={item.pk: {"resolution": resolution}})
    minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m)
    return m, item


def test_the_minutes_versions_page_compares_parts_by_name(demo, client_as, make_meeting, make_agenda):
    m, item = _approved_minutes(demo, make_meeting, "ที่ประชุมรับทราบ")
    minutes_services.minutes_update(actor=demo["cr.strategy"], meeting=m, reason="เพิ่มการมอบหมาย",
                            items={item.pk: {"resolution": "ที่ประชุมรับทราบ และมอบหมายกลุ่มงานยุทธศาสตร์"}})
    body = client_as("cr.strategy").get(reverse("agendas:minutes_versions", args=[m.pk])).content.decode()
    assert "@@" not in body and "+++" not in body and "---" not in body.split("<main", 1)[-1].split("<table", 1)[0]
    assert "ระเบียบวาระที่ 1: เรื่องแจ้งเพื่อทราบ — มติที่ประชุม" in body
    assert "<ins>" in body and "มอบหมาย" in body.split("<ins>", 1)[1].split("</ins>", 1)[0] + body
    assert "ประธานกล่าวเปิดประชุม" not in body.split('data-testid="diff"', 1)[1]  # unchanged parts are not listed


def test_a_part_resubmitted_by_the_browser_is_not_listed_as_changed(demo, client_as, make_meeting):
    """The walk changed only the opening, yet the comparison also listed item 1's resolution with the same text on
    both sides: the browser sends a textarea's line breaks as CR LF, the saved text had LF."""
    m, item = _approved_minutes(demo, make_meeting, "ที่ประชุมรับทราบ\nและมอบหมายกลุ่มงาน")
    c = client_as("cr.strategy")
    r = c.post(reverse("agendas:minutes", args=[m.pk]), {
        "opening": "ประธานกล่าวเปิดประชุม", "reason": "แก้คำกล่าวเปิด",
        f"discussion-{item.pk}": "", f"resolution-{item.pk}": "ที่ประชุมรับทราบ\r\nและมอบหมายกลุ่มงาน"})
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.resolution == "ที่ประชุมรับทราบ\nและมอบหมายกลุ่มงาน"
    diff = c.get(reverse("agendas:minutes_versions", args=[m.pk])).content.decode().split('data-testid="diff"', 1)[1]
    assert "กล่าวเปิด" in diff and "มติที่ประชุม" not in diff
