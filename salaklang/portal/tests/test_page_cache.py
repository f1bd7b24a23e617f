"""The anonymous page cache of the public portal (salaklang/portal/pagecache.py)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from salaklang.portal import counting, pagecache, services
from salaklang.portal.models import Post

pytestmark = pytest.mark.django_db
UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}


def visitor(n: int) -> dict:
    return {"HTTP_USER_AGENT": f"Mozilla/5.0 (visitor {n}) Firefox/120.0"}


def test_second_anonymous_view_is_a_hit_without_queries_cookie_or_token(client, make_post,
                                                                        django_assert_num_queries):
    post = make_post(title="ข่าวแคช")
    first = client.get(post.get_absolute_url(), **UA)
    assert first.status_code == 200 and first["X-Portal-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(post.get_absolute_url(), **UA)
    assert second["X-Portal-Cache"] == "hit" and second.content == first.content
    for response in (first, second):
        html = response.content.decode()
        assert not response.cookies and "csrfmiddlewaretoken" not in html and '"X-CSRFToken": ""' in html
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"Cookie", "Accept-Language"} <= vary
        assert response["X-Frame-Options"] and "Content-Security-Policy" in response
    assert "ข่าวแคช" in second.content.decode()


def test_views_are_counted_on_every_hit_once_per_visitor(client, make_post):
    post = make_post(title="ข่าวนับ")
    for n in range(12):
        client.get(post.get_absolute_url(), **visitor(n))
        client.get(post.get_absolute_url(), **visitor(n))  # the same visitor again: not counted
    client.get(post.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1")  # a bot: not counted
    assert counting.pending("post", post.pk) == 12
    counting.flush(everything=True)
    assert Post.objects.get(pk=post.pk).view_count == 12


@pytest.mark.parametrize("change", ["edit", "unpublish", "restore", "photo", "feature"])
def test_every_change_invalidates_the_sites_pages(client, make_post, portal, change):
    editor = portal["users"]["pn.editor"]
    post = make_post(title="ชื่อเดิม")
    url = post.get_absolute_url()
    assert client.get(url, **UA)["X-Portal-Cache"] == "miss"
    home = client.get("/p/PNA/", **UA)
    assert client.get(url, **UA)["X-Portal-Cache"] == "hit" and client.get("/p/PNA/", **UA)["X-Portal-Cache"] == "hit"
    if change == "edit":
        services.post_update(post=post, actor=editor, data={"title": "ชื่อใหม่"})
    elif change == "unpublish":
        services.post_unpublish(post=post, actor=editor)
    elif change == "restore":
        services.post_update(post=post, actor=editor, data={"title": "ชื่อใหม่"})
        client.get(url, **UA)
        services.post_restore(post=post, version=post.versions.order_by("number").last(), actor=editor)
    elif change == "photo":
        from salaklang.portal.tests.conftest import jpeg

        services.photo_add(post=post, actor=editor, upload=jpeg(), caption="ภาพใหม่")
    else:
        services.post_set_featured(post=Post.objects.get(pk=post.pk), actor=editor, featured=True)
    after = client.get(url, **UA)
    assert after.get("X-Portal-Cache") != "hit"
    assert home.status_code == 200 and client.get("/p/PNA/", **UA).get("X-Portal-Cache") == "miss"
    html = after.content.decode()
    if change == "edit":
        assert "ชื่อใหม่" in html
    elif change == "unpublish":
        assert after.status_code == 404 and "ชื่อเดิม" not in html
    elif change == "restore":
        assert "ชื่อเดิม" in html
    elif change == "photo":
        assert "ภาพใหม่" in html


def test_other_sites_keep_their_cache(client, make_post, portal):
    make_post(title="ข่าวพังงา")
    assert client.get("/p/CRI/", **UA)["X-Portal-Cache"] == "miss"
    make_post(title="ข่าวพังงาอีก")
    assert client.get("/p/CRI/", **UA)["X-Portal-Cache"] == "hit"
    assert "ข่าวพังงาอีก" in client.get("/p/PNA/", **UA).content.decode()


def test_signed_in_people_and_drafts_never_use_the_cache(client, make_post, portal):
    post = make_post(title="ข่าวสาธารณะ")
    draft = make_post(title="ร่างลับ", publish=False)
    client.get(post.get_absolute_url(), **UA)
    editor = Client()
    editor.force_login(portal["users"]["pn.editor"])
    r = editor.get(post.get_absolute_url(), **UA)
    assert r.status_code == 200 and "X-Portal-Cache" not in r
    assert "csrfmiddlewaretoken" in r.content.decode()  # a signed-in page keeps its token
    preview = editor.get(draft.get_absolute_url(), **UA)
    assert preview.status_code == 200 and "X-Portal-Cache" not in preview
    assert client.get(draft.get_absolute_url(), **UA).status_code == 404
    assert editor.get(draft.get_absolute_url(), **UA).get("X-Portal-Cache") is None


def test_language_is_part_of_the_key_and_the_switch_needs_no_token(make_post):
    post = make_post(title="ข่าวสองภาษา")
    anon = Client(enforce_csrf_checks=True)
    th = anon.get(post.get_absolute_url(), **UA)
    en = anon.get(post.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en", **UA)
    assert th["Content-Language"] == "th" and en["Content-Language"] == "en"
    assert en["X-Portal-Cache"] == "miss" and 'lang="en"' in en.content.decode()
    assert 'action="/p/language/"' in th.content.decode()
    r = anon.post("/p/language/", {"language": "en", "next": post.get_absolute_url()}, **UA)
    assert r.status_code == 302 and r["Location"] == post.get_absolute_url()
    page = anon.get(post.get_absolute_url(), **UA)  # the language cookie now chooses English
    assert page["Content-Language"] == "en" and page["X-Portal-Cache"] == "hit"


def test_a_scheduled_post_bounds_the_lifetime_of_the_sites_pages(make_post, portal):
    editor = portal["users"]["pn.editor"]
    post = make_post(title="ข่าวตั้งเวลา", publish=False)
    assert pagecache._next_change(portal["pn"]) is None
    services.post_publish(post=post, actor=editor, at=timezone.now() + dt.timedelta(minutes=5))
    assert 290 <= pagecache._next_change(portal["pn"]) <= 300
    live = make_post(title="ประกาศหมดอายุ")
    Post.objects.filter(pk=live.pk).update(expires_at=timezone.now() + dt.timedelta(seconds=10))
    assert pagecache._next_change(portal["pn"]) <= 10
    assert pagecache._next_change(portal["cr"]) is None


def test_feeds_and_lists_are_cached_and_sessions_bypass(client, make_post, portal):
    make_post(title="ข่าวฟีด")
    for url in ("/p/PNA/feed.rss", "/p/PNA/list/news/", "/p/", "/p/PNA/sitemap.xml"):
        assert client.get(url, **UA)["X-Portal-Cache"] == "miss", url
        assert client.get(url, **UA)["X-Portal-Cache"] == "hit", url
    client.cookies["sessionid"] = "whatever"
    assert "X-Portal-Cache" not in client.get("/p/PNA/list/news/", **UA)


def test_only_known_query_strings_are_cached(client, make_post):
    make_post(title="ข่าวหน้า")
    assert client.get("/p/PNA/list/news/?page=1", **UA)["X-Portal-Cache"] == "miss"
    assert client.get("/p/PNA/list/news/?page=1", **UA)["X-Portal-Cache"] == "hit"
    for query in ("?page=1&x=1", "?utm_source=line", "?page=abc"):
        r = client.get(f"/p/PNA/list/news/{query}", **UA)
        assert r.status_code == 200 and "X-Portal-Cache" not in r
