"""Parsing and checking GeoReport v2 request parameters (no database access here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

# Thailand's extent (mainland and islands), with a small margin: 5.6°N–20.5°N, 97.3°E–105.7°E.
THAILAND_LAT = (5.5, 20.5)
THAILAND_LONG = (97.3, 105.7)
MAX_RESULTS = 1000
DEFAULT_WINDOW = dt.timedelta(days=90)
DESCRIPTION_MAX = 4000


class ParamError(Exception):
    """A request the client must fix: rendered in the GeoReport error format with ``status``."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def comma_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def parse_when(value: str | None, name: str, *, end: bool = False) -> dt.datetime | None:
    """ISO 8601 date-time (with offset or Z) or a plain date (start or end of that day, local time)."""
    if not value:
        return None
    value = value.strip().replace(" ", "+", 1) if "T" in value and " " in value else value.strip()
    when = None
    if "T" in value or ":" in value:
        try:
            when = parse_datetime(value)
        except ValueError:
            when = None
    else:  # a plain date: the whole day (datetime.fromisoformat would read it as midnight)
        try:
            day = parse_date(value)
        except ValueError:
            day = None
        if day is not None:
            when = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    if when is None:
        raise ParamError(400, _("%(name)s is not a valid ISO 8601 date or date-time.") % {"name": name})
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


def in_thailand(lat: float, long: float) -> bool:
    return THAILAND_LAT[0] <= lat <= THAILAND_LAT[1] and THAILAND_LONG[0] <= long <= THAILAND_LONG[1]


def parse_point(lat: str | None, long: str | None) -> tuple[float, float] | None:
    if not lat and not long:
        return None
    if not lat or not long:
        raise ParamError(400, _("Send both lat and long, or neither."))
    try:
        la, lo = float(lat), float(long)
    except ValueError:
        raise ParamError(400, _("lat and long must be decimal degrees (WGS84).")) from None
    if la != la or lo != lo:  # NaN
        raise ParamError(400, _("lat and long must be decimal degrees (WGS84)."))
    if not in_thailand(la, lo):
        raise ParamError(400, _("The location (lat, long) is outside Thailand."))
    return la, lo


@dataclass
class RequestQuery:
    ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: list[str] = field(default_factory=list)
    jurisdiction: str = ""


def parse_request_query(params) -> RequestQuery:
    """GET requests: service_request_id (comma list; when given, the other filters are ignored as the
    standard says), service_code (comma list), start_date, end_date, status (open, closed). Without
    dates: the last 90 days."""
    q = RequestQuery(jurisdiction=(params.get("jurisdiction_id") or "").strip())
    q.ids = comma_list(params.get("service_request_id"))
    if q.ids:
        if len(q.ids) > MAX_RESULTS:
            raise ParamError(400, _("At most %(n)s service_request_id values.") % {"n": MAX_RESULTS})
        return q
    q.service_codes = comma_list(params.get("service_code"))
    q.start = parse_when(params.get("start_date"), "start_date")
    q.end = parse_when(params.get("end_date"), "end_date", end=True)
    if q.start and q.end and q.end < q.start:
        raise ParamError(400, _("end_date is before start_date."))
    if q.start is None and q.end is None:
        q.start = timezone.now() - DEFAULT_WINDOW
    elif q.start is None:
        q.start = q.end - DEFAULT_WINDOW
    q.statuses = [s.lower() for s in comma_list(params.get("status"))]
    bad = [s for s in q.statuses if s not in ("open", "closed")]
    if bad:
        raise ParamError(400, _("status must be open or closed."))
    return q
