"""The anonymous page cache of the public portal pages.

A public page (home, post, print view, lists, feeds, sitemaps, the list of sites and the landing page) rendered
for an anonymous visitor — no session cookie, no messages cookie — is kept in the shared cache under
(site version, language, host, path and query). ``PageCacheMiddleware`` sits before the session middleware: a
hit skips sessions, CSRF, authentication and the view, and answers with the stored bytes and headers.

* **What is stored**: only answers the view marked cacheable (``mark(request, ...)``: a public page for an
  anonymous visitor, never a draft or a preview), with status 200 and no ``Set-Cookie``. Anonymous portal
  pages carry no CSRF token (``csrf_token`` is blank in their context; the language switch posts to a view
  that needs none), so rendering them sets no cookie.
* **Invalidation**: every save or delete of a post, photo, attachment, category or site bumps the site's
  version after the commit (signals in ``apps.py``: publish, unpublish, edit, restore, feature, photos, the
  scheduled-publication job), so the old entries are never read again. Time-driven changes — a scheduled post
  falling due, an announcement expiring — are handled by capping each entry's lifetime at the site's next such
  moment; otherwise an entry lives ``PORTAL_PAGE_CACHE_SECONDS`` (60: the view counts shown and the complaint
  statistics on the home page are at most that old).
* **View counting still runs per request**: a hit on a post page calls ``counting.count_view`` (the buffered
  counter), exactly as the view does.
* ``Vary: Cookie, Accept-Language`` on every portal page (the key includes the language, and a signed-in
  person never gets a cached page).
"""

from __future__ import annotations

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

PREFIX = "portalpage"
ALL = "_all"  # the version of pages that list every site (site list, landing, sitemap index)
# Only the query strings the pages understand are cached (none, or a page number): an address with any other
# query is rendered each time, so made-up queries cannot fill the cache.
QUERY_OK = re.compile(r"(page=\d{1,6})?")
NOT_SITES = frozenset({"manage", "from", "photos", "files", "language"})


def ttl() -> int:
    return int(settings.PORTAL_PAGE_CACHE_SECONDS)


def enabled() -> bool:
    return ttl() > 0


def _vkey(code: str) -> str:
    return f"{PREFIX}:v:{code}"


def bump(code: str | None) -> None:
    """Every cached page of site ``code`` (and the pages listing all sites) is stale from now on."""
    token = uuid.uuid4().hex[:12]
    keys = {_vkey(ALL): token}
    if code:
        keys[_vkey(code)] = token
    cache.set_many(keys, None)


_codes: dict[int, str] = {}  # site id -> province code (a site never changes province)


def site_code(site_id: int | None) -> str | None:
    if site_id is None:
        return None
    code = _codes.get(site_id)
    if code is None:
        from salaklang.portal.models import Site

        code = Site.objects.filter(pk=site_id).values_list("province__code", flat=True).first()
        if code:
            _codes[site_id] = code
    return code


def changed(sender, instance, **kwargs) -> None:
    """post_save / post_delete of a post, photo, attachment, category or site: bump the site's version now and
    again after the commit (a request that rendered the old content between the two stored it under the version
    that the second bump retires)."""
    from django.db import transaction

    from salaklang.portal.models import Post, Site

    if isinstance(instance, Site):
        site_id = instance.pk
    elif isinstance(instance, Post) or hasattr(instance, "site_id"):
        site_id = instance.site_id
    else:  # a photo or an attachment
        post = instance.post if type(instance)._meta.get_field("post").is_cached(instance) else None
        site_id = post.site_id if post is not None else (
            Post.objects.filter(pk=instance.post_id).values_list("site_id", flat=True).first())
    code = site_code(site_id)
    bump(code)
    transaction.on_commit(lambda: bump(code))


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from salaklang.portal.models import Attachment, Category, Photo, Post, Site

    for model in (Post, Photo, Attachment, Category, Site):
        post_save.connect(changed, sender=model, dispatch_uid=f"portal-pagecache-save-{model.__name__}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"portal-pagecache-delete-{model.__name__}")


def _site_code(path: str) -> str | None:
    """The site whose version a cacheable path depends on, or None if the path is never cached."""
    if path in ("/", "/sitemap.xml"):
        return ALL
    if not path.startswith("/p/"):
        return None
    rest = path[3:]
    if not rest:
        return ALL
    code = rest.split("/", 1)[0]
    if not code or code in NOT_SITES:
        return None
    return code


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request, code: str, version: str) -> str | None:
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 — a disallowed host: the normal stack answers 400
        return None
    lang = translation.get_language_from_request(request)
    landing = settings.PORTAL_LANDING_SITE if code == ALL else ""
    raw = f"{host}|{landing}|{request.get_full_path()}".encode()
    return f"{PREFIX}:p:{code}:{version}:{lang}:{hashlib.sha256(raw).hexdigest()[:32]}"


def _version(code: str) -> str:
    key = _vkey(code)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex[:12], None)
        version = cache.get(key) or "0"
    return version


def mark(request, *, site=None, count: tuple[str, int] | None = None) -> bool:
    """Called by a public view before rendering. True when the visitor is anonymous: the page is then rendered
    without a CSRF token (it must set no cookie) and may be cached (if the middleware prepared a key). ``site``:
    the site whose scheduled and expiring posts bound the entry's lifetime; ``count``: the view to count on
    every cache hit."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if request.method == "GET" and getattr(request, "portal_cache_key", None):
        request.portal_cacheable = True
        request.portal_cache_site = site
        request.portal_cache_count = count
    return True


def _next_change(site) -> int | None:
    """Seconds until a scheduled post of the site falls due or a public post expires (None: no such moment)."""
    from django.db.models import Min, Q

    from salaklang.portal.models import Post

    now = timezone.now()
    live = [Post.Status.PUBLISHED, Post.Status.SCHEDULED]
    found = Post.objects.filter(site=site, status__in=live).filter(
        Q(publish_at__gt=now) | Q(expires_at__gt=now)).aggregate(
        due=Min("publish_at", filter=Q(publish_at__gt=now)), ends=Min("expires_at", filter=Q(expires_at__gt=now)))
    moments = [m for m in found.values() if m]
    if not moments:
        return None
    return max(1, int((min(moments) - now).total_seconds()))


class PageCacheMiddleware:
    """Before the session middleware: answers anonymous GETs of public portal pages from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not enabled() or not _anonymous(request):
            return self.get_response(request)
        code = _site_code(request.path_info)
        if code is None or not QUERY_OK.fullmatch(request.META.get("QUERY_STRING", "")):
            return self.get_response(request)
        key = _key(request, code, _version(code))
        if key is None:
            return self.get_response(request)
        entry = cache.get(key)
        if entry is not None:
            status, headers, body, count = entry
            if count:
                from salaklang.portal import counting

                counting.count_view(request, *count)
            response = HttpResponse(body, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Portal-Cache"] = "hit"
            return response
        request.portal_cache_key = key
        response = self.get_response(request)
        if getattr(request, "portal_cacheable", False) and self._storable(request, response):
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            timeout = ttl()
            site = getattr(request, "portal_cache_site", None)
            if site is not None:
                nxt = _next_change(site)
                if nxt is not None:
                    timeout = min(timeout, nxt)
            headers = [(k, v) for k, v in response.headers.items() if k.lower() not in ("set-cookie", "x-query-count")]
            cache.set(key, (response.status_code, headers, response.content,
                            getattr(request, "portal_cache_count", None)), timeout)
            response.headers["X-Portal-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated
