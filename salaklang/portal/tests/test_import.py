"""Importing an old site's feed: idempotent, dates and images kept, bad feeds and private addresses refused."""

import http.server
import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from salaklang.portal import importing
from salaklang.portal.models import Post

pytestmark = pytest.mark.django_db

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>old site</title><link>https://old.example/</link><description>x</description>
<item><title>&#3586;&#3656;&#3634;&#3623;&#3648;&#3585;&#3656;&#3634; 1</title><link>https://old.example/news/1</link>
<guid>https://old.example/news/1</guid><pubDate>Sat, 04 Dec 2021 09:00:00 +0700</pubDate>
<description><![CDATA[<p onclick="x()">old text</p><script>alert(1)</script><table><tr><td>a</td></tr></table>]]></description>
<enclosure url="IMAGE_URL" type="image/jpeg" length="1000"/></item>
<item><title>second</title><link>https://old.example/news/2</link><pubDate>Fri, 03 Dec 2021 09:00:00 +0700</pubDate>
<description>plain</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>old</title><id>urn:old</id><updated>2021-12-04T00:00:00Z</updated>
<entry><title>atom entry</title><id>urn:old:1</id><updated>2020-01-02T03:04:05Z</updated><link href="https://old.example/a"/>
<content type="html">&lt;h1&gt;Heading&lt;/h1&gt;&lt;p&gt;body&lt;/p&gt;</content></entry></feed>"""


def _editor(portal):
    return portal["users"]["pn.editor"]


def test_rss_file_import_is_idempotent_and_keeps_dates(portal):
    data = RSS.replace(b"IMAGE_URL", b"http://127.0.0.1:9/x.jpg")
    result = importing.import_feed(site=portal["pn"], actor=_editor(portal), data=data, fetch_images=False)
    assert result == {"created": 2, "skipped": 0}
    post = Post.objects.get(source_url="https://old.example/news/1")
    assert post.title == "ข่าวเก่า 1" and post.status == "published" and post.is_public()
    assert post.publish_at.isoformat().startswith("2021-12-04T02:00:00")
    assert "onclick" not in post.body and "script" not in post.body and "<table>" in post.body
    again = importing.import_feed(site=portal["pn"], actor=_editor(portal), data=data, fetch_images=False)
    assert again == {"created": 0, "skipped": 2}
    assert Post.objects.filter(site=portal["pn"]).count() == 2


def test_atom_import(portal):
    importing.import_feed(site=portal["pn"], actor=_editor(portal), data=ATOM)
    post = Post.objects.get()
    assert post.title == "atom entry" and post.body == "<h2>Heading</h2><p>body</p>" and post.publish_at.year == 2020


@pytest.mark.parametrize("data", [
    b"this is not xml at all",
    b"<html><body>not a feed",
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss>&lol2;</rss>',
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>',
])
def test_non_xml_and_entity_feeds_are_refused(portal, data):
    with pytest.raises(ValidationError):
        importing.import_feed(site=portal["pn"], actor=_editor(portal), data=data)
    assert not Post.objects.exists()


def test_gigantic_feed_refused(portal, settings, client_as):
    settings.PORTAL_IMPORT_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        importing.read_upload(SimpleUploadedFile("f.xml", RSS))
    r = client_as("pn.editor").post("/p/manage/PNA/import/", {"kind": "news", "file": SimpleUploadedFile("f.xml", RSS)})
    assert r.status_code == 200 and "ฟีดมีขนาดใหญ่เกินไป" in r.content.decode() and not Post.objects.exists()


@pytest.mark.parametrize("url", ["http://127.0.0.1:1/feed", "http://localhost/feed", "http://10.0.0.8/rss",
                                 "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "file:///etc/passwd",
                                 "ftp://example.com/feed"])
def test_private_and_odd_addresses_are_refused(url):
    with pytest.raises(ValidationError):
        importing.fetch(url)


def test_agency_editor_cannot_import(portal):
    with pytest.raises(PermissionDenied):
        importing.import_feed(site=portal["pn"], actor=portal["users"]["pn.tourism"], data=RSS)


@pytest.fixture
def feed_server():
    """A real HTTP server on loopback serving the feed and its image."""
    img = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(img, "JPEG")
    files = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = files.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    files["/photo.jpg"] = img.getvalue()
    files["/feed.xml"] = RSS.replace(b"IMAGE_URL", f"{base}/photo.jpg".encode())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_url_import_with_images_when_the_host_is_allowed(portal, feed_server, settings, client_as):
    with pytest.raises(ValidationError):  # loopback: refused by default
        importing.fetch(f"{feed_server}/feed.xml")
    settings.PORTAL_IMPORT_ALLOWED_HOSTS = ["127.0.0.1"]
    r = client_as("pn.editor").post("/p/manage/PNA/import/", {"kind": "news", "url": f"{feed_server}/feed.xml"})
    assert r.status_code == 302
    post = Post.objects.get(source_url="https://old.example/news/1")
    photo = post.photos.get()
    assert photo.width == 640 and photo.is_cover
    client_as("pn.editor").post("/p/manage/PNA/import/", {"kind": "news", "url": f"{feed_server}/feed.xml"})
    assert Post.objects.count() == 2 and post.photos.count() == 1
