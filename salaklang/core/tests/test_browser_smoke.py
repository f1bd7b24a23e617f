import pytest


@pytest.mark.browser
def test_sign_in_shows_thai_dashboard_and_passes_axe(page, live_server, demo, login, axe):
    login(page, "pn.strategy")
    assert page.url.endswith("/dashboard/")
    assert page.get_by_role("heading", name="หน้าหลักของฉัน").is_visible()
    axe(page)
    assert not page.js_errors, page.js_errors
