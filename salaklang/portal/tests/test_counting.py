"""View counting: once per visitor per day, bots not counted, buffered (in Redis's cache, or without Redis in the
ViewMark table), flushed to the database exactly once. Every behaviour test runs on both buffers."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from salaklang.portal import counting
from salaklang.portal.models import Post, ViewMark

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


@pytest.fixture(autouse=True, params=["database", "cache"])
def buffer(request, settings):
    """The table buffer (no Redis: the default install) and the cache buffer (Redis; the tests' cache is LocMem)."""
    settings.PORTAL_VIEW_BUFFER = request.param
    return request.param


def _get(client, post, ua=BROWSER, ip="203.0.113.5"):
    return client.get(post.get_absolute_url(), HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)


def test_once_per_visitor_per_day_and_no_write_on_the_page_view(client, make_post):
    post = make_post()
    with CaptureQueriesContext(connection) as ctx:
        for _ in range(3):
            assert _get(client, post).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
              and "portal_post" in q["sql"]]
    assert writes == []
    _get(client, post, ip="203.0.113.6")  # a second visitor
    _get(client, post, ua=BROWSER + " Edg/120", ip="203.0.113.5")  # another browser on the same address
    assert Post.objects.get(pk=post.pk).view_count == 0
    assert counting.pending("post", post.pk) == 3
    counting.flush()
    counting.flush()  # the generation closes, then it is written
    assert Post.objects.get(pk=post.pk).view_count == 3
    assert counting.pending("post", post.pk) == 0
    counting.flush()
    assert Post.objects.get(pk=post.pk).view_count == 3  # nothing counted twice


@pytest.mark.parametrize("ua", [
    "", "Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1", "curl/8.5.0",
    "Mozilla/5.0 (compatible; bingbot/2.0)", "python-httpx/0.27", "Mozilla/5.0 HeadlessChrome/120",
])
def test_bots_are_not_counted(client, make_post, ua):
    post = make_post()
    assert _get(client, post, ua=ua).status_code == 200
    counting.flush(everything=True)
    assert Post.objects.get(pk=post.pk).view_count == 0


def test_the_next_day_counts_again(rf, make_post):
    post = make_post()
    request = rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.1")
    today = timezone.now()
    assert counting.count_view(request, "post", post.pk, now=today)
    assert not counting.count_view(request, "post", post.pk, now=today)
    assert counting.count_view(request, "post", post.pk, now=today + dt.timedelta(days=1))
    counting.flush(everything=True)
    assert Post.objects.get(pk=post.pk).view_count == 2


