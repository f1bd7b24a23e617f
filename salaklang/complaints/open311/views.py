"""Open311 GeoReport v2 at /open311/v2/ — so existing Open311 clients and apps file and follow complaints.

Methods (each in ``.json`` and ``.xml``): ``discovery``, ``services``, ``services/{service_code}``,
``requests`` (GET with the standard filters; POST with an ``api_key``), ``requests/{service_request_id}``.
A service is a complaint category; a service request is a complaint, identified publicly by its
tracking code; ``jurisdiction_id`` is a province code (e.g. ``PNA``). Nothing personal is ever
returned: no complainant name or contact, no free-text description, and a point only when the
complainant chose to share it (rounded to about 100 m).

Writes go through ``complaints.services.intake.complaint_submit`` — the same write path as the web form.
See docs/decisions/open311.md.
"""

from __future__ import annotations

import hashlib
import os
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from salaklang.complaints.open311 import data
from salaklang.complaints.open311.format import errors, respond
from salaklang.complaints.open311.params import ParamError, parse_point, parse_request_query
from salaklang.complaints.open311.quota import BatchedQuota
from salaklang.core.middleware import client_ip
from salaklang.core.ratelimit import get_usage, is_ratelimited


def _rate(name: str, default: str) -> str:
    """A rate from settings, else the environment (settings.py belongs to the foundation), else default."""
    return getattr(settings, name, None) or os.environ.get(name) or default


def _ip_key(group, request) -> str:
    return f"ip:{client_ip(request)}"


def _too_many(fmt: str):
    return errors(fmt, 429, (429, _("Too many requests: slow down and try again in a minute.")))


def _read_guard(request, fmt: str):
    if request.method not in ("GET", "HEAD"):
        return errors(fmt, 405, (405, _("Method not allowed.")))
    if read_quota.hit(f"ip:{client_ip(request)}", _rate("OPEN311_READ_RATE", "300/m")):
        return _too_many(fmt)
    return None


def open311_view(func):
    """Public (no session sign-in), CSRF-exempt (machine clients), errors in the standard format."""

    @csrf_exempt
    @login_not_required
    def wrapper(request, *args, fmt: str, **kwargs):
        try:
            return func(request, *args, fmt=fmt, **kwargs)
        except ParamError as exc:
            return errors(fmt, exc.status, (exc.status, exc.description))
        except Http404:
            return errors(fmt, 404, (404, _("Not found.")))
        except PermissionDenied:
            return errors(fmt, 403, (403, _("Not allowed.")))

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


@open311_view
def discovery(request, *, fmt: str):
    """Service discovery: where the endpoint is and which formats it speaks."""
    if (blocked := _read_guard(request, fmt)) is not None:
        return blocked
    base = request.build_absolute_uri("/open311/v2/")
    doc = {
        "changeset": data.changeset(),
        "contact": getattr(settings, "OPEN311_CONTACT", _("Provincial Damrongdhama centre, hotline 1567")),
        "key_service": _("API keys are issued by the national administrators of Salaklang."),
        "endpoints": [
            {"specification": "http://wiki.open311.org/GeoReport_v2", "url": base, "changeset": data.changeset(),
             "type": "production", "formats": ["application/json", "text/xml"]},
        ],
    }
    return respond(fmt, "discovery", None, doc)


@open311_view
def service_list(request, *, fmt: str):
    if (blocked := _read_guard(request, fmt)) is not None:
        return blocked
    jurisdiction = data.jurisdiction(request.GET.get("jurisdiction_id"))
    return respond(fmt, "services", "service", data.service_rows(jurisdiction))


@open311_view
def service_definition(request, service_code: str, *, fmt: str):
    if (blocked := _read_guard(request, fmt)) is not None:
        return blocked
    jurisdiction = data.jurisdiction(request.GET.get("jurisdiction_id"))
    category = data.category_by_code(service_code)
    if category is None:
        raise ParamError(404, _("Unknown service_code: %(code)s.") % {"code": service_code[:50]})
    return respond(fmt, "service_definition", None, data.service_definition(category, jurisdiction))


@open311_view
def request_detail(request, service_request_id: str, *, fmt: str):
    if (blocked := _read_guard(request, fmt)) is not None:
        return blocked
    rows = data.request_rows_by_ids([service_request_id])
    if not rows:
        raise ParamError(404, _("No service request with this id."))
    return respond(fmt, "service_requests", "request", rows)


@open311_view
def requests_endpoint(request, *, fmt: str):
    if request.method == "POST":
        return _create_request(request, fmt)
    if (blocked := _read_guard(request, fmt)) is not None:
        return blocked
    query = parse_request_query(request.GET)
    if query.jurisdiction:
        data.jurisdiction(query.jurisdiction)  # 404 for an unknown province
    return respond(fmt, "service_requests", "request", data.request_rows(query))


