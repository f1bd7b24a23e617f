"""Browser journeys of the foundation in real headless Chromium (Thai interface)."""

import re

import pytest
from playwright.sync_api import expect

FOUNDATION_NAV = ["dashboard", "organizations", "people", "committees", "delegations", "audit"]
ADMIN_NAV = set(FOUNDATION_NAV)
STAFF_NAV = {"dashboard", "organizations", "committees", "delegations"}
EXPECTED_NAV = {
    "admin": ADMIN_NAV, "opdc": ADMIN_NAV, "pn.strategy": ADMIN_NAV, "cr.strategy": ADMIN_NAV,
    "pn.governor": STAFF_NAV, "pn.tourism": STAFF_NAV, "pn.tourism.head": STAFF_NAV, "pn.health": STAFF_NAV,
    "pn.reviewer": STAFF_NAV, "citizen": set(),
}

pytestmark = pytest.mark.browser


def test_each_demo_account_sees_its_navigation(page, live_server, demo, login):
    for username, expected in EXPECTED_NAV.items():
        page.context.clear_cookies()
        login(page, username)
        shown = set(page.locator("#site-nav [data-nav]").evaluate_all("els => els.map(e => e.dataset.nav)"))
        assert shown & set(FOUNDATION_NAV) == expected, username
        if username != "citizen":
            expect(page).to_have_url(re.compile(r"/dashboard/$"))


def test_strategy_staff_manage_their_province(page, live_server, demo, login, axe):
    login(page, "pn.strategy")
    page.get_by_role("button", name="องค์กรและบุคลากร").click()  # the navigation groups the work
    page.get_by_role("link", name="หน่วยงาน", exact=True).click()
    expect(page.get_by_role("heading", name="หน่วยงาน", exact=True)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="เพิ่มหน่วยงาน").click()
    page.get_by_label("รหัส:", exact=True).fill("PNA-TREASURY")
    page.get_by_label("ประเภท:", exact=True).select_option("agency")
    page.get_by_label("หน่วยงานแม่").select_option(label="จังหวัดพังงา")
    page.get_by_label("ชื่อ (ภาษาไทย)").fill("สำนักงานคลังจังหวัดพังงา")
    page.get_by_label("ชื่อ (ภาษาอังกฤษ)").fill("Phang Nga Provincial Treasury Office")
    axe(page)
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("heading", name="สำนักงานคลังจังหวัดพังงา")).to_be_visible()

    # a person with a coordinator role in the new agency
    page.goto(f"{live_server.url}/organizations/people/new/")
    page.get_by_label("ชื่อผู้ใช้").fill("pn.treasury")
    page.get_by_label("คำนำหน้าชื่อ").fill("นางสาว")
    page.get_by_label("ชื่อ:", exact=True).fill("มณีรัตน์")
    page.get_by_label("นามสกุล:", exact=True).fill("ทรัพย์ทวี")
    page.get_by_label(re.compile("อีเมล")).fill("maneerat@example.go.th")
    page.get_by_label("หน่วยงาน:", exact=True).select_option(label="สำนักงานคลังจังหวัดพังงา")
    page.get_by_label("บทบาท:", exact=True).select_option("agency_coordinator")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("heading", name="นางสาวมณีรัตน์ ทรัพย์ทวี")).to_be_visible()
    page.goto(f"{live_server.url}/organizations/people/")
    expect(page.get_by_role("link", name="นางสาวมณีรัตน์ ทรัพย์ทวี")).to_be_visible()
    axe(page)

    # a delegation recorded by strategy staff: the head of Tourism lets the coordinator attend meetings
    page.goto(f"{live_server.url}/organizations/delegations/new/")
    page.get_by_label("ผู้มอบหมาย (ผู้ที่ถูกปฏิบัติแทน)").select_option(label="นายสุรเชษฐ์ เกาะแก้ว")
    page.get_by_label("ผู้รับมอบหมาย (ผู้ปฏิบัติแทน)").select_option(label="นางสาวพิมพ์ชนก ทะเลงาม")
    page.get_by_label("หน่วยงาน:", exact=True).select_option(label="สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา")
    page.get_by_label("ขอบเขต").select_option("attend_meetings")
    page.get_by_label("ตั้งแต่:", exact=True).fill("2026-12-01")
    page.get_by_label("ถึง:", exact=True).fill("2026-12-15")
    page.get_by_role("button", name="บันทึกการมอบหมาย").click()
    expect(page.get_by_text("บันทึกการมอบหมายแล้ว")).to_be_visible()
    expect(page.get_by_role("cell", name="1 ธ.ค. 69 – 15 ธ.ค. 69").first).to_be_visible()

    # the audit trail shows it as done on behalf of the head
    page.goto(f"{live_server.url}/audit/?object_type=organizations.delegation")
    expect(page.get_by_text("ปฏิบัติราชการแทน นายสุรเชษฐ์ เกาะแก้ว").first).to_be_visible()
    axe(page)
    assert not page.js_errors, page.js_errors


def test_other_province_is_not_found(page, live_server, demo, login):
    from salaklang.organizations.models import Organization

    login(page, "cr.strategy")
    response = page.goto(f"{live_server.url}/organizations/{Organization.objects.get(code='PNA-TOUR').pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="ไม่พบหน้าที่ต้องการ")).to_be_visible()


def test_language_switch_lockout_message_and_phone_menu(page, live_server, demo, login, axe):
    page.goto(f"{live_server.url}/accounts/login/")
    axe(page)
    for _ in range(5):
        page.get_by_label("ชื่อผู้ใช้หรืออีเมล").fill("pn.health")
        page.get_by_label("รหัสผ่าน").fill("not-the-password")
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_role("alert")).to_contain_text("ระงับการเข้าสู่ระบบ")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Username or e-mail").fill("pn.health")
    page.get_by_label("Password").fill("salaklang-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Sign-in temporarily locked")).to_be_visible()
    page.get_by_role("button", name="ภาษาไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")

    from axes.utils import reset

    reset()  # an administrator lifts the lockout of this address
    login(page, "pn.tourism")
    page.set_viewport_size({"width": 390, "height": 844})
    menu = page.get_by_role("button", name="เมนู")
    expect(menu).to_be_visible()
    expect(page.locator("#site-nav")).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    group = page.get_by_role("button", name="องค์กรและบุคลากร")
    if group.count():  # grouped when the person has many entries (core/nav.py)
        group.click()
    expect(page.get_by_role("link", name="คณะกรรมการ")).to_be_visible()
    axe(page)
