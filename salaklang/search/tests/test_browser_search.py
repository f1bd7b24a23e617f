"""The header search box, its suggestions and the results page, in a real browser, as four kinds of people."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _hits(page) -> list[tuple[str, str]]:
    items = page.locator("[data-testid=search-hit]")
    return [(items.nth(i).get_attribute("data-kind"), items.nth(i).locator("h2").inner_text())
            for i in range(items.count())]


def _open_box(page):
    """The header's search button opens the box (on the search page it is open already)."""
    box = page.locator("#site-search-q")
    if not box.is_visible():
        page.locator(".site-search-toggle").click()
    return box


def _search(page, words: str) -> None:
    box = _open_box(page)
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")


def test_search_as_four_people(page, live_server, login, settings):
    from playwright.sync_api import expect

    from salaklang.calls.models import Proposal

    settings.SEARCH_ANON_RATE = "1000/m"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (indexes everything at the end)
    draft = Proposal.objects.get(organization__code="PNA-TOUR", status=Proposal.Status.DRAFT)

    # An anonymous visitor: suggestions while typing, then the results page — public kinds only.
    page.goto(f"{live_server.url}/p/PNA/")
    _open_box(page).press_sequentially("HPP", delay=30)
    expect(page.locator("[data-testid=search-suggest]")).to_be_visible()
    expect(page.locator("[data-testid=search-suggest] mark").first).to_have_text("HPP")
    _search(page, "HPP")
    hits = _hits(page)
    assert hits and {kind for kind, _t in hits} <= {"post", "consultation", "evidence"}
    _search(page, "อ่าวพังงา")
    assert all(kind in ("post", "consultation", "evidence") for kind, _t in _hits(page))
    _search(page, "ab")
    expect(page.locator("[data-testid=search-error]")).to_be_visible()

    # pn.tourism finds the agency's own draft proposal; the title is highlighted.
    login(page, "pn.tourism")
    _search(page, "อ่าวพังงา")
    titles = [t for kind, t in _hits(page) if kind == "proposal"]
    assert draft.title in titles
    expect(page.locator("[data-kind=proposal] h2 mark").first).to_have_text("อ่าวพังงา")

    # cr.strategy (another province) never sees Phang Nga's proposals, but finds Chiang Rai's HPP meeting.
    page.context.clear_cookies()
    login(page, "cr.strategy")
    _search(page, "อ่าวพังงา")
    assert not [t for kind, t in _hits(page) if kind == "proposal"]
    page.goto(f"{live_server.url}/search/?q=HPP&kind=meeting")
    assert _hits(page) and all(kind == "meeting" for kind, _t in _hits(page))

    # A citizen: complaints and proposals are not theirs to search.
    page.context.clear_cookies()
    login(page, "citizen")
    _search(page, "ประปา")
    assert all(kind in ("post", "consultation", "evidence") for kind, _t in _hits(page))
    # ...nor offered as filters (a citizen could open none of them)
    offered = page.locator('input[type="checkbox"][name="kind"]').evaluate_all("boxes => boxes.map(b => b.value)")
    assert set(offered) == {"post", "consultation", "evidence"}, offered
    _search(page, "อ่าวพังงา")
    assert draft.title not in page.content()


def _open_suggestions(page, live_server, words: str = "HPP"):
    page.goto(f"{live_server.url}/p/PNA/")
    _open_box(page).press_sequentially(words, delay=30)
    suggest = page.locator("[data-testid=search-suggest]")
    suggest.wait_for(state="visible")
    return suggest


def _colour(locator, prop: str) -> str:
    return locator.evaluate(f"el => getComputedStyle(el).{prop}")


def _background(locator) -> str:
    """The background colour actually behind an element (the first ancestor with an opaque one)."""
    return locator.evaluate("""el => { for (let n = el; n; n = n.parentElement) {
        const c = getComputedStyle(n).backgroundColor;
        if (c && c !== 'transparent' && !c.endsWith(', 0)')) return c; } return 'rgb(255, 255, 255)'; }""")


@pytest.mark.parametrize("language", ["th", "en"])
def test_suggestions_readable_and_keyboard(page, live_server, settings, axe, language):
    """The open suggestion list: dark text on the white panel (axe colour-contrast), arrows move through it,
    Enter opens, Escape closes it and gives the focus back to the box."""
    from playwright.sync_api import expect

    settings.SEARCH_ANON_RATE = "1000/m"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    if language == "en":
        page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}])
    suggest = _open_suggestions(page, live_server)
    links = suggest.locator("a")
    assert links.count() >= 2
    for i in range(links.count()):
        link = links.nth(i)
        assert _colour(link, "color") != _background(link), link.inner_text()
    axe(page)

    box = page.locator("#site-search-q")
    box.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    box.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(suggest).to_have_count(0)
    expect(box).to_be_focused()

    # Enter on a suggestion opens it.
    box.fill("")
    box.press_sequentially("HPP", delay=30)
    suggest.wait_for(state="visible")
    href = links.nth(0).get_attribute("href")
    box.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    assert not page.js_errors


def test_search_popup_closes_on_outside_click_and_escape(page, live_server, settings):
    """The header pop-up does not stay over the page: a click elsewhere closes it, and so does Escape (the
    focus goes back to the search button); on the search page itself the box stays open."""
    from playwright.sync_api import expect

    settings.SEARCH_ANON_RATE = "1000/m"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    suggest = _open_suggestions(page, live_server)
    box = page.locator("#site-search-q")
    page.locator("main").click(position={"x": 5, "y": 5})
    expect(suggest).to_have_count(0)
    expect(box).to_be_hidden()

    suggest = _open_suggestions(page, live_server)
    box.press("Escape")  # first: the suggestions
    expect(suggest).to_have_count(0)
    expect(box).to_be_focused()
    box.press("Escape")  # then the pop-up
    expect(box).to_be_hidden()
    expect(page.locator(".site-search-toggle")).to_be_focused()

    page.goto(f"{live_server.url}/search/?q=HPP")
    page.locator("main h1").click()
    expect(page.locator("#site-search-q")).to_be_visible()
    assert not page.js_errors


@pytest.mark.parametrize("width", [390, 1280])
def test_kind_checkboxes_sit_next_to_their_labels(page, live_server, settings, width):
    settings.SEARCH_ANON_RATE = "1000/m"
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/search/?q=HPP")
    labels = page.locator(".search-kinds label")
    assert labels.count() >= 3
    for i in range(labels.count()):
        gap, height = labels.nth(i).evaluate("""label => {
            const box = label.querySelector('input').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(label);
            range.setStartAfter(label.querySelector('input'));
            const text = range.getBoundingClientRect();
            // from the middle of the box as drawn (a wide input draws its box in the middle of its width)
            return [text.left - (box.left + box.right) / 2,
                    Math.abs((text.top + text.bottom) / 2 - (box.top + box.bottom) / 2)];
        }""")
        assert 0 < gap <= 24, (i, gap)  # the words start right after their box, on its line
        assert height <= 8, (i, height)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    labels.first.click()  # the words toggle their own box
    assert labels.first.locator("input").is_checked()
