"""Complaint journeys in a real browser: a citizen on a phone, the Damrongdhama centre, an agency."""

import re

import pytest
from playwright.sync_api import expect

from salaklang.complaints.models import Category, Complaint
from salaklang.complaints.services import intake
from salaklang.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def routed(demo):
    from salaklang.complaints import demo as complaints_demo

    complaints_demo.seed_routes()
    return Organization.objects.get(code="PNA")


def test_citizen_files_anonymously_on_a_phone_and_follows_it(page, live_server, routed, axe):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/complaints/new/")
    expect(page.get_by_role("heading", name="แจ้งเรื่องร้องเรียน")).to_be_visible()
    page.get_by_label("เรื่อง:", exact=True).fill("ขยะเกลื่อนชายหาดท้ายเหมือง <b>ด่วน</b>")
    page.get_by_label("รายละเอียดของปัญหา:").fill("มีขยะพลาสติกจำนวนมากบริเวณชายหาด ส่งกลิ่นเหม็น")
    page.get_by_label("ประเภท:", exact=True).select_option(label="การท่องเที่ยว ชายหาด และแหล่งท่องเที่ยว")
    expect(page.locator("[data-consent-box]")).to_be_hidden()
    shown = page.evaluate("[...document.querySelectorAll('select[name=district] option')]"
                          ".filter(o => !o.hidden).map(o => o.textContent)")
    assert "อำเภอท้ายเหมือง" in shown and "อำเภอเมืองเชียงราย" not in shown  # only the chosen province's
    page.get_by_label("อำเภอ:", exact=True).select_option(label="อำเภอท้ายเหมือง")
    page.get_by_label("ตำบล:").fill("ท้ายเหมือง")
    page.get_by_label("แจ้งโดยไม่ประสงค์ออกนาม").check()
    # a sensitive category shows the consent box
    page.get_by_label("ประเภท:", exact=True).select_option(label="สาธารณสุขและบริการสุขภาพ")
    expect(page.locator("[data-consent-box]")).to_be_visible()
    page.get_by_label("ประเภท:", exact=True).select_option(label="การท่องเที่ยว ชายหาด และแหล่งท่องเที่ยว")
    # the form fits the phone: no horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    axe(page)
    page.get_by_role("button", name="ส่งเรื่องร้องเรียน").click()
    expect(page.get_by_text(re.compile("รหัสติดตามคือ PNA-"))).to_be_visible()
    code = page.get_by_test_id("tracking-code").inner_text()
    c = Complaint.objects.get(code=code)
    assert c.is_anonymous and c.agency.code == "PNA-TOUR"
    expect(page.get_by_text("ขยะเกลื่อนชายหาดท้ายเหมือง <b>ด่วน</b>")).to_be_visible()  # HTML shown as text
    axe(page)
    # later: follow it by typing the code (lower case, without dashes)
    page.goto(f"{live_server.url}/complaints/track/")
    page.get_by_label("รหัสติดตาม:").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="แสดง").click()
    expect(page.get_by_test_id("tracking-code")).to_have_text(code)
    expect(page.locator("[data-status]")).to_have_text("ส่งหน่วยงานแล้ว")
    axe(page)
    # the public dashboard counts it, without signing in
    page.goto(f"{live_server.url}/complaints/dashboard/?province=PNA")
    expect(page.get_by_test_id("total")).to_have_text("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    axe(page)


def test_centre_routes_and_merges_agency_resolves_citizen_rates(page, live_server, routed, login, axe):
    other = Category.objects.get(code="other")
    tourism_cat = Category.objects.get(code="tourism")
    first = intake.complaint_submit(province=routed, category=other, subject="ห้องน้ำชายหาดบางสักชำรุด",
                                      description="ห้องน้ำสาธารณะชำรุด ใช้งานไม่ได้", channel="web",
                                      contact_email="somsri@example.test", contact_name="สมศรี ทะเลงาม")
    dup_a = intake.complaint_submit(province=routed, category=tourism_cat, subject="ป้ายชายหาดหาย",
                                      description="ป้ายเตือนคลื่นหายไป", channel="web", anonymous=True)
    dup_b = intake.complaint_submit(province=routed, category=tourism_cat, subject="ป้ายเตือนคลื่นที่ชายหาดหายไป",
                                      description="ป้ายหายไปหลังพายุ", channel="web", anonymous=True)
    base = live_server.url

    # (b) the Damrongdhama centre routes the unrouted complaint and merges two duplicates
    login(page, "pn.damrongdhama")
    page.goto(f"{base}/complaints/inbox/")
    expect(page.locator(f"tr[data-code='{first.code}']")).to_contain_text("รอส่งเรื่อง")
    axe(page)
    page.get_by_role("link", name=first.code).click()
    expect(page.get_by_test_id("identity")).to_contain_text("somsri@example.test")
    axe(page)
    page.get_by_label("ส่งถึง:").select_option(label="สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา")
    page.get_by_role("button", name="ส่งเรื่องถึงหน่วยงานนี้").click()
    expect(page.get_by_text("ส่งเรื่องถึงหน่วยงานแล้ว")).to_be_visible()
    page.goto(f"{base}/complaints/{dup_b.pk}/")
    page.get_by_text("รวมเป็นเรื่องซ้ำ").click()
    page.get_by_label("รหัสติดตามของเรื่องที่จะคงไว้:").fill(dup_a.code)
    page.get_by_role("button", name="รวมเรื่อง").click()
    expect(page.get_by_text("รวมเรื่องแล้ว ทั้งสองเรื่องยังคงรหัสติดตามเดิม")).to_be_visible()
    dup_b.refresh_from_db()
    assert dup_b.merged_into_id == dup_a.pk

    # (c) the tourism office resolves the routed complaint
    page.context.clear_cookies()
    login(page, "pn.tourism")
    page.goto(f"{base}/complaints/inbox/")
    page.get_by_role("link", name=first.code).click()
    page.get_by_label("สถานะใหม่:").select_option(label="ยุติเรื่อง")
    page.get_by_label("เหตุผลหรือผลการดำเนินการ:").fill("ซ่อมห้องน้ำเรียบร้อยแล้ว")
    axe(page)
    page.get_by_role("button", name="ปรับสถานะ").click()
    expect(page.get_by_text("ปรับสถานะและแจ้งผู้ร้องแล้ว")).to_be_visible()
    # the tourism office does not see another agency's complaint
    assert page.goto(f"{base}/complaints/{dup_a.pk + 1000}/").status == 404

    # (d) the citizen follows the code on a phone and rates the handling; the duplicate shows where it went
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    # …by the private link of the receipt e-mail: the code alone only reads the status (issue 10)
    from salaklang.complaints.services.common import action_key

    page.goto(f"{base}/complaints/track/{first.code}/?key={action_key(first)}")
    assert "key=" not in page.url
    expect(page.locator("[data-status]")).to_have_text("ยุติเรื่อง")
    expect(page.get_by_text("ซ่อมห้องน้ำเรียบร้อยแล้ว").first).to_be_visible()
    assert "somsri@example.test" not in page.content() and "สมศรี" not in page.content()
    axe(page)
    page.get_by_label("4").check()
    page.get_by_role("button", name="ส่งคะแนน").click()
    expect(page.get_by_text("ขอบคุณที่ให้คะแนน")).to_be_visible()
    first.refresh_from_db()
    assert first.rating == 4
    page.goto(f"{base}/complaints/track/{dup_b.code}/")
    expect(page.get_by_test_id("merged-into")).to_contain_text(dup_a.code)
    axe(page)
