"""View and download counts without a write to the post row per request.

A page view is counted once per visitor per day: the visitor is a keyed hash of the client address and the
browser's User-Agent (nothing personal is stored). Requests from crawlers, link-preview fetchers and scripts
(empty or bot User-Agent, ``Purpose: prefetch``) are not counted. Downloads count every download by a person.

Two buffers, chosen by the cache (``buffer_in_cache()``; ``PORTAL_VIEW_BUFFER`` = "cache" / "database" forces one):

* **Redis** (a deployment's ``REDIS_URL``): no database write at all per view. The visitor of the day is
  remembered with ``cache.add`` (atomic), counted views go to a per-object counter (``cache.incr``). Buffers live
  in *generations*: a request adds to the current generation; ``flush`` first opens a new one, then writes the
  generations that are closed, so a request still running when the generation changes lands in a generation a
  later flush writes (``flush(everything=True)`` at a clean shutdown writes the current one as well).
* **No Redis** (the default install, whose cache is the database cache): the buffer is the append-only table
  ``ViewMark``. A new visitor-day is one ``INSERT … ON CONFLICT DO NOTHING`` (unique on day, object, visitor: a
  repeated visit inserts nothing; a per-process memo of the marks already written skips even that statement);
  a download is one row. Never an UPDATE or a lock on the post row on the hot path. The database cache was the
  wrong place for this: it culls entries beyond MAX_ENTRIES (seen marks and counters lost or visits counted
  twice) and its ``add`` swallows DatabaseError (a visit under a locked SQLite treated as already seen).

``flush()`` — a periodic job (every minute, ``salaklang.core.schedule``) and ``manage.py portal_flush_counts`` —
moves the buffered counts into ``Post.view_count`` / ``Attachment.download_count``, exactly once: in one
transaction it claims the rows not yet counted with a token of its own, adds them up (one UPDATE per object),
and deletes what the dedup no longer needs. Both buffers are shared by the processes (Redis or the database), not
in a worker's memory, so restarting the app servers loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import re
import secrets
import threading

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, connections, router, transaction
from django.db.models import Count, F, Q
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
MEMO_SIZE = 200_000  # marks of the day a process remembers having written (database buffer)
log = logging.getLogger(__name__)


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
    """``cache.incr``, made atomic on the database cache too (its incr is a read and a write), should the cache
    buffer be forced onto it: the read and the write run in one transaction that holds the row (SQLite: the
    IMMEDIATE transaction is the database's write lock; PostgreSQL: SELECT … FOR UPDATE). Redis's INCR is atomic."""
    from django.core.cache.backends.db import DatabaseCache

    backend = caches["default"]
    if not isinstance(backend, DatabaseCache):
        return cache.incr(key)
    db = router.db_for_write(backend.cache_model_class)
    with transaction.atomic(using=db):
        connection = connections[db]
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(backend._table)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 — a quoted table name
                               [backend.make_and_validate_key(key)])
        return cache.incr(key)


def buffer_in_cache() -> bool:
    """True: views are buffered in the cache (Redis); False: in the ViewMark table (no Redis)."""
    choice = settings.PORTAL_VIEW_BUFFER
    if choice in ("cache", "database"):
        return choice == "cache"
    return "redis" in type(caches["default"]).__module__.lower()


def _today(now: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(now or timezone.now()).date()


# --- Public entry points -------------------------------------------------------------------------------------------

def count_view(request, kind: str, pk: int, *, now: dt.datetime | None = None) -> bool:
    """Count one view of ``kind``/``pk`` by this visitor today (not a bot). True if it was counted."""
    if is_bot(request):
        return False
    now = now or timezone.now()
    if buffer_in_cache():
        day = timezone.localtime(now).date().isoformat()
        if not cache.add(f"{PREFIX}:seen:{day}:{kind}:{pk}:{visitor_key(request)}", 1, _seconds_to_tomorrow(now)):
            return False
        _cache_buffer(kind, pk)
        return True
    return _mark(_today(now), kind, pk, visitor_key(request))


def count_download(request, pk: int) -> bool:
    """Downloads: every download by a person (bots excluded), buffered the same way."""
    if is_bot(request):
        return False
    if buffer_in_cache():
        _cache_buffer("attachment", pk)
        return True
    return _mark(_today(), "attachment", pk, "")


def pending(kind: str, pk: int) -> int:
    """Counted, not yet written views (or downloads) of one object."""
    if buffer_in_cache():
        gen = _generation()
        keys = [f"{PREFIX}:c:{g}:{kind}:{pk}" for g in range(max(1, gen - 3), gen + 1)]
        return sum(int(v) for v in cache.get_many(keys).values())
    from salaklang.portal.models import ViewMark

    return ViewMark.objects.filter(kind=kind, object_id=pk, batch__isnull=True).count()


def flush(*, everything: bool = False) -> int:
    """Write the buffered counts to the posts and attachments. Returns views and downloads written.

    The ViewMark table is always flushed (all of it); the cache buffer, when it is the one in use, for the closed
    generations (all, with ``everything``)."""
    written = _flush_table()
    if buffer_in_cache():
        if not cache.add(f"{PREFIX}:lock", 1, 300):  # another flush is running
            return written
        try:
            written += _flush_cache(everything=everything)
        finally:
            cache.delete(f"{PREFIX}:lock")
    return written


# --- No Redis: the ViewMark table ----------------------------------------------------------------------------------

_memo: dict[tuple, None] = {}
_memo_day: list[dt.date | None] = [None]
_memo_lock = threading.Lock()


def forget() -> None:
    """Empty this process's memo of the marks written (tests: the database was rolled back under it)."""
    with _memo_lock:
        _memo.clear()
        _memo_day[0] = None


def _mark(day: dt.date, kind: str, pk: int, visitor: str) -> bool:
    """One row in ViewMark; for a view, unless this visitor's mark of the day is there already (then False)."""
    from salaklang.portal.models import ViewMark

    memo_key = (kind, pk, visitor)
    if visitor:
        with _memo_lock:
            if _memo_day[0] != day:
                _memo.clear()
                _memo_day[0] = day
            if memo_key in _memo:
                return False
    db = router.db_for_write(ViewMark)
    connection = connections[db]
    table = connection.ops.quote_name(ViewMark._meta.db_table)
    try:
        with connection.cursor() as cursor:
            # INSERT … ON CONFLICT DO NOTHING (SQLite >= 3.24 and PostgreSQL): the unique constraint on the views
            # decides, across processes; rowcount tells whether this visit was the first of the day.
            cursor.execute(
                f"INSERT INTO {table} (day, kind, object_id, visitor) VALUES (%s, %s, %s, %s) "  # noqa: S608 — a quoted table name
                "ON CONFLICT DO NOTHING",
                [connection.ops.adapt_datefield_value(day), kind, pk, visitor])
            inserted = cursor.rowcount == 1
    except DatabaseError:
        # a page view must not fail because its count could not be written (a database that stays locked)
        log.exception("portal: view of %s %s not counted", kind, pk)
        return False
    if visitor:
        with _memo_lock:
            if _memo_day[0] == day:
                if len(_memo) >= MEMO_SIZE:
                    _memo.clear()
                _memo[memo_key] = None
    return inserted


def _flush_table() -> int:
    """Claim the marks not yet counted (a token of this flush), add them up, delete what the dedup does not need.

    One transaction: SQLite's IMMEDIATE transaction is the database's write lock, so two flushes take turns; on
    PostgreSQL a second flush's claiming UPDATE waits for the rows the first one claimed, then finds them claimed
    (READ COMMITTED re-checks ``batch IS NULL``) and skips them, and it adds up only the rows of its own token.
    Views of today and yesterday stay (flushed) for the dedup — yesterday's because a request that began just
    before midnight may still insert its mark — older ones and downloads are deleted."""
    from salaklang.portal.models import Attachment, Post, ViewMark

    token = secrets.randbits(62) or 1
    written = 0
    with transaction.atomic(using=router.db_for_write(ViewMark)):
        if not ViewMark.objects.filter(batch__isnull=True).update(batch=token):
            return 0
        totals = (ViewMark.objects.filter(batch=token).values_list("kind", "object_id")
                  .annotate(n=Count("id")).order_by("kind", "object_id"))
        for kind, pk, n in totals:
            if kind == ViewMark.VIEW:
                Post.objects.filter(pk=pk).update(view_count=F("view_count") + n)
            else:
                Attachment.objects.filter(pk=pk).update(download_count=F("download_count") + n)
            written += n
        keep_from = _today() - dt.timedelta(days=1)
        ViewMark.objects.filter(batch__isnull=False).filter(Q(kind=ViewMark.DOWNLOAD) | Q(day__lt=keep_from)).delete()
    return written


# --- Redis: the cache buffer ---------------------------------------------------------------------------------------

def _cache_buffer(kind: str, pk: int) -> None:
    gen = _generation()
    if cache.add(f"{PREFIX}:mark:{gen}:{kind}:{pk}", 1, None):
        n = _incr(f"{PREFIX}:n:{gen}")
        cache.set(f"{PREFIX}:dirty:{gen}:{n}", f"{kind}:{pk}", None)
    _incr(f"{PREFIX}:c:{gen}:{kind}:{pk}")


def _flush_cache(*, everything: bool) -> int:
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
