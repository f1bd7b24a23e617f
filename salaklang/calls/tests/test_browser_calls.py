"""The whole call flow in a real browser, as the named demo users."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_call_flow_province_and_national_loop(page, live_server, demo, login, axe, make_call):
    from salaklang.organizations.models import Organization

    national = make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc", title="การคัดเลือกนวัตกรรมของจังหวัด")
    base = live_server.url

    # pn.strategy opens and publishes a call to the agencies of Phang Nga
    login(page, "pn.strategy")
    page.goto(f"{base}/calls/new/")
    page.get_by_label("หน่วยงานผู้เปิดรับ:").select_option(label="จังหวัดพังงา")
    page.get_by_label("ชื่อเรื่อง:").fill("ขอให้ส่วนราชการเสนอนวัตกรรม ปีงบประมาณ 2570")
    now = timezone.now()
    page.get_by_label("เปิดรับข้อเสนอตั้งแต่:").fill(local(now - dt.timedelta(hours=1)))
    page.get_by_label("กำหนดส่ง:").fill(local(now + dt.timedelta(days=14)))
    page.get_by_label("ชั้นความเร็ว:").select_option("urgent")
    page.get_by_label("เรื่อง:", exact=True).fill("การพัฒนานวัตกรรมเพื่อประกอบการประเมินจังหวัด HPP")
    page.get_by_label("ข้อความ:").fill("ขอให้ทุกส่วนราชการเสนอนวัตกรรม จำนวน ๑ นวัตกรรม\n\nจึงเรียนมาเพื่อโปรดพิจารณา")
    page.get_by_label("ผู้ลงนาม:", exact=True).fill("นายวรพจน์ อันดามันกุล")
    page.get_by_label("ตำแหน่งผู้ลงนาม:").fill("ผู้ว่าราชการจังหวัดพังงา")
    axe(page)
    page.get_by_role("button", name="บันทึกเป็นร่าง").click()
    expect(page.get_by_text("บันทึกร่างการเปิดรับแล้ว")).to_be_visible()
    page.get_by_role("button", name="ประกาศและแจ้งหน่วยงานเป้าหมาย").click()
    expect(page.get_by_text(re.compile(r"ประกาศแล้ว หนังสือที่ พง ๐๐๑๗/ว"))).to_be_visible()
    call_url = page.url
    letter = page.request.get(call_url + "letter.pdf")
    assert letter.ok and letter.body()[:4] == b"%PDF"
    axe(page)

    # pn.tourism drafts and sends for approval
    page.context.clear_cookies()
    login(page, "pn.tourism")
    page.goto(call_url)
    page.get_by_role("link", name=re.compile("เริ่มจัดทำข้อเสนอของ")).click()
    page.get_by_label("ชื่อนวัตกรรม:").fill("ระบบจองคิวเข้าอุทยานอ่าวพังงาออนไลน์")
    page.get_by_label("ประเภทนวัตกรรม:").select_option("service")
    page.get_by_label("ความเป็นมาและสภาพปัญหา:").fill("นักท่องเที่ยวต้องรอคิวนานในช่วงเทศกาล")
    axe(page)
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("ร่าง")
    page.get_by_role("button", name="เสนอหัวหน้าส่วนราชการเห็นชอบ").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("รอหัวหน้าส่วนราชการเห็นชอบ")
    proposal_url = page.url

    # pn.tourism.head approves
    page.context.clear_cookies()
    login(page, "pn.tourism.head")
    page.goto(proposal_url)
    page.get_by_label("ความคิดเห็น:").fill("เห็นชอบ")
    page.get_by_role("button", name="เห็นชอบและส่ง").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("ส่งแล้ว")
    axe(page)

    # pn.strategy: board, return for revision, reminders, exports
    page.context.clear_cookies()
    login(page, "pn.strategy")
    page.goto(call_url)
    board = page.get_by_test_id("board")
    expect(board.get_by_role("row", name=re.compile("สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา.*ส่งแล้วตามกำหนด"))).to_be_visible()
    page.get_by_label("สถานะ:").select_option("not_started")
    page.get_by_role("button", name="กรอง").click()
    expect(board.get_by_text("สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา")).to_have_count(0)
    axe(page)
    page.goto(call_url)
    page.get_by_role("button", name="แจ้งเตือนหน่วยงานที่ยังไม่ส่ง").click()
    expect(page.get_by_text(re.compile(r"ส่งการแจ้งเตือนถึงหน่วยงานที่ยังไม่ส่ง \d+ หน่วยงานแล้ว"))).to_be_visible()
    xlsx = page.request.get(call_url + "board.xlsx")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"
    page.goto(proposal_url)
    page.get_by_label("ความคิดเห็น:").fill("โปรดเพิ่มตัวชี้วัดผลลัพธ์")
    page.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("ส่งกลับให้แก้ไข")

    # the agency revises, the head approves again, and the province forwards it to the national call
    page.context.clear_cookies()
    login(page, "pn.tourism")
    page.goto(proposal_url + "edit/")
    page.get_by_label("ผลลัพธ์และตัวชี้วัด:").fill("เวลารอคิว | 90 | 15 | นาที")
    page.get_by_role("button", name="บันทึกร่าง").click()
    page.get_by_role("button", name="เสนอหัวหน้าส่วนราชการเห็นชอบ").click()
    page.context.clear_cookies()
    login(page, "pn.tourism.head")
    page.goto(proposal_url)
    page.get_by_role("button", name="เห็นชอบและส่ง").click()
    expect(page.get_by_role("heading", name="การเปลี่ยนแปลงจากฉบับที่ 1 เป็นฉบับที่ 2")).to_be_visible()
    page.context.clear_cookies()
    login(page, "pn.strategy")
    page.goto(proposal_url)
    page.get_by_role("button", name="เสนอต่อระดับชาติ").click()
    expect(page.get_by_text("เสนอต่อระดับชาติแล้ว")).to_be_visible()

    # opdc sees Phang Nga as submitted on the national board
    page.context.clear_cookies()
    login(page, "opdc")
    page.goto(f"{base}/calls/{national.pk}/")
    expect(page.get_by_test_id("board").get_by_role("row", name=re.compile("จังหวัดพังงา.*ส่งแล้วตามกำหนด"))).to_be_visible()
    axe(page)
    assert not page.js_errors, page.js_errors