def test_views_of_a_running_request_after_the_generation_changed_are_not_lost(rf, make_post, buffer):
    if buffer != "cache":
        pytest.skip("the cache buffer's generations (the table buffer's flush claims rows: the concurrent test)")
    post = make_post()
    for i in range(5):
        counting.count_view(rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=f"198.51.100.{i}"), "post", post.pk)
    counting.flush()  # closes generation 1, writes nothing yet
    counting.count_view(rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.99"), "post", post.pk)
    counting.flush()
    assert Post.objects.get(pk=post.pk).view_count == 5
    counting.flush(everything=True)  # a clean shutdown writes what is still open
    assert Post.objects.get(pk=post.pk).view_count == 6


def test_unpublished_and_preview_are_not_counted(client, client_as, make_post):
    post = make_post(publish=False)
    client_as("pn.editor").get(post.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    counting.flush(everything=True)
    assert Post.objects.get(pk=post.pk).view_count == 0


def test_download_counts(client, make_post, portal):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from salaklang.portal import services

    post = make_post(kind=Post.Kind.DOCUMENT)
    att = services.attachment_add(post=post, actor=portal["users"]["pn.editor"],
                                  upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), description="ไฟล์")
    for _ in range(2):
        r = client.get(att.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    client.get(att.get_absolute_url(), HTTP_USER_AGENT="Googlebot")
    counting.flush(everything=True)
    att.refresh_from_db()
    assert att.download_count == 2


def test_the_page_shows_written_plus_buffered_views(client, make_post):
    post = make_post()
    Post.objects.filter(pk=post.pk).update(view_count=1254)
    response = _get(client, post)
    assert "เปิดดู 1255 ครั้ง" in response.content.decode()


def test_flush_command(rf, make_post):
    from django.core.management import call_command

    post = make_post()
    counting.count_view(rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.1"), "post", post.pk)
    call_command("portal_flush_counts", "--all")
    assert Post.objects.get(pk=post.pk).view_count == 1


def _visit(rf, post, ip, ua=BROWSER, now=None):
    return counting.count_view(rf.get("/", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip), "post", post.pk, now=now)


def test_exact_count_with_repeated_visitors_and_bots(rf, make_post):
    post = make_post()
    other = make_post(title="ข่าวอื่น")
    agents = [BROWSER, BROWSER + " Edg/120", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"]
    counted = 0
    for round_ in range(4):  # every visitor comes back three more times
        for i in range(60):
            counted += _visit(rf, post, f"198.51.100.{i % 20}", ua=agents[i // 20])
            _visit(rf, post, f"198.51.100.{i % 20}", ua="Googlebot/2.1 (+http://www.google.com/bot.html)")
        if round_ == 1:
            counting.flush()  # a flush in the middle: today's visitors stay known
    _visit(rf, other, "198.51.100.1")
    assert counted == 60
    counting.flush(everything=True)
    assert Post.objects.get(pk=post.pk).view_count == 60
    assert Post.objects.get(pk=other.pk).view_count == 1
    counting.flush(everything=True)
    assert Post.objects.get(pk=post.pk).view_count == 60


def test_marks_of_past_days_are_deleted_after_they_are_counted(rf, make_post, buffer):
    if buffer != "database":
        pytest.skip("the table buffer only")
    post = make_post()
    now = timezone.now()
    for days_ago in (3, 1, 0):
        _visit(rf, post, "192.0.2.7", now=now - dt.timedelta(days=days_ago))
    assert counting.pending("post", post.pk) == 3
    counting.flush()
    assert Post.objects.get(pk=post.pk).view_count == 3
    assert counting.pending("post", post.pk) == 0
    today = timezone.localtime(now).date()
    assert sorted(ViewMark.objects.values_list("day", flat=True)) == [today - dt.timedelta(days=1), today]
    counting.forget()  # another process: its memo does not know the visitor, the table does
    assert not _visit(rf, post, "192.0.2.7", now=now)
    counting.flush()
    assert Post.objects.get(pk=post.pk).view_count == 3


def test_the_table_buffer_writes_one_insert_per_new_visitor_day_and_never_the_post_row(client, make_post, buffer):
    if buffer != "database":
        pytest.skip("the table buffer only")
    post = make_post()
    with CaptureQueriesContext(connection) as ctx:
        for ip in ("203.0.113.5", "203.0.113.5", "203.0.113.6", "203.0.113.5"):
            assert _get(client, post, ip=ip).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT",
                                                                                              "DELETE"))]
    assert len(writes) == 2 and all("portal_viewmark" in w and "ON CONFLICT DO NOTHING" in w for w in writes)
    counting.forget()  # without the memo a repeated visit is an insert that inserts nothing
    assert not counting.count_view(_request("203.0.113.5"), "post", post.pk)
    assert ViewMark.objects.count() == 2


def _request(ip, ua=BROWSER):
    from django.test import RequestFactory

    return RequestFactory().get("/", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)


def _in_thread(fn):
    """Run fn in a thread of its own (its own database connection), return its result."""
    from django.db import connections

    out = []

    def run():
        try:
            out.append(fn())
        finally:
            connections.close_all()

    th = threading.Thread(target=run)
    th.start()
    th.join()
    return out[0]


@pytest.fixture
def threads_database(tmp_path):
    """Call it once the test's data is made: threads then get connections of their own to it. In-memory SQLite (the
    tests' default) shares its cache between connections and answers 'table is locked' instead of waiting, unlike
    the file database of an install: there the threads work on a file copy of the test database, with the
    install's options (WAL, busy timeout, IMMEDIATE transactions)."""
    from django.db import connections

    settings_ = connections.settings["default"]
    name = settings_["NAME"]

    def share():
        if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            return
        import sqlite3

        path = tmp_path / "threads.sqlite3"
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        settings_["NAME"] = str(path)

    yield share
    settings_["NAME"] = name


@pytest.mark.django_db(transaction=True)
def test_concurrent_visits_and_flushes_count_every_visitor_once(make_post, buffer, threads_database):
    """Four threads send 50 visitors each (every one twice) while two threads flush in a loop, on their own
    connections: every visitor counted once, nothing counted twice by the flushes racing each other."""
    if buffer != "database":
        pytest.skip("the table buffer: the cache buffer's flush takes a lock in the cache")
    post = make_post()
    threads_database()
    errors, stop, flushes = [], threading.Event(), []

    def visit(t):
        from django.db import connections
        try:
            for i in range(50):
                for _ in range(2):
                    counting.count_view(_request(f"10.{t}.0.{i + 1}"), "post", post.pk)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def flusher():
        from django.db import connections
        try:
            while not stop.is_set():
                flushes.append(counting.flush())
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    flushers = [threading.Thread(target=flusher) for _ in range(2)]
    visitors = [threading.Thread(target=visit, args=(t,)) for t in range(4)]
    for th in flushers + visitors:
        th.start()
    for th in visitors:
        th.join()
    stop.set()
    for th in flushers:
        th.join()
    assert errors == []
    flushes.append(_in_thread(counting.flush))
    assert sum(flushes) == 200
    assert _in_thread(lambda: Post.objects.get(pk=post.pk).view_count) == 200
    assert _in_thread(lambda: counting.pending("post", post.pk)) == 0
    assert _in_thread(lambda: ViewMark.objects.filter(batch__isnull=True).count()) == 0
