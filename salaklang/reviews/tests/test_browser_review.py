"""Review in a real browser: pn.strategy sets the rubric and reviewers, two reviewers score (one conflict),
pn.strategy ranks, decides and forwards the selected proposal to the national call."""

import re

import pytest
from playwright.sync_api import expect

from salaklang.calls.tests.conftest import make_call, pna, tourism  # noqa: F401 — shared fixtures
from salaklang.reviews.tests.test_review import reviewed  # noqa: F401

pytestmark = pytest.mark.browser


def test_review_rank_decide_forward(page, live_server, demo, login, axe, reviewed, make_call):  # noqa: F811
    from salaklang.organizations.models import Organization

    make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc", title="การคัดเลือกนวัตกรรมของจังหวัด")
    call, (p1, p2, p3) = reviewed
    base = live_server.url

    login(page, "pn.strategy")
    page.goto(f"{base}/reviews/calls/{call.pk}/")
    for n, (name, weight, top) in enumerate([("ความใหม่", "60", "10"), ("ผลลัพธ์", "40", "5")], start=1):
        page.get_by_label(f"ประเด็นที่ {n}", exact=True).fill(name)
        page.get_by_label(f"น้ำหนักของประเด็นที่ {n}").fill(weight)
        page.get_by_label(f"คะแนนเต็มของประเด็นที่ {n}").fill(top)
    page.get_by_label("คำอธิบายของประเด็นที่ 1").fill("ไม่เคยมีผู้ใดทำมาก่อนในจังหวัด")
    for n in range(3, 7):  # the other default criteria are dropped by emptying their rows
        page.get_by_label(f"ประเด็นที่ {n}", exact=True).fill("")
        page.get_by_label(f"น้ำหนักของประเด็นที่ {n}").fill("")
        page.get_by_label(f"คำอธิบายของประเด็นที่ {n}").fill("")
    page.get_by_role("button", name="บันทึกเกณฑ์").click()
    expect(page.get_by_text("บันทึกเกณฑ์แล้ว")).to_be_visible()
    page.get_by_label(re.compile("นางศิริพร วิเศษวงศ์")).check()
    page.get_by_label(re.compile("นายประเสริฐ มั่นคง")).check()
    page.get_by_role("button", name="มอบหมาย", exact=True).click()
    expect(page.get_by_text("มอบหมายแล้ว 5 รายการ ยกเว้น 1 รายการเนื่องจากมีส่วนได้ส่วนเสีย")).to_be_visible()
    axe(page)

    def score(username, title, a, b):
        page.goto(f"{base}/reviews/")
        page.get_by_role("link", name=title).click()
        expect(page.get_by_test_id("criterion-description")).to_have_text("ไม่เคยมีผู้ใดทำมาก่อนในจังหวัด")
        page.get_by_label("คะแนน ความใหม่ (0–10)").fill(str(a))
        page.get_by_label("คะแนน ผลลัพธ์ (0–5)").fill(str(b))
        page.get_by_role("button", name="ส่งคะแนน").click()
        expect(page.get_by_text("ส่งคะแนนแล้ว").first).to_be_visible()

    page.context.clear_cookies()
    login(page, "pn.reviewer")
    page.goto(f"{base}/reviews/")
    axe(page)
    score("pn.reviewer", "จองคิวอุทยาน", 9, 5)
    score("pn.reviewer", "หมอทางไกล", 6, 3)
    page.get_by_role("link", name="ศาลากลางดิจิทัล").click()
    axe(page)
    page.get_by_label("เหตุผล").fill("เคยเป็นที่ปรึกษาโครงการนี้")
    page.get_by_role("button", name="แจ้งส่วนได้ส่วนเสียและถอนตัว").click()
    expect(page.get_by_text("บันทึกส่วนได้ส่วนเสียแล้ว")).to_be_visible()

    page.context.clear_cookies()
    login(page, "pn.reviewer2")
    score("pn.reviewer2", "จองคิวอุทยาน", 7, 4)
    score("pn.reviewer2", "หมอทางไกล", 5, 2)

    page.context.clear_cookies()
    login(page, "pn.strategy")
    page.goto(f"{base}/reviews/calls/{call.pk}/ranking/")
    table = page.get_by_test_id("ranking")
    # จองคิวอุทยาน: (54+40 + 42+32)/2 = 84.00 ; หมอทางไกล: (36+24 + 30+16)/2 = 53.00
    expect(table.get_by_role("row", name=re.compile("^1 จองคิวอุทยาน.*84.00"))).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("^2 หมอทางไกล.*53.00"))).to_be_visible()
    axe(page)
    page.get_by_label("เลือก จองคิวอุทยาน").check()
    page.get_by_label("เหตุผลของการคัดเลือก").fill("คะแนนสูงสุดและขยายผลได้ทั่วจังหวัด")
    page.get_by_role("button", name="บันทึกผลการคัดเลือก").click()
    expect(page.get_by_text("บันทึกผลการคัดเลือกและแจ้งผู้เสนอทุกรายแล้ว")).to_be_visible()
    expect(page.get_by_test_id("decision-selected")).to_contain_text("จองคิวอุทยาน")
    expect(page.get_by_test_id("decision-selected")).not_to_contain_text("หมอทางไกล")

    page.goto(f"{base}/calls/proposals/{p1.pk}/")
    page.get_by_role("button", name="เสนอต่อระดับชาติ").click()
    expect(page.get_by_text("เสนอต่อระดับชาติแล้ว")).to_be_visible()
    assert not page.js_errors, page.js_errors


def test_the_chair_reads_the_ranking_and_a_refused_decision_keeps_the_reasons(page, live_server, demo, login, axe,
                                                                              reviewed):  # noqa: F811
    call, (p1, p2, _p3) = reviewed
    base = live_server.url
    # the chair of the selection committee, in English, from the call's page
    login(page, "pn.governor")
    page.goto(f"{base}/calls/{call.pk}/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Ranking and decision").click()
    expect(page.get_by_test_id("ranking")).to_contain_text("จองคิวอุทยาน")
    expect(page.get_by_text("No decision has been recorded yet.")).to_be_visible()
    axe(page)
    # the strategy staff: two selected where one is allowed; the reasons stay on the page
    page.context.clear_cookies()
    login(page, "pn.strategy")
    page.goto(f"{base}/reviews/calls/{call.pk}/ranking/")
    page.get_by_label("เลือก จองคิวอุทยาน").check()
    page.get_by_label("เลือก หมอทางไกล").check()
    page.get_by_label("เหตุผลของการคัดเลือก").fill("เหตุผลยาวที่ไม่ควรหายไป")
    page.get_by_role("button", name="บันทึกผลการคัดเลือก").click()
    expect(page.get_by_text("คัดเลือกได้ไม่เกิน 1 ข้อเสนอ")).to_be_visible()
    expect(page.get_by_label("เหตุผลของการคัดเลือก")).to_have_value("เหตุผลยาวที่ไม่ควรหายไป")
    expect(page.get_by_label("เลือก หมอทางไกล")).to_be_checked()
    axe(page)
