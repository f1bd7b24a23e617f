"""Import an old site's posts from an RSS 2.0 or Atom feed (a file or a URL), idempotently.

Each entry becomes a published post with its original date (``source_key = "feed:<hash of its id or link>"``,
unique per site, so importing the same feed twice creates nothing twice). Its HTML is sanitised; its image
enclosures (and ``media:content`` images) are fetched and stored as photos when the feed came from a URL.

The fetch is SSRF-safe: only http(s), the host name is resolved once and every address checked — loopback,
private, link-local, reserved and multicast addresses are refused unless the host is listed in the setting
PORTAL_IMPORT_ALLOWED_HOSTS — the connection goes to the checked address (no second lookup), redirects are
not followed, and at most PORTAL_IMPORT_MAX_BYTES are read. Before feedparser sees the bytes, defusedxml
refuses anything that is not well-formed XML or carries a DTD/entities.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.portal import richtext
from salaklang.portal.models import Post, Site

TIMEOUT = 10


def max_bytes() -> int:
    return int(settings.PORTAL_IMPORT_MAX_BYTES)


def _allowed_hosts() -> set[str]:
    return {h.lower() for h in settings.PORTAL_IMPORT_ALLOWED_HOSTS}


def _check_address(host: str, port: int) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ValidationError(_("The feed's host name could not be found.")) from None
    addresses = [info[4][0] for info in infos]
    if host.lower() not in _allowed_hosts():
        for a in addresses:
            ip = ipaddress.ip_address(a.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise ValidationError(_("This address points to a private or local network and is refused."))
    return addresses[0]


def fetch(url: str) -> bytes:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Only http and https addresses can be imported."))
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _check_address(host, port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    class Pinned(http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection):
        def connect(self):
            sock = socket.create_connection((address, port), TIMEOUT)
            if parts.scheme == "https":
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            self.sock = sock

    conn = Pinned(host, port, timeout=TIMEOUT)
    try:
        conn.request("GET", path, headers={"User-Agent": "Salaklang feed import", "Accept": "application/rss+xml, "
                                           "application/atom+xml, application/xml, text/xml"})
        response = conn.getresponse()
        if response.status != 200:
            raise ValidationError(_("The feed address answered with status %(status)s.") % {"status": response.status})
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes():
            raise ValidationError(_("The feed is too large."))
        data = response.read(max_bytes() + 1)
    except (OSError, http.client.HTTPException):
        raise ValidationError(_("The feed could not be downloaded.")) from None
    finally:
        conn.close()
    if len(data) > max_bytes():
        raise ValidationError(_("The feed is too large."))
    return data


def read_upload(upload) -> bytes:
    if upload.size > max_bytes():
        raise ValidationError(_("The feed is too large."))
    return upload.read()


def parse(data: bytes):
    import defusedxml.ElementTree as DET
    import feedparser
    from defusedxml import DefusedXmlException

    try:
        DET.fromstring(data, forbid_dtd=True)
    except (DET.ParseError, DefusedXmlException, ValueError):
        raise ValidationError(_("This is not an RSS or Atom feed (not well-formed XML, or it declares entities).")) \
            from None
    feed = feedparser.parse(data)
    if feed.version == "" or not feed.get("entries") and not feed.get("feed"):
        raise ValidationError(_("This is not an RSS or Atom feed."))
    return feed


def _when(entry) -> dt.datetime:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return dt.datetime(*parsed[:6], tzinfo=dt.UTC)
    return timezone.now()


def _images(entry) -> list[str]:
    urls = []
    for enc in entry.get("enclosures", []):
        if (enc.get("type") or "").startswith("image/") and enc.get("href"):
            urls.append(enc["href"])
    for media in entry.get("media_content", []):
        if (media.get("medium") == "image" or (media.get("type") or "").startswith("image/")) and media.get("url"):
            urls.append(media["url"])
    return list(dict.fromkeys(urls))[:10]


def import_feed(*, site: Site, actor, data: bytes, kind: str = Post.Kind.NEWS, fetch_images: bool = True) -> dict:
    from salaklang.portal import access, services

    if not access.can_edit_site(actor, site):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    feed = parse(data)
    section = site.office or site.province
    created = skipped = 0
    keys = {}
    for entry in feed.entries:
        ident = entry.get("id") or entry.get("link") or entry.get("title")
        if not ident:
            continue
        keys["feed:" + hashlib.sha256(ident.encode()).hexdigest()[:40]] = entry
    existing = set(Post.objects.filter(site=site, source_key__in=list(keys)).values_list("source_key", flat=True))
    for key, entry in keys.items():
        if key in existing:
            skipped += 1
            continue
        content = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
        with transaction.atomic():
            post = Post.objects.create(
                site=site, organization=section, kind=kind, title=richtext.plain_text(entry.get("title", ""))[:300],
                summary=richtext.plain_text(entry.get("summary", ""))[:500],
                body=richtext.sanitize(content or "", strict=False), status=Post.Status.PUBLISHED,
                publish_at=_when(entry), source_key=key, source_url=(entry.get("link") or "")[:500],
                source_label=str(_("Imported from the old site"))[:300], created_by=actor, updated_by=actor,
            )
            record(actor=actor, action=AuditEntry.Action.IMPORT, obj=post, verb="feed imported",
                   organization=section, changes={"source": post.source_url})
        created += 1
        if fetch_images:
            for url in _images(entry):
                try:
                    raw = fetch(url)
                    services.photo_add(post=post, actor=actor,
                                       upload=SimpleUploadedFile(url.rsplit("/", 1)[-1][:80] or "photo", raw))
                except ValidationError:
                    continue
    return {"created": created, "skipped": skipped}
