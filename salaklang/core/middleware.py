"""Per-request context that services read without threading `request` through every call."""

from __future__ import annotations

import contextvars

from django.conf import settings
from django.http import HttpRequest

_client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("client_ip", default=None)


def client_ip(request: HttpRequest) -> str | None:
    """The client address: REMOTE_ADDR, or the address TRUSTED_PROXY_COUNT hops back in
    X-Forwarded-For when the app runs behind that many trusted proxies."""
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return remote


def current_ip() -> str | None:
    return _client_ip.get()


_arrived: contextvars.ContextVar = contextvars.ContextVar("request_arrived", default=None)


def request_time():
    """When the current request arrived (the first middleware saw it), else now. Deadlines are judged against
    this time, so a request sent before a deadline is not refused because the server was busy (issue 10)."""
    from django.utils import timezone

    return _arrived.get() or timezone.now()


class RequestArrivalMiddleware:
    """First in MIDDLEWARE: notes the arrival time of each request (``request_time()``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import timezone

        token = _arrived.set(timezone.now())
        try:
            return self.get_response(request)
        finally:
            _arrived.reset(token)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)
