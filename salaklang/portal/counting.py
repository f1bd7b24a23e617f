"""View and download counts without a database write per request.

A page view is counted once per visitor per day: the visitor is a keyed hash of the client address and the
browser's User-Agent (nothing personal is stored), remembered in the cache until the end of the day with
``cache.add`` (atomic on Redis and on the database cache). Requests from crawlers, link-preview fetchers and
scripts (empty or bot User-Agent, ``Purpose: prefetch``) are not counted.

Counted views are added to a per-object counter in the cache (``cache.incr``), never to the post row.
``flush()`` — a periodic job (every minute, ``salaklang.core.schedule``) and ``manage.py portal_flush_counts`` —
moves the buffered counts into ``Post.view_count`` / ``Attachment.download_count`` with one UPDATE per object.

Buffers live in *generations*: a request adds to the current generation; ``flush`` first opens a new one, then
writes the generations that are closed, so a request that is still running when the generation changes
still lands in a generation that a later flush writes (``flush(everything=True)`` at a clean shutdown writes the
current one as well). The buffer is in the shared cache (Redis or the database cache of a default
install), not in a worker's memory, so restarting the app servers loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from salaklang.core.middleware import client_ip

BOT_UA = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog|embedly|preview|lighthouse|headless|"
    r"python-requests|python-httpx|aiohttp|curl|wget|go-http-client|java/|okhttp|feedfetcher|feedparser|"
    r"pingdom|uptime|monitor|scan|httpclient|libwww|wrk|ab/|k6/",
    re.IGNORECASE,
)
PREFIX = "portalcount"
KINDS = ("post", "attachment")
CLOSE_LAG = 1  # a generation is written once it is this many generations old


def is_bot(request) -> bool:
    ua = request.META.get("HTTP_USER_AGENT", "")
    if not ua.strip() or BOT_UA.search(ua):
        return True
    purpose = (request.META.get("HTTP_PURPOSE", "") or request.META.get("HTTP_SEC_PURPOSE", "")).lower()
    return "prefetch" in purpose or "preview" in purpose


def visitor_key(request) -> str:
    raw = f"{client_ip(request) or ''}|{request.META.get('HTTP_USER_AGENT', '')}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), raw, hashlib.sha256).hexdigest()[:24]


def _seconds_to_tomorrow(now: dt.datetime) -> int:
    local = timezone.localtime(now)
    tomorrow = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(60, int((tomorrow - local).total_seconds()) + 60)


def _generation() -> int:
    gen = cache.get(f"{PREFIX}:gen")
    if gen is None:
        cache.add(f"{PREFIX}:gen", 1, None)
        gen = cache.get(f"{PREFIX}:gen") or 1
    return int(gen)


def _incr(key: str, timeout=None) -> int:
    cache.add(key, 0, timeout)
    try:
        return _atomic_incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def _atomic_incr(key: str) -> int:
    """``cache.incr``, made atomic on the database cache too (its incr is a read and a write): the read and the
    write run in one transaction that holds the row (SQLite: the IMMEDIATE transaction is the database's write
    lock; PostgreSQL: SELECT … FOR UPDATE). Redis's INCR is atomic by itself."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        return cache.incr(key)
    from django.db import connections, router, transaction

    db = router.db_for_write(backend.cache_model_class)
    with transaction.atomic(using=db):
        connection = connections[db]
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(backend._table)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 — a quoted table name
                               [backend.make_and_validate_key(key)])
        return cache.incr(key)


def _buffer(kind: str, pk: int) -> None:
    gen = _generation()
    if cache.add(f"{PREFIX}:mark:{gen}:{kind}:{pk}", 1, None):
        n = _incr(f"{PREFIX}:n:{gen}")
        cache.set(f"{PREFIX}:dirty:{gen}:{n}", f"{kind}:{pk}", None)
    _incr(f"{PREFIX}:c:{gen}:{kind}:{pk}")


def count_view(request, kind: str, pk: int, *, now: dt.datetime | None = None) -> bool:
    """Count one view of ``kind``/``pk`` by this visitor today (not a bot). True if it was counted."""
    if is_bot(request):
        return False
    now = now or timezone.now()
    day = timezone.localtime(now).date().isoformat()
    if not cache.add(f"{PREFIX}:seen:{day}:{kind}:{pk}:{visitor_key(request)}", 1, _seconds_to_tomorrow(now)):
        return False
    _buffer(kind, pk)
    return True


def count_download(request, pk: int) -> bool:
    """Downloads: every download by a person (bots excluded), buffered the same way."""
    if is_bot(request):
        return False
    _buffer("attachment", pk)
    return True


def pending(kind: str, pk: int) -> int:
    """Buffered, not yet written counts of one object (all open generations)."""
    gen = _generation()
    keys = [f"{PREFIX}:c:{g}:{kind}:{pk}" for g in range(max(1, gen - 3), gen + 1)]
    return sum(int(v) for v in cache.get_many(keys).values())


def flush(*, everything: bool = False) -> int:
    """Write the buffered counts of closed generations (all, with ``everything``). Returns views written."""
    if not cache.add(f"{PREFIX}:lock", 1, 300):  # another flush is running
        return 0
    try:
        return _flush(everything=everything)
    finally:
        cache.delete(f"{PREFIX}:lock")


def _flush(*, everything: bool) -> int:
    from salaklang.portal.models import Attachment, Post

    gen = _generation()
    _incr(f"{PREFIX}:gen")  # new requests now count in gen + 1
    done = int(cache.get(f"{PREFIX}:flushed") or 0)
    last = gen if everything else gen - CLOSE_LAG
    written = 0
    for g in range(done + 1, last + 1):
        n = int(cache.get(f"{PREFIX}:n:{g}") or 0)
        dirty_keys = [f"{PREFIX}:dirty:{g}:{i}" for i in range(1, n + 1)]
        targets = [v for v in cache.get_many(dirty_keys).values() if v]
        count_keys = {t: f"{PREFIX}:c:{g}:{t}" for t in targets}
        counts = cache.get_many(list(count_keys.values()))
        for target, key in count_keys.items():
            value = int(counts.get(key) or 0)
            if not value:
                continue
            kind, pk = target.split(":")
            if kind == "post":
                Post.objects.filter(pk=int(pk)).update(view_count=F("view_count") + value)
            else:
                Attachment.objects.filter(pk=int(pk)).update(download_count=F("download_count") + value)
            written += value
        cache.delete_many([*dirty_keys, *count_keys.values(), f"{PREFIX}:n:{g}",
                           *(f"{PREFIX}:mark:{g}:{t}" for t in targets)])
        cache.set(f"{PREFIX}:flushed", g, None)
    return written
