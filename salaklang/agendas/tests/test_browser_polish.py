"""Issue 11 as a user sees it in Chromium, Thai and English: space under the header on every page (F2), the
meeting's attendance usable on a 390 px phone and Save returning to it (F3), the meeting's times and positions in
the reader's language (F4)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from salaklang.agendas.services import meetings as meetings_services

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _english(page):
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("domcontentloaded")


def _gap_under_header(page) -> float:
    header = page.locator(".site-header").bounding_box()
    h1 = page.locator("main h1").first.bounding_box()
    return h1["y"] - (header["y"] + header["height"])


@pytest.mark.parametrize("lang", ["th", "en"])
def test_pages_leave_space_under_the_header(page, live_server, demo, login, lang):
    login(page, "pn.strategy")
    if lang == "en":
        _english(page)
    for path in ("/dashboard/", "/calls/", "/complaints/new/"):
        page.goto(live_server.url + path)
        assert _gap_under_header(page) >= 16, path  # main { padding-top: 1.5rem } (24 px) applies to main.container


@pytest.mark.parametrize("lang", ["th", "en"])
def test_attendance_fits_a_phone_and_save_returns_to_it(page, live_server, demo, login, axe, make_meeting, lang):
    meeting = make_meeting(start_time=dt.time(9, 30), end_time=dt.time(12, 0))
    meetings_services.meeting_hold(actor=demo["cr.strategy"], meeting=meeting, opened_at=dt.time(10, 0),
                          closed_at=dt.time(11, 45))
    attendee = meeting.attendees.order_by("sort_order", "pk").first()
    page.set_viewport_size(PHONE)
    login(page, "cr.strategy")
    if lang == "en":
        _english(page)
    url = f"{live_server.url}/agendas/meetings/{meeting.pk}/"
    page.goto(url)
    width = page.evaluate("document.documentElement.clientWidth")
    for control in (f"#att-{attendee.pk}", f"#del-{attendee.pk}", f"#note-{attendee.pk}"):
        box = page.locator(control).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (control, box, width)
    # the invitee's name is not squeezed to a syllable per line
    name = page.get_by_test_id("attendees").locator("tbody td").first.bounding_box()
    assert name["width"] >= width * 0.6
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    axe(page)

    details = page.locator("dl.details")
    if lang == "en":
        expect(details).to_contain_text("9:30–12:00")
        expect(details).to_contain_text("10:00")
        expect(details).not_to_contain_text("น.")
        expect(page.get_by_test_id("attendees")).not_to_contain_text("ประธาน")
        expect(page.get_by_test_id("attendees")).to_contain_text("Chair")
    else:
        expect(details).to_contain_text("09.30–12.00 น.")
        expect(details).to_contain_text("10.00 น.")
        expect(page.get_by_test_id("attendees")).to_contain_text("ประธาน")

    page.locator(f"#att-{attendee.pk}").select_option("present")
    page.locator(f"#att-{attendee.pk}").locator("xpath=ancestor::form").get_by_role("button").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.url.endswith(f"/agendas/meetings/{meeting.pk}/#attendance")
    attendee.refresh_from_db()
    assert attendee.attendance == "present"
