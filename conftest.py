"""Fixtures for every app's tests: demo data, signed-in clients, and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same test are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "test-artifacts"
DEMO_PASSWORD = "salaklang-demo"


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def demo(db):
    """The demo organizations and people of ``manage.py seed_demo`` (foundation part only)."""
    from salaklang.organizations import demo as org_demo

    org_demo.seed()
    from salaklang.accounts.models import User

    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def client_as(client):
    from salaklang.accounts.models import User

    def _login(username: str):
        user = User.objects.get(username=username)
        client.force_login(user, backend="salaklang.accounts.backends.UsernameOrEmailBackend")
        return client

    return _login


# --- browser -------------------------------------------------------------------------------
@pytest.fixture(scope="session", autouse=True)
def _live_server_serves_one_request_at_a_time():
    """On in-memory SQLite every live-server thread shares the test's one connection; a page loading three
    thumbnails at once then ran three queries on it concurrently ("bad parameter or other API misuse", CI of
    stop 18). Each request now holds a lock from the application call until its response is closed, so idle
    keep-alive connections never hold it. PostgreSQL runs give each thread its own connection and are left alone."""
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class OneRequestAtATime(ThreadedWSGIServer):
        def set_app(self, application):
            if not self.connections_override:
                return super().set_app(application)
            lock = threading.Lock()

            def serialised(environ, start_response):
                lock.acquire()
                try:
                    body = application(environ, start_response)
                except BaseException:
                    lock.release()
                    raise
                return _ReleaseOnClose(body, lock)

            return super().set_app(serialised)

    original = LiveServerThread.server_class
    LiveServerThread.server_class = OneRequestAtATime
    yield
    LiveServerThread.server_class = original


class _ReleaseOnClose:
    """The response body, iterated as it is, that releases the request lock once the server closes it."""

    def __init__(self, body, lock):
        self.body, self.lock, self.released = body, lock, False

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            if not self.released:
                self.released = True
                self.lock.release()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                  "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.js_errors = errors
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    rep = yield
    setattr(item, f"rep_{rep.when}", rep)
    return rep


@pytest.fixture
def login(live_server):
    """login(page, "pn.strategy") signs in through the real form."""

    def _login(pg, username: str, password: str = DEMO_PASSWORD):
        pg.goto(f"{live_server.url}/accounts/login/")
        pg.get_by_label("ชื่อผู้ใช้หรืออีเมล").fill(username)
        pg.get_by_label("รหัสผ่าน").fill(password)
        pg.get_by_role("button", name="เข้าสู่ระบบ").click()
        pg.wait_for_load_state("domcontentloaded")
        return pg

    return _login


@pytest.fixture
def axe():
    """axe(page) runs axe-core (bundled with axe-playwright-python) and fails on serious/critical issues."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def _check(pg, *, impacts=("serious", "critical")):
        results = checker.run(pg)
        bad = [v for v in results.response["violations"] if v.get("impact") in impacts]
        assert not bad, "axe-core violations on " + pg.url + ":\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in bad)
        return results

    return _check


# --- What people read: no ISO dates, no relative links (issue 11) -----------------------------------------
# After every test that used the database, the notifications it created and the e-mails it sent are read as a
# person would: a date must be Thai (B.E.) or English prose, never "2026-12-17"; a link in an e-mail must be
# absolute (BASE_URL). A test that needs to break the rule on purpose marks itself `allow_raw_messages`.
ISO_DATE = r"\b\d{4}-\d{2}-\d{2}\b"
RELATIVE_LINK = r"(?:^|[\s(\"'])(/[A-Za-z0-9_-]+/[^\s\"'<>)]*)"  # a site path such as /calls/3/ (not "</b>")


def messages_people_read_problems() -> list[str]:
    import re

    from django.core import mail

    from salaklang.notifications.models import Notification

    problems = []
    for title, body in Notification.objects.values_list("title", "body"):
        for text in (title, body):
            if re.search(ISO_DATE, text or ""):
                problems.append(f"ISO date in a notification: {text!r}")
    for m in getattr(mail, "outbox", []):
        parts = [m.subject, m.body] + [content for content, _type in getattr(m, "alternatives", [])]
        for text in parts:
            if re.search(ISO_DATE, str(text)):
                problems.append(f"ISO date in an e-mail: {m.subject!r}: {text!r}")
            for link in re.findall(RELATIVE_LINK, str(text)):
                problems.append(f"relative link {link!r} in an e-mail: {m.subject!r}")
    return problems


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    uses_db = bool({"db", "transactional_db", "django_db_setup"} & set(item.fixturenames)) or bool(
        item.get_closest_marker("django_db"))
    if uses_db and not item.get_closest_marker("allow_raw_messages"):
        problems = messages_people_read_problems()
        assert not problems, "What people read must use Thai/English dates and absolute links:\n" + "\n".join(
            problems[:10])
    return result
