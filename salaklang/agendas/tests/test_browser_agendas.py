"""The agenda flow of seed 000 in a real browser: strategy staff, an agency coordinator, and the analyst
attending for the head of Tourism and Sports."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from salaklang.agendas.tests.conftest import record_everyone_present

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login_as(page, login, username):
    page.context.clear_cookies()
    login(page, username)


def test_agenda_opinion_meeting_minutes_selection(page, live_server, demo, login, axe):
    from salaklang.agendas.models import Agenda, Attendee, Meeting, Opinion
    from salaklang.organizations.models import Committee, Organization

    base = live_server.url
    nre = Organization.objects.get(code="CRI-NRE")
    tour = Organization.objects.get(code="CRI-TOUR")
    committee = Committee.objects.get(organization__code="CRI", kind="working_group")

    # --- cr.strategy: two candidate agendas ---------------------------------------------------
    login(page, "cr.strategy")
    for org, title in ((nre, "การแก้ไขปัญหาหมอกควันและไฟป่า (PM2.5)"), (tour, "เชียงรายเมืองแห่งศิลปะ")):
        page.goto(f"{base}/agendas/new/")
        page.locator("[name=proposed_by]").select_option(str(org.pk))
        page.locator("[name=fiscal_year]").fill("2570")
        page.locator("[name=title]").fill(title)
        page.locator("[name=problem]").fill("ค่าฝุ่นเกินมาตรฐาน 62 วันต่อปี")
        page.locator("[name=area]").fill("ทั้ง 18 อำเภอ")
        axe(page)
        page.get_by_role("button", name="บันทึก", exact=True).click()
        expect(page.get_by_test_id("agenda-status")).to_have_text("ประเด็นที่เสนอพิจารณา")
    smoke = Agenda.objects.get(title__startswith="การแก้ไขปัญหาหมอกควัน")
    page.goto(f"{base}/agendas/")
    expect(page.get_by_test_id("agenda-list").get_by_role("link", name=re.compile("หมอกควัน"))).to_be_visible()
    axe(page)

    # --- cr.strategy asks every agency of Chiang Rai for its opinion ----------------------------
    page.goto(f"{base}/agendas/opinions/new/")
    page.locator("[name=fiscal_year]").fill("2570")
    page.locator("[name=due_date]").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    axe(page)
    page.get_by_role("button", name="ส่งคำขอความเห็น").click()
    expect(page.get_by_text("ส่งคำขอความเห็นถึงส่วนราชการแล้ว")).to_be_visible()
    round_url = page.url
    expect(page.get_by_test_id("not-answered")).to_have_text("6")

    # --- an agency coordinator of Chiang Rai gives the opinion of Tourism and Sports ------------
    _login_as(page, login, "cr.tourism.analyst")
    page.goto(round_url)
    page.get_by_role("link", name=re.compile("แสดงความเห็นของ")).click()
    page.locator(f"input[name='a{smoke.pk}-position'][value='conditional']").check()
    page.locator(f"[name='a{smoke.pk}-reasoning']").fill("หมอกควันกระทบการท่องเที่ยว")
    page.locator(f"[name='a{smoke.pk}-contribution']").fill("ประชาสัมพันธ์ผ่านเครือข่ายผู้ประกอบการ")
    axe(page)
    page.get_by_role("button", name="บันทึกความเห็น").click()
    expect(page.get_by_text("บันทึกความเห็นแล้ว 1 ประเด็น")).to_be_visible()
    assert Opinion.objects.get(agenda=smoke, organization=tour).position == "conditional"

    # --- cr.strategy: the matrix, then the meeting with its invitations -----------------------
    _login_as(page, login, "cr.strategy")
    page.goto(round_url)
    matrix = page.get_by_test_id("matrix")
    expect(matrix.get_by_role("row", name=re.compile("กก.ชร.*เห็นด้วยโดยมีเงื่อนไข"))).to_be_visible()
    expect(page.get_by_test_id("not-answered")).to_have_text("5")
    axe(page)
    page.goto(f"{base}/agendas/meetings/new/")
    page.locator("[name=committee]").select_option(str(committee.pk))
    page.locator("[name=number]").fill("1/2570")
    page.locator("[name=title]").fill("ประชุมคณะทำงานขับเคลื่อนจังหวัด HPP")
    page.locator("[name=date]").fill((timezone.localdate() + dt.timedelta(days=3)).isoformat())
    page.locator("[name=start_time]").fill("13:00")
    page.locator("[name=end_time]").fill("12:00")
    page.locator("[name=venue]").fill("ห้องประชุมเวียงกาหลง ชั้น 3 ศาลากลางจังหวัดเชียงราย")
    page.locator("[name=minute_taker]").select_option(str(demo["cr.strategy"].pk))
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_text("เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่ม")).to_be_visible()  # end before start refused
    page.js_errors.clear()  # the refused form answers 400 on purpose
    page.locator("[name=start_time]").fill("10:00")
    axe(page)
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("กำลังเตรียมการ")
    meeting_url = page.url
    meeting = Meeting.objects.get(number="1/2570")
    page.get_by_text("เพิ่มระเบียบวาระ", exact=True).first.click()
    page.locator("[name=title]").fill("พิจารณาเลือกประเด็นนโยบาย (agenda) ประจำปีงบประมาณ พ.ศ. 2570")
    page.locator(f"input[name=agendas][value='{smoke.pk}']").check()
    page.get_by_role("button", name="เพิ่มระเบียบวาระ").click()
    expect(page.get_by_test_id("items")).to_contain_text("พิจารณาเลือกประเด็นนโยบาย")
    page.get_by_role("button", name="ส่งหนังสือเชิญประชุม").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("ส่งหนังสือเชิญแล้ว")
    axe(page)
    ics = page.request.get(meeting_url + "calendar.ics")
    assert ics.ok and b"BEGIN:VEVENT" in ics.body() and "เวียงกาหลง".encode() in ics.body()

    # --- cr.tourism.analyst attends for the head of Tourism and Sports -------------------------
    _login_as(page, login, "cr.tourism.analyst")
    page.goto(meeting_url)
    page.get_by_role("link", name="แจ้งผู้เข้าร่วมประชุมแทน").click()
    axe(page)
    page.get_by_role("button", name="ยืนยัน").click()
    attendees = page.get_by_test_id("attendees")
    expect(attendees.get_by_text(re.compile("ดาวเรือง สายน้ำกก เข้าร่วมแทน นายอดิศร ภูชี้ฟ้า"))).to_be_visible()
    axe(page)
    seat = Attendee.objects.get(meeting=meeting, organization=tour)
    assert seat.delegate == demo["cr.tourism.analyst"] and seat.attendance == "represented"

    # --- cr.strategy: attendance, times, minutes, selection, approval -------------------------
    _login_as(page, login, "cr.strategy")
    page.goto(meeting_url)
    chair = Attendee.objects.get(meeting=meeting, person=demo["cr.vicegov"])
    page.locator(f"#att-{chair.pk}").select_option("present")
    page.locator(f"#att-{chair.pk}").locator("xpath=ancestor::form").get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกการเข้าประชุมแล้ว")).to_be_visible()
    page.locator("[name=opened_at]").fill("10:05")
    page.locator("[name=closed_at]").fill("11:45")
    page.get_by_role("button", name="บันทึกว่าได้ประชุมแล้ว").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("ประชุมแล้ว")
    page.get_by_role("link", name="จัดทำรายงานการประชุม").click()
    item = meeting.items.get()
    page.locator("#opening").fill("ประธานกล่าวเปิดการประชุม")
    page.locator(f"#discussion-{item.pk}").fill("ส่วนราชการแสดงความเห็นเป็นรายหน่วยงาน")
    axe(page)
    page.get_by_role("button", name="บันทึกรายงานการประชุม").click()
    expect(page.get_by_text("บันทึกรายงานการประชุมแล้ว")).to_be_visible()
    page.locator("[name=item]").select_option(str(item.pk))
    page.locator(f"input[name=agendas][value='{smoke.pk}']").last.check()
    page.locator("[name=resolution]").fill("ที่ประชุมมีมติเลือกประเด็นการแก้ไขปัญหาหมอกควันและไฟป่า")
    page.get_by_role("button", name="บันทึกมติการเลือก").click()
    expect(page.get_by_text("บันทึกและแจ้งประเด็นนโยบายที่ได้รับเลือกแล้ว")).to_be_visible()
    # members whose attendance was never recorded: warned, and approved only when the approver says so
    expect(page.get_by_test_id("unrecorded-warning")).to_be_visible()
    page.get_by_role("button", name="รับรองรายงานการประชุม").click()
    expect(page.locator(".message-error").filter(has_text="ยังไม่ได้บันทึกการเข้าประชุมของกรรมการ")).to_be_visible()
    expect(page.get_by_test_id("minutes-status")).not_to_have_text("รับรองรายงานการประชุมแล้ว")
    page.get_by_label("รับรองโดยแสดงว่ายังไม่ได้บันทึกการเข้าประชุม").check()
    page.get_by_role("button", name="รับรองรายงานการประชุม").click()
    expect(page.get_by_test_id("minutes-status")).to_have_text("รับรองรายงานการประชุมแล้ว")
    axe(page)
    pdf = page.request.get(meeting_url + "minutes.pdf")
    assert pdf.ok and pdf.body()[:4] == b"%PDF"
    docx = page.request.get(meeting_url + "minutes.docx")
    assert docx.ok and docx.body()[:2] == b"PK"
    page.goto(f"{base}/agendas/{smoke.pk}/")
    expect(page.get_by_test_id("agenda-status")).to_have_text("ได้รับเลือก")
    expect(page.locator(".timeline")).to_contain_text("เลือกประเด็นนโยบายตามมติที่ประชุม")
    axe(page)
    smoke.refresh_from_db()
    assert smoke.status == "selected" and smoke.selected_by_item_id == item.pk
    assert not page.js_errors, page.js_errors


def test_checker_approval_and_corrected_version(page, live_server, demo, login, axe):
    """The vice governor checks and approves; a later correction keeps version 1 and shows the difference."""
    from salaklang.agendas.services import meetings as meetings_services
    from salaklang.agendas.services import minutes as minutes_services
    from salaklang.organizations.models import Committee

    committee = Committee.objects.get(organization__code="CRI", kind="working_group")
    strategy = demo["cr.strategy"]
    meeting = meetings_services.meeting_create(actor=strategy, committee=committee, data={
        "title": "ประชุมคณะทำงาน HPP", "date": timezone.localdate(), "start_time": dt.time(10),
        "end_time": dt.time(12), "venue": "ห้องประชุมเวียงกาหลง", "minute_taker": strategy, "checker": demo["cr.vicegov"]})
    item = meetings_services.item_add(actor=strategy, meeting=meeting, title="เรื่องแจ้งเพื่อทราบ", section=1)
    meetings_services.meeting_invite(actor=strategy, meeting=meeting)
    record_everyone_present(meeting, strategy)
    meetings_services.meeting_hold(actor=strategy, meeting=meeting, opened_at=dt.time(10), closed_at=dt.time(11, 30))
    minutes_services.minutes_update(actor=strategy, meeting=meeting, items={item.pk: {"resolution": "ที่ประชุมรับทราบ"}})
    url = f"{live_server.url}/agendas/meetings/{meeting.pk}/"

    login(page, "cr.vicegov")
    page.goto(url)
    page.get_by_role("button", name="ตรวจรายงานการประชุมแล้ว").click()
    expect(page.get_by_test_id("minutes-status")).to_have_text("ตรวจรายงานการประชุมแล้ว")
    page.get_by_role("button", name="รับรองรายงานการประชุม").click()
    expect(page.get_by_test_id("minutes-status")).to_have_text("รับรองรายงานการประชุมแล้ว")
    axe(page)

    _login_as(page, login, "cr.strategy")
    page.goto(url)
    page.get_by_role("link", name="แก้ไขรายงานการประชุม (ฉบับใหม่)").click()
    expect(page.get_by_role("status").filter(has_text="รับรองแล้วและถูกล็อก")).to_be_visible()
    page.locator(f"#resolution-{item.pk}").fill("ที่ประชุมรับทราบ และมอบหมายกลุ่มงานยุทธศาสตร์ติดตาม")
    page.locator("#reason").fill("เพิ่มการมอบหมาย")
    axe(page)
    page.get_by_role("button", name="บันทึกรายงานการประชุม").click()
    expect(page.get_by_test_id("minutes-status")).to_have_text("กำลังจัดทำรายงานการประชุม")
    expect(page.get_by_text("การแก้ไขของท่านเป็นฉบับที่ 2")).to_be_visible()
    page.get_by_role("link", name="ฉบับต่าง ๆ ของรายงานการประชุม").click()
    expect(page.get_by_test_id("versions")).to_contain_text("เพิ่มการมอบหมาย")
    diff = page.get_by_test_id("diff")
    row = diff.get_by_role("row", name=re.compile("มติที่ประชุม"))
    expect(row).to_contain_text("ระเบียบวาระที่ 1: เรื่องแจ้งเพื่อทราบ — มติที่ประชุม")
    expect(row.locator("ins")).to_contain_text("มอบหมายกลุ่มงานยุทธศาสตร์ติดตาม")
    expect(diff).not_to_contain_text("@@")
    axe(page)
    assert not page.js_errors, page.js_errors
