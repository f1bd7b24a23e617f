"""The header as strategy staff and citizens meet it: grouped by the work, one row on a laptop (1366 px), a menu
on a phone (390 px), usable with the keyboard, in Thai and English; on a phone the home page offers filing a
complaint, not only signing in."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# pn.strategy's groups (calls & review holds only "calls" for them, so it stays a plain link)
GROUPS = {
    "th": ["วาระและแผน", "เรื่องร้องเรียน", "องค์กรและบุคลากร"],
    "en": ["Agendas & plans", "Complaints", "Organization"],
}
CALLS = {"th": "การเปิดรับข้อเสนอ", "en": "Calls for proposals"}


def _english(page):
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("domcontentloaded")


def _top(locator) -> float:
    return locator.bounding_box()["y"]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_strategy_staff_navigation_fits_one_row_on_a_laptop(page, live_server, demo, login, axe, lang):
    page.set_viewport_size(LAPTOP)
    login(page, "pn.strategy")
    if lang == "en":
        _english(page)
    nav = page.locator("#site-nav")
    top_level = nav.locator(".nav-top > li")
    assert top_level.count() <= 6, top_level.all_inner_texts()
    for name in GROUPS[lang]:
        expect(nav.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name=CALLS[lang], exact=True)).to_be_visible()
    # one row: every top-level entry, the brand and the user tools share the row
    row = _top(top_level.first)
    for i in range(top_level.count()):
        assert abs(_top(top_level.nth(i)) - row) < 6, top_level.nth(i).inner_text()
    assert nav.bounding_box()["height"] < 48
    assert abs(_top(page.locator(".user-tools")) - _top(nav)) < 24
    assert page.locator(".header-row").bounding_box()["height"] < 80
    # every entry is still reachable: 15 of them for strategy staff
    assert nav.locator("[data-nav]").count() >= 12
    axe(page)

    # keyboard: Enter opens a group, Tab reaches its links, Escape closes it and returns to the button
    org = nav.get_by_role("button", name=GROUPS[lang][2], exact=True)
    expect(org).to_have_attribute("aria-expanded", "false")
    menu = page.locator("#" + org.get_attribute("aria-controls"))
    expect(menu).to_be_hidden()
    org.focus()
    page.keyboard.press("Enter")
    expect(org).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    axe(page)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.nav")
    assert focused == menu.locator("a").first.get_attribute("data-nav")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == org.get_attribute("aria-controls")
    # opening one group closes another; a link in it leads to its page, marked as current
    agendas = nav.get_by_role("button", name=GROUPS[lang][0], exact=True)
    org.click()
    agendas.click()
    expect(menu).to_be_hidden()
    expect(agendas).to_have_attribute("aria-expanded", "true")
    page.locator("main h1").click()  # a click elsewhere closes it
    expect(agendas).to_have_attribute("aria-expanded", "false")
    org.click()
    menu.locator('[data-nav="committees"]').click()
    page.wait_for_load_state("domcontentloaded")
    assert "/organizations/committees/" in page.url
    expect(page.locator(".nav-group.current .nav-group-toggle")).to_have_text(GROUPS[lang][2])
    assert not page.js_errors, page.js_errors


@pytest.mark.parametrize("lang", ["th", "en"])
def test_strategy_staff_navigation_is_a_menu_on_a_phone(page, live_server, demo, login, axe, lang):
    page.set_viewport_size(PHONE)
    login(page, "pn.strategy")
    if lang == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("domcontentloaded")
    toggle = page.get_by_role("button", name="เมนู" if lang == "th" else "Menu")
    expect(toggle).to_be_visible()
    expect(page.locator("#site-nav")).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for name in GROUPS[lang]:
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    committees = page.locator('#site-nav [data-nav="committees"]')
    expect(committees).to_be_hidden()
    page.get_by_role("button", name=GROUPS[lang][2], exact=True).click()
    expect(committees).to_be_visible()
    box = committees.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]  # inside the screen, no sideways scroll
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe(page)
    assert not page.js_errors, page.js_errors


@pytest.mark.parametrize("lang", ["th", "en"])
def test_home_page_on_a_phone_offers_filing_a_complaint(page, live_server, demo, axe, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    if lang == "en":
        _english(page)
    name = "แจ้งเรื่องร้องเรียน" if lang == "th" else "File a complaint"
    file_it = page.locator("main").get_by_role("link", name=name)
    expect(file_it).to_be_visible()
    box = file_it.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the complaint button is below the first screen"
    file_it.click()
    page.wait_for_load_state("domcontentloaded")
    assert "/complaints/new/" in page.url
    assert "/accounts/login/" not in page.url  # no account needed
    page.goto(f"{live_server.url}/")
    axe(page)
    assert not page.js_errors, page.js_errors
