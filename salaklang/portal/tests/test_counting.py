"""View counting: once per visitor per day, bots not counted, buffered in the cache, flushed to the database."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from salaklang.portal import counting
from salaklang.portal.models import Post

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"


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


def test_views_of_a_running_request_after_the_generation_changed_are_not_lost(rf, make_post):
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
