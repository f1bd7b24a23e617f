"""Every link we show leads somewhere the person may go (issue 11: OPDC got a 404 following "เสนอต่อจาก",
the chair of the selection committee a 403 on the ranking, visitors a sign-in page from a consultation's
response).

With the whole demo loaded, each demo account (and an anonymous visitor) opens the dashboard and every page
its navigation and dashboard link to (the main pages); every link on those pages is then followed (three steps
from the start page, at most MAX_PAGES pages per person) and must not answer 403 or 404. Downloads (PDF, DOCX, XLSX, ZIP, CSV, calendar) are left out to keep the run short; the
pages' own tests fetch them."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

SKIP_SUFFIXES = (".pdf", ".docx", ".xlsx", ".zip", ".csv", ".ics", ".png", ".jpg", ".svg", ".json")
MAX_DEPTH = 3  # the start page's links (the main pages), their links, and one step further
MAX_PAGES = 250  # per person, to bound the run on the demo data
SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout", "/i18n/", "/admin/", "/api/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def local_links(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        href = urldefrag(href)[0]
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        if href.startswith("?"):
            href = urlsplit(base).path + href
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if href.startswith(SKIP_PREFIXES) or parts.path.endswith(SKIP_SUFFIXES):
            continue
        out.append(href)
    return out


PEOPLE = [None, "citizen", "admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.health",
          "pn.reviewer", "pn.reviewer2", "pn.damrongdhama", "cr.strategy", "cr.vicegov", "cr.nre.head", "cr.land.head",
          "cr.tourism.analyst"]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-uploads")


@pytest.fixture(autouse=True)
def _isolated_storage(settings, demo_media):
    """The demo is seeded once for the module, so every test reads the uploads (photos, emblems) it wrote."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def whole_demo(django_db_setup, django_db_blocker, demo_media):
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        from django.core.management import call_command as cc

        cc("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize("username", PEOPLE, ids=[p or "anonymous" for p in PEOPLE])
def test_no_link_on_the_main_pages_is_a_dead_end(whole_demo, username):
    from salaklang.accounts.models import User

    client = Client()
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            pytest.skip(f"{username} is not in the demo")
        client.force_login(user, backend="salaklang.accounts.backends.UsernameOrEmailBackend")
    start = "/dashboard/" if username else "/"
    first = client.get(start, follow=True)
    assert first.status_code == 200
    # breadth first from the start page: its links are the main pages; links are followed three steps deep
    seen: dict[str, int] = {start: 200}
    dead = []
    frontier = [(start, first.content.decode())]
    for _depth in range(MAX_DEPTH):
        following = []
        for page_url, html in frontier:
            for url in dict.fromkeys(local_links(html, page_url)):
                if url in seen:
                    if seen[url] in (403, 404):
                        dead.append((page_url, url, seen[url]))
                    continue
                if len(seen) >= MAX_PAGES:
                    break
                response = client.get(url)
                seen[url] = response.status_code
                if response.status_code in (403, 404):
                    dead.append((page_url, url, response.status_code))
                elif response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                    following.append((url, response.content.decode()))
        frontier = following
    assert not dead, f"{username or 'anonymous'}: links that lead nowhere (page, link, status):\n" + "\n".join(
        f"  {p} → {u} ({s})" for p, u, s in dead)
