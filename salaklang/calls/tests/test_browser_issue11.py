"""Issue 11 journeys in a real browser, in Thai and in English: the new-call form in the order of the circular,
editing a proposal without losing its start date, forwarding to a chosen national call, and OPDC reading the
forwarded proposal without a dead link."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from salaklang.calls import services

pytestmark = pytest.mark.browser


def local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _english(page):
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("domcontentloaded")


def test_new_call_form_in_the_order_of_the_circular(page, live_server, demo, login, axe):
    from salaklang.calls.models import Call

    login(page, "pn.strategy")
    page.goto(f"{live_server.url}/calls/new/")
    legends = page.locator("fieldset.form-section > legend").all_inner_texts()
    assert legends[:4] == ["ผู้ออกหนังสือ", "หนังสือ", "สิ่งที่ขอให้เสนอ", "ผู้ลงนามและผู้ติดต่อ"]
    first_field = page.locator("form.stacked select, form.stacked input:not([type=hidden]), form.stacked textarea").first
    expect(first_field).to_have_attribute("name", "issuer")
    expect(page.get_by_label("หน่วยงานผู้เปิดรับ:")).not_to_contain_text("- Select an option -")
    targets = page.locator("input[name=targets]")
    expect(page.get_by_role("checkbox", name="จังหวัดพังงา", exact=True)).to_have_count(0)
    assert targets.count() > 5
    axe(page)
    page.get_by_label("หน่วยงานผู้เปิดรับ:").select_option(label="จังหวัดพังงา")
    page.get_by_label("ชื่อเรื่อง:").fill("ขอเชิญเสนอนวัตกรรม")
    page.get_by_label("เรื่อง:", exact=True).fill("การพัฒนานวัตกรรม")
    page.get_by_label("ข้อความ:").fill("ย่อหน้าแรก\n\nจึงเรียนมาเพื่อโปรดพิจารณา")
    page.get_by_role("checkbox", name="นวัตกรรมการบริหาร/องค์การ").uncheck()
    page.get_by_label("ประเภทอื่น:").fill("นวัตกรรมดิจิทัล | Digital Innovation")
    page.get_by_label("จำนวนข้อเสนอต่อหน่วยงาน:").fill("0")
    now = timezone.now()
    page.get_by_label("เปิดรับข้อเสนอตั้งแต่:").fill(local(now))
    page.get_by_label("กำหนดส่ง:").fill(local(now + dt.timedelta(days=14)))
    page.get_by_label("ผู้ลงนาม:", exact=True).fill("นายวรพจน์ อันดามันกุล")
    page.get_by_label("ตำแหน่งผู้ลงนาม:").fill("ผู้ว่าราชการจังหวัดพังงา")
    page.get_by_role("button", name="บันทึกเป็นร่าง").click()
    expect(page.locator("form.stacked").get_by_text("ต้องให้แต่ละหน่วยงานเสนอได้อย่างน้อยหนึ่งข้อเสนอ", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("Constraint|call_quota_positive"))).to_have_count(0)
    expect(page.get_by_label("ประเภทอื่น:")).to_have_value("นวัตกรรมดิจิทัล | Digital Innovation")
    axe(page)
    page.get_by_label("จำนวนข้อเสนอต่อหน่วยงาน:").fill("1")
    page.get_by_role("button", name="บันทึกเป็นร่าง").click()
    expect(page.get_by_text("บันทึกร่างการเปิดรับแล้ว")).to_be_visible()
    call = Call.objects.get(title="ขอเชิญเสนอนวัตกรรม")
    assert [c["th"] for c in call.categories] == ["นวัตกรรมเชิงนโยบาย", "นวัตกรรมการให้บริการ", "นวัตกรรมดิจิทัล"]
    # the same form in English
    page.goto(f"{live_server.url}/calls/new/")
    _english(page)
    expect(page.locator("fieldset.form-section > legend").first).to_have_text("Issuer")
    expect(page.get_by_role("checkbox", name="Service Innovation")).to_be_checked()
    axe(page)


def test_edit_keep_start_date_forward_choice_and_opdc_view(page, live_server, demo, login, axe, make_call, tourism):
    from salaklang.calls.models import Proposal
    from salaklang.organizations.models import Organization

    opdc = Organization.objects.get(code="OPDC")
    make_call(issuer=opdc, actor="opdc", title="รางวัลเลิศรัฐ สาขานวัตกรรม")
    make_call(issuer=opdc, actor="opdc", title="การคัดเลือกนวัตกรรม HPP", deadline=timezone.now() + dt.timedelta(days=30))
    call = make_call()
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism, data={
        "title": "ระบบจองคิวอุทยาน", "category": "service", "started_on": dt.date(2026, 6, 1),
        "team": "นางสาวสมใจ ใจดี — หัวหน้าทีม", "resources": "เจ้าหน้าที่ 2 คน"})
    base = live_server.url

    login(page, "pn.tourism")
    page.goto(f"{base}/calls/proposals/{p.pk}/edit/")
    expect(page.get_by_label("วันที่เริ่มดำเนินการ:")).to_have_value("2026-06-01")
    expect(page.get_by_label("ประเภทนวัตกรรม:")).not_to_contain_text("Select an option")
    page.get_by_label("ความเป็นมาและสภาพปัญหา:").fill("รอคิวนาน")
    axe(page)
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.get_by_test_id("proposal-started-on")).to_have_text("1 มิถุนายน พ.ศ. 2569")
    expect(page.get_by_test_id("proposal-team")).to_contain_text("นางสาวสมใจ ใจดี")
    expect(page.get_by_test_id("proposal-resources")).to_have_text("เจ้าหน้าที่ 2 คน")
    page.get_by_role("button", name="เสนอหัวหน้าส่วนราชการเห็นชอบ").click()
    p.refresh_from_db()
    assert p.started_on == dt.date(2026, 6, 1)
    services.proposal_approve(actor=demo["pn.tourism.head"], proposal=p)

    # the province chooses which national call to forward to
    page.context.clear_cookies()
    login(page, "pn.strategy")
    page.goto(f"{base}/calls/proposals/{p.pk}/")
    _english(page)
    expect(page.get_by_test_id("proposal-started-on")).to_have_text("1 June 2026")
    page.get_by_role("radio", name=re.compile("การคัดเลือกนวัตกรรม HPP")).check()
    axe(page)
    page.get_by_role("button", name="Forward to the national call").click()
    expect(page.get_by_text(re.compile("Forwarded to the national call “การคัดเลือกนวัตกรรม HPP”"))).to_be_visible()
    forwarded = Proposal.objects.get(forwarded_from=p)
    assert forwarded.call.title == "การคัดเลือกนวัตกรรม HPP"

    # OPDC reads the forwarded proposal: the original is named, not a link to a page it may not open
    page.context.clear_cookies()
    login(page, "opdc")
    page.goto(f"{base}/calls/proposals/{forwarded.pk}/")
    expect(page.get_by_test_id("forwarded-from")).to_contain_text("ระบบจองคิวอุทยาน")
    expect(page.get_by_test_id("forwarded-from").get_by_role("link")).to_have_count(0)
    axe(page)
    assert not page.js_errors, page.js_errors
