"""Issue 11 (F5) in Chromium, Thai and English: a refused new-call form moves the focus to the error summary at its
top, whose links lead to the fields; the only issuer is already chosen."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["th", "en"])
def test_error_summary_takes_the_focus_and_links_to_fields(page, live_server, demo, login, axe, lang):
    login(page, "pn.strategy")
    if lang == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state("domcontentloaded")
    page.goto(f"{live_server.url}/calls/new/")
    assert page.locator("#id_issuer").evaluate("s => s.selectedIndex >= 0 && s.value !== ''")
    expect(page.locator("#id_signatory_name")).to_have_value("นายวรพจน์ อันดามันกุล")
    page.locator("#id_title").fill("")
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    axe(page)
    summary.locator('a[href="#id_title"]').click()
    expect(page.locator("#id_title")).to_be_in_viewport()
