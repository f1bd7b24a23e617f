"""Rate limits with a sliding window (issue 10): a drop-in for django-ratelimit's ``is_ratelimited``, ``get_usage``
and ``ratelimit`` decorator, which count in fixed windows — a burst at the end of one window and another at the
start of the next reached twice the limit.

Algorithm: the sliding-window counter. Each (group, key) has a counter per fixed window of the rate's period (in the
shared cache, incremented atomically); the count that is compared with the limit is the current window's plus the
previous window's weighted by the part of it still inside the sliding period::

    estimate = current + previous × (1 − elapsed_in_current / period)

So at any moment the requests allowed over the last ``period`` seconds stay at the limit (under the usual
assumption that the previous window's requests were spread evenly), with two cache reads and one increment.
"""

from __future__ import annotations

import functools
import hashlib
import time

from django.core.cache import cache

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/h"`` → (10, 3600); ``"100/5m"`` → (100, 300)."""
    number, _sep, per = rate.partition("/")
    per = per or "m"
    multiplier = int(per[:-1]) if per[:-1] else 1
    return int(number), multiplier * UNITS.get(per[-1], 60)


def _key_value(request, key) -> str:
    from salaklang.core.middleware import client_ip

    if callable(key):
        return str(key(None, request))
    if key == "ip":
        return client_ip(request) or ""
    if key == "user":
        return str(request.user.pk) if request.user.is_authenticated else ""
    if key == "user_or_ip":
        user = getattr(request, "user", None)
        return f"u{user.pk}" if user is not None and user.is_authenticated else f"ip{client_ip(request) or ''}"
    if key.startswith("header:"):
        return request.META.get("HTTP_" + key[7:].upper().replace("-", "_"), "")
    return str(key)


def _resolve_rate(request, group: str, rate) -> str | None:
    return rate(group, request) if callable(rate) else rate


def _cache_key(group: str, value: str, window: int, period: int) -> str:
    digest = hashlib.sha256(f"{group}:{value}".encode()).hexdigest()[:32]
    return f"rl2:{period}:{window}:{digest}"


def usage(group: str, value: str, rate: str, *, increment: bool, now: float | None = None) -> dict:
    limit, period = parse_rate(rate)
    now = time.time() if now is None else now
    window = int(now // period)
    current_key = _cache_key(group, value, window, period)
    previous = cache.get(_cache_key(group, value, window - 1, period)) or 0
    if increment:
        try:
            current = cache.incr(current_key)
        except ValueError:
            cache.add(current_key, 0, 2 * period + 5)
            current = cache.incr(current_key)
    else:
        current = cache.get(current_key) or 0
    weight = 1 - (now - window * period) / period
    count = current + previous * weight
    return {"count": count, "limit": limit, "should_limit": count > limit, "time_left": int(period - (now % period))}


def get_usage(request, group: str | None = None, fn=None, key=None, rate=None, method=None, increment=False):
    group = group or (f"{fn.__module__}.{fn.__qualname__}" if fn else "default")
    rate = _resolve_rate(request, group, rate)
    if rate is None:
        return None
    return usage(group, _key_value(request, key), rate, increment=increment)


def is_ratelimited(request, group: str | None = None, fn=None, key=None, rate=None, method=None,
                   increment: bool = False) -> bool:
    if method is not None and request.method not in ((method,) if isinstance(method, str) else method):
        return False
    found = get_usage(request, group=group, fn=fn, key=key, rate=rate, increment=increment)
    return bool(found and found["should_limit"])


def ratelimit(group=None, key=None, rate=None, method=None, block=False):
    """Decorator like django-ratelimit's: sets ``request.limited`` (never raises with ``block=False``)."""

    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            request = args[0]
            limited = is_ratelimited(request, group=group or f"{fn.__module__}.{fn.__qualname__}", key=key,
                                     rate=rate, method=method, increment=True)
            request.limited = getattr(request, "limited", False) or limited
            return fn(*args, **kwargs)

        return wrapper

    return decorator
