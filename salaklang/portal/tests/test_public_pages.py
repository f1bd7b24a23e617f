import datetime as dt

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from salaklang.portal import services
from salaklang.portal.models import Category, Post
from salaklang.portal.tests.conftest import jpeg

pytestmark = pytest.mark.django_db
UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"}


def test_site_list_and_home(client, make_post, portal):
    make_post(title="ข่าวเด่นพังงา")
    r = client.get("/p/", **UA)
    assert r.status_code == 200 and "จังหวัดพังงา" in r.content.decode() and "จังหวัดเชียงราย" in r.content.decode()
    r = client.get("/p/PNA/", **UA)
    html = r.content.decode()
    assert r.status_code == 200 and "ข่าวเด่นพังงา" in html
    assert 'data-testid="complaint-button"' in html and "/complaints/new/" in html
    assert 'data-testid="complaint-stats"' in html
    assert client.get("/p/NOPE/", **UA).status_code == 404


def test_landing_page_shows_the_demo_province(client, make_post, settings):
    settings.PORTAL_LANDING_SITE = "PNA"
    make_post(title="ข่าวบนหน้าแรก")
    html = client.get("/", **UA).content.decode()
    assert "ข่าวบนหน้าแรก" in html and "จังหวัดพังงา" in html
    settings.PORTAL_LANDING_SITE = ""
    html = client.get("/", **UA).content.decode()
    assert "จังหวัดเชียงราย" in html and "ข่าวบนหน้าแรก" not in html  # the list of provinces


def test_own_host_name_shows_its_province(client, make_post, portal, settings):
    settings.ALLOWED_HOSTS = ["www.chiangrai.go.th", "testserver"]
    settings.PORTAL_LANDING_SITE = "PNA"
    services.site_update(site=portal["cr"], actor=portal["users"]["cr.strategy"], data={"host": "WWW.ChiangRai.go.th"})
    make_post(site=portal["cr"], org_code="CRI-TOUR", editor="cr.tourism.head", title="ข่าวเชียงราย")
    html = client.get("/", HTTP_HOST="www.chiangrai.go.th", **UA).content.decode()
    assert "ข่าวเชียงราย" in html
    assert "ข่าวเชียงราย" not in client.get("/", **UA).content.decode()


