"""What the public complaint pages share: rate limits by name, the count of unknown codes an address tried,
the 429 page, the province a page starts from, the page size."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from salaklang.core.ratelimit import is_ratelimited
from salaklang.organizations.models import Organization

PAGE_SIZE = settings.PAGE_SIZES["complaints"]


def rate(name: str) -> str:
    """A rate limit of config/settings.py by its name (``COMPLAINTS_SUBMIT_RATE``...), read when it is used."""
    return getattr(settings, name)


def limited(request, group: str, setting_name: str, key: str = "ip") -> bool:
    return is_ratelimited(request, group=f"complaints.{group}", key=key, rate=rate(setting_name), increment=True)


def _parse_rate(text: str) -> tuple[int, int]:
    number, _sep, unit = text.partition("/")
    return int(number), {"s": 1, "m": 60, "h": 3600, "d": 86400}.get(unit[-1:] or "m", 60) * int(unit[:-1] or 1)


def _miss_key(request, group: str, period: int) -> str:
    from salaklang.core.middleware import client_ip

    return f"complaints:miss:{group}:{client_ip(request)}:{int(time.time() // period)}"


def too_many_misses(request, group: str = "track") -> bool:
    """True when this address has looked up too many unknown codes in the current window. One cache read: the
    valid lookups of citizens cost nothing more (the tracking page must stay fast); only misses are counted."""
    limit, period = _parse_rate(settings.COMPLAINTS_TRACK_MISS_RATE)
    return (cache.get(_miss_key(request, group, period)) or 0) >= limit


def count_miss(request, group: str = "track") -> None:
    _limit, period = _parse_rate(settings.COMPLAINTS_TRACK_MISS_RATE)
    key = _miss_key(request, group, period)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, period + 5)


def too_many(request):
    return render(request, "complaints/rate_limited.html", status=429)


def default_province(request) -> Organization | None:
    code = request.GET.get("province") or settings.COMPLAINTS_DEFAULT_PROVINCE
    return Organization.objects.filter(code=code, kind=Organization.Kind.PROVINCE, is_active=True).first()
