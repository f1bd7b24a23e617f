"""A consultation runs to its published response, in a real browser, as the demo people."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from salaklang.participation.models import Comment, Consultation, Support

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _sign_out(page, live_server):
    page.context.clear_cookies()


def test_consultation_journey(page, live_server, login, axe, demo):
    from playwright.sync_api import expect

    now = timezone.now()
    # 1. Strategy staff open a consultation on a candidate agenda and publish it.
    login(page, "pn.strategy")
    page.goto(f"{live_server.url}/participation/")
    page.get_by_role("link", name="เปิดรับฟังความคิดเห็น").first.click()
    page.get_by_label("ประเภทเรื่อง").select_option("agenda")
    page.get_by_label("ชื่อเรื่อง").fill("ท่าเรือชุมชนเกาะยาวน้อย")
    page.get_by_label("สรุปย่อ").fill("ขอความเห็นต่อการปรับปรุงท่าเรือชุมชน")
    page.get_by_label("ความเป็นมา").fill("ท่าเรือเดิมชำรุด\nเสนอให้ปรับปรุงเป็นประเด็นการพัฒนาจังหวัด")
    page.get_by_label(re.compile("^ประเด็นหรือเอกสารนโยบาย")).fill("ประเด็นการพัฒนา: ท่าเรือชุมชน")
    page.get_by_label("ลิงก์ของประเด็นหรือเอกสารนโยบาย").fill("/agendas/")
    page.get_by_label(re.compile("^เปิดรับฟัง")).fill(_local(now - dt.timedelta(hours=1)))
    page.get_by_label(re.compile("^ปิดรับฟัง")).fill(_local(now + dt.timedelta(days=14)))
    page.get_by_label("คำถาม").fill("ท่านใช้ท่าเรือนี้บ่อยเพียงใด\nควรปรับปรุงส่วนใดก่อน")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ท่าเรือชุมชนเกาะยาวน้อย")
    page.get_by_role("button", name="เผยแพร่").click()
    expect(page.locator(".chip").first).to_have_text("เปิดรับฟังความคิดเห็น")
    consultation = Consultation.objects.get(title="ท่าเรือชุมชนเกาะยาวน้อย")
    assert consultation.status == "published" and consultation.questions.count() == 2
    detail_url = f"{live_server.url}/participation/{consultation.pk}/"

    # 2. A citizen answers a question, comments with markup, and supports once.
    _sign_out(page, live_server)
    login(page, "citizen")
    page.goto(detail_url)
    page.get_by_label("เรื่องที่แสดงความคิดเห็น").select_option(label="2. ควรปรับปรุงส่วนใดก่อน")
    page.get_by_role("textbox", name="ความคิดเห็นของท่าน").fill("ควรเพิ่มราวจับและไฟส่องสว่าง")
    page.get_by_role("button", name="ส่งความคิดเห็น").click()
    expect(page.get_by_text("ขอบคุณ ความคิดเห็นของท่านเผยแพร่แล้ว")).to_be_visible()
    page.get_by_role("textbox", name="ความคิดเห็นของท่าน").fill('<script>alert("x")</script> ขายที่ดิน โทร 081')
    page.get_by_role("button", name="ส่งความคิดเห็น").click()
    expect(page.get_by_text('<script>alert("x")</script> ขายที่ดิน โทร 081')).to_be_visible()
    page.get_by_role("button", name="สนับสนุน", exact=True).click()
    expect(page.get_by_test_id("support-count")).to_have_text("ผู้สนับสนุน 1 คน")
    expect(page.get_by_role("button", name="ถอนการสนับสนุน")).to_be_visible()
    assert Support.objects.filter(consultation=consultation).count() == 1
    axe(page)
    assert not page.js_errors

    # 3. The strategy staff hide the advertisement with a reason, shown publicly in its place.
    spam = Comment.objects.get(body__contains="ขายที่ดิน")
    _sign_out(page, live_server)
    login(page, "pn.strategy")
    page.goto(detail_url)
    page.get_by_role("link", name=f"ซ่อนความคิดเห็นที่ {spam.pk}").click()
    page.get_by_label("เหตุผลที่ซ่อน").fill("โฆษณาขายสินค้า ไม่เกี่ยวกับประเด็น")
    page.get_by_role("button", name="ซ่อนความคิดเห็น").click()
    expect(page.locator(f"#comment-{spam.pk} .hidden-note")).to_have_text(
        "ความคิดเห็นนี้ถูกซ่อนโดยผู้ดูแล: โฆษณาขายสินค้า ไม่เกี่ยวกับประเด็น")

    # 4. They close the period (closing date moved to now) and publish the response.
    page.get_by_role("link", name="แก้ไข").click()
    page.get_by_label(re.compile("^ปิดรับฟัง")).fill(_local(timezone.now() - dt.timedelta(minutes=1)))
    page.get_by_role("button", name="บันทึก").click()
    expect(page.locator(".chip").first).to_have_text("ปิดรับฟังแล้ว รอสรุปผล")
    page.get_by_role("link", name="เผยแพร่ผลการรับฟัง").click()
    page.get_by_label("สิ่งที่เราได้รับฟัง").fill("ผู้ใช้ท่าเรือต้องการราวจับและไฟส่องสว่าง")
    page.get_by_label("สิ่งที่เราดำเนินการ").fill("บรรจุในแผนปฏิบัติการปีงบประมาณ พ.ศ. 2570")
    page.get_by_role("button", name="เผยแพร่ผลการรับฟัง").click()
    expect(page.locator("#response")).to_contain_text("บรรจุในแผนปฏิบัติการปีงบประมาณ พ.ศ. 2570")
    consultation.refresh_from_db()
    assert consultation.status == "responded"

    # 5. Anyone reads the response; it names the agenda but links to it only for those who may open it (an
    #    anonymous visitor would meet the sign-in page); comments are closed.
    _sign_out(page, live_server)
    page.goto(detail_url)
    response = page.locator("#response")
    expect(response).to_contain_text("ผู้ใช้ท่าเรือต้องการราวจับและไฟส่องสว่าง")
    expect(response.get_by_role("link", name=re.compile("ติดตามประเด็น"))).to_have_count(0)
    expect(page.get_by_test_id("response-agenda")).to_be_visible()
    expect(page.get_by_text("สิ้นสุดระยะเวลารับฟังแล้ว ปิดรับความคิดเห็น")).to_be_visible()
    expect(page.get_by_text("ขายที่ดิน")).to_have_count(0)
    expect(page.get_by_role("textbox", name="ความคิดเห็นของท่าน")).to_have_count(0)
    axe(page)
    page.goto(f"{live_server.url}/participation/")
    expect(page.get_by_role("link", name="ท่าเรือชุมชนเกาะยาวน้อย")).to_be_visible()
    axe(page)
    assert not page.js_errors
