"""The plan → progress report → scorecard journey in a real browser, as the named demo users."""

import re

import pytest
from playwright.sync_api import expect

from salaklang.plans.tests.factories import last_fy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _switch(page, login, username):
    page.context.clear_cookies()
    login(page, username)


def test_plan_report_accept_scorecard_and_national(page, live_server, demo, login, axe):
    from salaklang.accounts.models import User
    from salaklang.agendas.models import Agenda
    from salaklang.organizations.models import Organization

    cri = Organization.objects.get(code="CRI")
    fy = last_fy()
    agenda = Agenda.objects.create(province=cri, fiscal_year=fy, title="ยกระดับบริการท่องเที่ยวเชิงสุขภาพเชียงราย",
                                   status=Agenda.Status.SELECTED, proposed_by=cri,
                                   created_by=User.objects.get(username="cr.strategy"))
    tour = Organization.objects.get(code="CRI-TOUR")
    base = live_server.url

    # cr.strategy makes the plan with an activity and an indicator, then activates it
    login(page, "cr.strategy")
    page.goto(f"{base}/plans/")
    page.get_by_role("link", name="จัดทำแผนปฏิบัติการ").first.click()
    page.locator("#id_agenda").select_option(str(agenda.pk))
    page.locator("#id_objective").fill("เพิ่มรายได้จากการท่องเที่ยวเชิงสุขภาพ")
    page.locator("#id_fiscal_year_from").fill(str(fy))
    page.locator("#id_fiscal_year_to").fill(str(fy))
    page.locator("#id_reporting_frequency").select_option("quarterly")
    axe(page)
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("สร้างแผนปฏิบัติการเป็นร่างแล้ว")).to_be_visible()
    plan_url = page.url

    page.get_by_role("link", name="เพิ่มกิจกรรม").click()
    page.locator("#id_mechanism").select_option("digital")
    page.locator("#id_title").fill("จองคิวคลินิกแพทย์แผนไทยออนไลน์")
    page.locator("#id_owner").select_option(str(tour.pk))
    page.locator("#id_partners").select_option([str(Organization.objects.get(code="CRI-HEALTH").pk)])
    page.locator("#id_budget").fill("250000")
    page.locator("#id_starts_on").fill("2026-02-01")
    page.locator("#id_ends_on").fill("2026-01-01")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("วันสิ้นสุดกิจกรรมต้องไม่ก่อนวันเริ่มต้น")).to_be_visible()  # end before start refused
    page.locator("#id_starts_on").fill(f"{fy - 544}-10-01")
    page.locator("#id_ends_on").fill(f"{fy - 543}-09-30")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกกิจกรรมแล้ว")).to_be_visible()

    page.get_by_role("link", name="เพิ่มตัวชี้วัด").click()
    page.locator("#id_mechanism").select_option("digital")
    page.locator("#id_kind").select_option("output")
    page.locator("#id_name").fill("จำนวนผู้จองคิวออนไลน์")
    page.locator("#id_unit").fill("ราย")
    page.locator("#id_value_type").select_option("count")
    page.locator("#id_baseline").fill("0")
    page.locator("#id_direction").select_option("higher")
    page.locator("#id_aggregation").select_option("cumulative")
    page.locator("#id_data_source").fill("ระบบจองคิว")
    page.locator("#id_owner").select_option(str(tour.pk))
    for q, target in enumerate(["100", "200", "300", "400"], start=1):
        page.locator(f"#id_target_{fy}Q{q}").fill(target)
    axe(page)
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_text("บันทึกตัวชี้วัดแล้ว")).to_be_visible()
    page.get_by_role("button", name="เริ่มใช้แผน").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("กำลังดำเนินการ")
    axe(page)

    # the agency coordinator of Tourism and Sports reports quarter 1 with a value and evidence
    _switch(page, login, "cr.tourism.analyst")
    page.goto(plan_url)
    page.get_by_test_id(f"report-{tour.pk}-{fy}Q1").click()
    value = page.get_by_role("textbox", name="จำนวนผู้จองคิวออนไลน์ (ราย):")
    value.fill("12.5")
    page.locator("#id_narrative").fill("เปิดระบบจองคิวแล้ว มีผู้ใช้บริการต่อเนื่อง")
    page.get_by_role("button", name="ส่งรายงาน").click()
    expect(page.get_by_text("เป็นจำนวนนับ")).to_be_visible()  # a count must be a whole number
    page.get_by_role("textbox", name="จำนวนผู้จองคิวออนไลน์ (ราย):").fill("๑๑๐")
    axe(page)
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.get_by_test_id("report-status")).to_have_text("ร่าง")
    page.locator("#id_title").fill("ภาพหน้าจอระบบจองคิว")
    page.locator("#id_file").set_input_files({"name": "screen.png", "mimeType": "image/png", "buffer": PNG})
    page.get_by_role("button", name="อัปโหลด").click()
    expect(page.get_by_role("link", name="ภาพหน้าจอระบบจองคิว")).to_be_visible()
    page.get_by_role("button", name="ส่งรายงาน").click()
    expect(page.get_by_test_id("report-status")).to_have_text("ส่งแล้ว")
    report_url = page.url
    axe(page)

    # cr.strategy accepts it
    _switch(page, login, "cr.strategy")
    page.goto(report_url)
    page.locator("#id_comment").fill("ถูกต้องครบถ้วน")
    page.get_by_role("button", name="ยอมรับ", exact=True).click()
    expect(page.get_by_test_id("report-status")).to_have_text("ยอมรับแล้ว")

    # the vice governor reads the scorecard: 110 ≥ 100 at quarter 1 → on track, with a trend chart
    _switch(page, login, "cr.vicegov")
    page.goto(f"{base}/plans/scorecard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("จังหวัดเชียงราย")
    row = page.get_by_role("row", name=re.compile("จำนวนผู้จองคิวออนไลน์"))
    expect(row.get_by_text("ตามเป้าหมาย")).to_be_visible()
    expect(row.locator("svg[role=img]")).to_have_count(1)
    expect(page.get_by_role("heading", name="เกณฑ์การกำหนดสถานะ")).to_be_visible()
    axe(page)
    pdf = page.request.get(page.url.split("?")[0] + "scorecard.pdf")
    assert pdf.ok and pdf.body()[:4] == b"%PDF"

    # the national office sees every province side by side
    _switch(page, login, "opdc")
    page.goto(f"{base}/plans/scorecard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("แผงสรุปผลทุกจังหวัด")
    cri_row = page.get_by_test_id("province-CRI")
    expect(cri_row).to_contain_text("ตามเป้าหมาย")
    expect(page.get_by_test_id("province-PNA")).to_be_visible()
    axe(page)
    cri_row.get_by_role("link", name="จังหวัดเชียงราย").click()
    expect(page.get_by_role("row", name=re.compile("จำนวนผู้จองคิวออนไลน์"))).to_be_visible()
    # the two refused forms answered 400 on purpose; nothing else may fail in the page
    errors = [e for e in page.js_errors if "status of 400" not in e]
    assert not errors, errors