@pytest.mark.parametrize("state", ["draft", "scheduled", "unpublished", "expired"])
def test_non_public_posts_are_404_without_their_title(client, make_post, portal, state):
    editor = portal["users"]["pn.editor"]
    post = make_post(title="ความลับของร่าง", publish=state not in ("draft", "scheduled"))
    if state == "scheduled":
        services.post_publish(post=post, actor=editor, at=timezone.now() + dt.timedelta(days=1))
    elif state == "unpublished":
        services.post_unpublish(post=post, actor=editor)
    elif state == "expired":
        Post.objects.filter(pk=post.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    r = client.get(post.get_absolute_url(), **UA)
    assert r.status_code == 404 and "ความลับของร่าง" not in r.content.decode()
    assert "ความลับของร่าง" not in client.get("/p/PNA/", **UA).content.decode()
    assert "ความลับของร่าง" not in client.get("/p/PNA/feed.rss").content.decode()
    assert "ความลับของร่าง" not in client.get("/api/v1/portal/posts/").content.decode()


def test_editor_previews_own_draft_but_not_another_agencys(client_as, make_post):
    post = make_post(title="ร่างของสำนักงานท่องเที่ยว", org_code="PNA-TOUR", editor="pn.tourism", publish=False)
    assert "ตัวอย่าง" in client_as("pn.tourism").get(post.get_absolute_url(), **UA).content.decode()
    assert client_as("pn.health").get(post.get_absolute_url(), **UA).status_code == 404
    assert client_as("pn.health").get(f"/p/manage/PNA/posts/{post.pk}/", **UA).status_code == 404
    assert client_as("cr.tourism.head").get(f"/p/manage/PNA/posts/{post.pk}/", **UA).status_code == 404
    r = client_as("pn.health").post(f"/p/manage/PNA/posts/{post.pk}/publish/")
    assert r.status_code == 404 and Post.objects.get(pk=post.pk).status == "draft"


def test_post_page_thai_and_english_dates_og_and_share(client, make_post, portal):
    post = make_post(title="ประชุมคณะทำงาน", summary="สรุปการประชุม", kind=Post.Kind.ALBUM)
    services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg(), caption="ภาพผู้เข้าร่วม")
    Post.objects.filter(pk=post.pk).update(publish_at=dt.datetime(2021, 12, 4, 9, 0, tzinfo=dt.UTC))
    html = client.get(post.get_absolute_url(), **UA).content.decode()
    assert "ประกาศเมื่อ" in html and "4 ธันวาคม 2564" in html and "เปิดดู 1 ครั้ง" in html
    assert '<meta property="og:title" content="ประชุมคณะทำงาน">' in html
    assert '<meta property="og:description" content="สรุปการประชุม">' in html
    assert 'property="og:image" content="http://testserver/p/photos/' in html
    assert "social-plugins.line.me/lineit/share?url=http%3A%2F%2Ftestserver%2Fp%2FPNA%2Fposts%2F" in html
    assert "facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver" in html
    assert 'alt="ภาพผู้เข้าร่วม"' in html
    client.cookies["django_language"] = "en"
    html = client.get(post.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en", **UA).content.decode()
    assert "Published on" in html and "4 December 2021" in html and "2564" not in html


def test_a_post_without_photos_shares_the_platform_card(client, make_post):
    """The walk: announcements and documents had no og:image, so LINE and Facebook showed no picture."""
    post = make_post(title="ประกาศรับสมัคร", kind=Post.Kind.ANNOUNCEMENT)
    html = client.get(post.get_absolute_url(), **UA).content.decode()
    assert '<meta property="og:image" content="http://testserver/static/portal/share' in html
    url = html.split('<meta property="og:image" content="http://testserver', 1)[1].split('"', 1)[0]
    from django.contrib.staticfiles import finders

    assert finders.find(url.removeprefix("/static/").split("?")[0])  # the card exists


def test_print_view_is_clean(client, make_post):
    post = make_post(title="ประกาศสำหรับพิมพ์")
    html = client.get(f"/p/PNA/posts/{post.pk}/print/", **UA).content.decode()
    assert "ประกาศสำหรับพิมพ์" in html and "ประกาศเมื่อ" in html and "จังหวัดพังงา" in html
    assert "site-nav" not in html and "portal-nav" not in html
    assert 'rel="icon"' in html  # else the browser asks for /favicon.ico, a 404 (the walk)


def test_category_list_paginates_with_constant_queries(client, make_post, portal, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # the pages' own queries (a cached page runs none: test_page_cache.py)
    cat = Category.objects.create(site=portal["pn"], slug="tourism", name_th="ท่องเที่ยว")
    make_post(title="หนึ่ง", category=cat)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, **UA).status_code == 200
        return len(ctx.captured_queries)

    urls = ["/p/PNA/", "/p/PNA/category/tourism/", "/p/PNA/list/news/", "/p/PNA/feed.rss", "/p/PNA/feed.atom"]
    for u in urls:  # warm the caches (the complaint figures are cached for ten minutes)
        count(u)
    before = {u: count(u) for u in urls}
    for i in range(25):
        post = make_post(title=f"ข่าว {i}", category=cat)
        services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((400, 300)))
    after = {u: count(u) for u in urls}
    assert after == before
    page2 = client.get("/p/PNA/category/tourism/?page=2", **UA).content.decode()
    assert "หนึ่ง" in page2 and "ข่าว 24" not in page2


def test_post_page_queries_do_not_grow_with_photos(client, make_post, portal):
    post = make_post(kind=Post.Kind.ALBUM)
    services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((400, 300)))
    with CaptureQueriesContext(connection) as ctx:
        client.get(post.get_absolute_url(), **UA)
    n1 = len(ctx.captured_queries)
    for _ in range(5):
        services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((400, 300)))
    with CaptureQueriesContext(connection) as ctx:
        client.get(post.get_absolute_url(), REMOTE_ADDR="192.0.2.99", **UA)  # a new visitor too: the same view count
    assert len(ctx.captured_queries) == n1


def test_feeds_parse_with_a_real_feed_reader(client, make_post, portal):
    cat = Category.objects.create(site=portal["pn"], slug="hpp", name_th="จังหวัด HPP")
    post = make_post(title="ข่าวในฟีด & สัญลักษณ์ <พิเศษ>", summary="สรุปข่าว", category=cat)
    services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((400, 300)))
    make_post(title="ข่าวนอกหมวด")
    for url, version in [("/p/PNA/feed.rss", "rss20"), ("/p/PNA/feed.atom", "atom10"),
                         ("/p/PNA/category/hpp/feed.rss", "rss20"), ("/p/PNA/category/hpp/feed.atom", "atom10")]:
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, (url, feed.bozo_exception)
        assert feed.version == version
        titles = [e.title for e in feed.entries]
        assert "ข่าวในฟีด & สัญลักษณ์ <พิเศษ>" in titles
        assert ("ข่าวนอกหมวด" in titles) == ("category" not in url)
        entry = feed.entries[titles.index("ข่าวในฟีด & สัญลักษณ์ <พิเศษ>")]
        assert entry.link.endswith(f"/p/PNA/posts/{post.pk}/") and entry.published_parsed
        if version == "rss20":
            assert entry.enclosures and entry.enclosures[0].type == "image/jpeg"