def _raw_key(request) -> str:
    raw = (request.POST.get("api_key") or "").strip()
    if not raw:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Api-Key "):
            raw = header[len("Api-Key "):].strip()
    return raw[:200]


# Valid keys seen by this process: sha256 → (checked at, key). A revoked key or a deactivated user stops
# working within KEY_CACHE_SECONDS; an unknown key is always looked up (after the per-address limit).
KEY_CACHE_SECONDS = 60
post_quota = BatchedQuota("open311.post")
read_quota = BatchedQuota("open311.read")
_keys: dict[str, tuple[float, object]] = {}
_touched: dict[int, float] = {}


def _cached_key(raw: str):
    digest = hashlib.sha256(raw.encode()).hexdigest()
    hit = _keys.get(digest)
    if hit is not None and time.monotonic() - hit[0] < KEY_CACHE_SECONDS:
        return hit[1]
    return None


def _lookup_key(raw: str):
    from salaklang.api.models import ApiKey

    key = ApiKey.lookup(raw)
    if key is not None:
        if len(_keys) > 1000:
            _keys.clear()
        _keys[hashlib.sha256(raw.encode()).hexdigest()] = (time.monotonic(), key)
    return key


def _touch(key) -> None:
    """``last_used_at`` at most once a minute per process."""
    now = time.monotonic()
    if now - _touched.get(key.pk, -1e9) > 60:
        _touched[key.pk] = now
        key.touch()


def _create_request(request, fmt: str):
    # Requests without a valid key are counted per address, so a flood or key guessing is cut off
    # early; accepted keys are limited per key (a partner's quota), not per address.
    raw = _raw_key(request)
    key = _cached_key(raw) if raw else None
    if key is None:
        bad_key_rate = _rate("OPEN311_BAD_KEY_RATE", "30/m")
        usage = get_usage(request, group="open311.bad_key", key=_ip_key, rate=bad_key_rate, increment=False)
        if usage and usage["count"] >= usage["limit"]:  # this failure would be one too many
            return _too_many(fmt)
        key = _lookup_key(raw) if raw else None
        if key is None:
            is_ratelimited(request, group="open311.bad_key", key=_ip_key, rate=bad_key_rate, increment=True)
            return errors(fmt, 403, (403, _("A valid api_key is required to create a service request.")))
    if post_quota.hit(f"key:{key.pk}", _rate("OPEN311_KEY_RATE", "600/m")):
        return _too_many(fmt)
    p = request.POST
    jurisdiction = data.jurisdiction(p.get("jurisdiction_id"), required=True)
    code = (p.get("service_code") or "").strip()
    if not code:
        raise ParamError(400, _("service_code is required."))
    category = data.category_by_code(code)
    if category is None:
        raise ParamError(400, _("Unknown service_code: %(code)s.") % {"code": code[:50]})
    point = parse_point(p.get("lat"), p.get("long"))
    address = (p.get("address_string") or "").strip()[:500]
    address_id = (p.get("address_id") or "").strip()[:100]
    if point is None and not address and not address_id:
        raise ParamError(400, _("A location is required: lat and long, address_string or address_id."))
    description = (p.get("description") or "").strip()
    if not description:
        raise ParamError(400, _("description is required."))
    if len(description) > 4000:
        raise ParamError(400, _("description is longer than 4,000 characters."))
    email = (p.get("email") or "").strip()[:254]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ParamError(400, _("email is not a valid e-mail address.")) from None
    attributes = {k[len("attribute["):-1]: v for k, v in p.items() if k.startswith("attribute[") and k.endswith("]")}
    try:
        complaint = data.submit(
            key=key, jurisdiction=jurisdiction, category=category, description=description, point=point,
            address=address, address_id=address_id, attributes=attributes,
            contact={
                "email": email, "first_name": (p.get("first_name") or "").strip()[:150],
                "last_name": (p.get("last_name") or "").strip()[:150], "phone": (p.get("phone") or "").strip()[:40],
            },
            device_id=(p.get("device_id") or "").strip()[:100], account_id=(p.get("account_id") or "").strip()[:100],
            media_url=(p.get("media_url") or "").strip()[:500],
        )
    except ValidationError as exc:
        raise ParamError(400, " ".join(exc.messages)) from None
    _touch(key)
    return respond(fmt, "service_requests", "request", [data.post_response_row(complaint)])


@csrf_exempt
@login_not_required
def not_found(request, path: str = ""):
    """Any other path under /open311/v2/: 404 in the standard's error format (XML when asked for)."""
    fmt = "xml" if path.endswith(".xml") else "json"
    return errors(fmt, 404, (404, _("Unknown method. See discovery.json for what this endpoint offers.")))