def test_sitemaps(client, make_post):
    post = make_post()
    index = client.get("/sitemap.xml").content.decode()
    assert "/p/PNA/sitemap.xml" in index and "/p/CRI/sitemap.xml" in index
    site_map = client.get("/p/PNA/sitemap.xml").content.decode()
    assert f"/p/PNA/posts/{post.pk}/" in site_map and "/p/PNA/list/news/" in site_map


def test_photo_and_attachment_of_a_draft_are_not_served(client, client_as, make_post, portal):
    from django.core.files.uploadedfile import SimpleUploadedFile

    post = make_post(publish=False)
    photo = services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((400, 300)))
    att = services.attachment_add(post=post, actor=portal["users"]["pn.editor"],
                                  upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"))
    assert client.get(f"/p/photos/{photo.pk}/thumb/").status_code == 404
    assert client.get(f"/p/files/{att.pk}/").status_code == 404
    editor = client_as("pn.editor")
    assert editor.get(f"/p/photos/{photo.pk}/full/").status_code == 200


def test_english_pages(client, make_post):
    make_post(title="Phang Nga news")
    with override("en"):
        html = client.get("/p/PNA/", HTTP_ACCEPT_LANGUAGE="en", **UA).content.decode()
    assert "Announcements" in html and "File a complaint" in html


def test_feed_enclosures_are_absolute_with_the_real_length(client, make_post, portal):
    post = make_post(title="ข่าวมีภาพ")
    from salaklang.portal import tasks

    photo = services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((1200, 800)))
    tasks.render(photo)  # the background renditions (thumb, medium, large)
    photo.refresh_from_db()
    assert photo.medium
    for url in ("/p/PNA/feed.rss", "/p/PNA/feed.atom"):
        feed = feedparser.parse(client.get(url).content)
        entry = next(e for e in feed.entries if e.title == "ข่าวมีภาพ")
        enclosure = entry.enclosures[0]
        assert enclosure.href == f"http://testserver/p/photos/{photo.pk}/medium/", url
        served = client.get(f"/p/photos/{photo.pk}/medium/")
        body = b"".join(served.streaming_content)
        assert int(enclosure.length) == len(body) and enclosure.type == served["Content-Type"], url
        assert len(body) != photo.size  # the medium rendition, not the original's size


def test_head_on_photo_urls(client, make_post, portal):
    post = make_post()
    photo = services.photo_add(post=post, actor=portal["users"]["pn.editor"], upload=jpeg((400, 300)))
    for size in ("thumb", "medium", "large", "full"):
        r = client.head(f"/p/photos/{photo.pk}/{size}/")
        assert r.status_code == 200 and r["Content-Type"].startswith("image/"), size
    assert client.post(f"/p/photos/{photo.pk}/thumb/").status_code == 405


def test_english_home_page_has_no_thai_tagline(client, make_post, portal, settings):
    from salaklang.portal.models import Site

    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # the tagline is changed behind the services' back below

    Site.objects.filter(pk=portal["pn"].pk).update(tagline="ศาลากลางจังหวัดออนไลน์", tagline_en="")
    make_post(title="Phang Nga news")
    assert "ศาลากลางจังหวัดออนไลน์" in client.get("/p/PNA/", **UA).content.decode()
    client.cookies["django_language"] = "en"
    html = client.get("/p/PNA/", HTTP_ACCEPT_LANGUAGE="en", **UA).content.decode()
    assert "ศาลากลางจังหวัดออนไลน์" not in html
    Site.objects.filter(pk=portal["pn"].pk).update(tagline_en="The provincial hall online")
    html = client.get("/p/PNA/", HTTP_ACCEPT_LANGUAGE="en", **UA).content.decode()
    assert '<p class="lead">The provincial hall online</p>' in html


def test_history_page_speaks_thai(client_as, make_post, portal):
    post = make_post(title="ข่าวมีประวัติ")
    post = services.post_update(post=post, actor=portal["users"]["pn.editor"], data={"title": "ข่าวมีประวัติ (แก้ไข)"})
    services.post_unpublish(post=post, actor=portal["users"]["pn.editor"])
    html = client_as("pn.editor").get(f"/p/manage/PNA/posts/{post.pk}/history/").content.decode()
    timeline = html[html.index('class="timeline"'):]
    for english in (" created<", " published<", " changed<", " unpublished<"):
        assert english not in timeline, english
    assert "สร้างรายการ" in timeline and "แก้ไขรายการ" in timeline and "ยกเลิกการเผยแพร่" in timeline
    assert "เผยแพร่</li>" in timeline and "เผยแพร่เมื่อ" not in timeline
