"""GeoReport v2 parameters: the standard filters, dates, and the Thailand bounds, hand-computed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone

from salaklang.complaints.open311.params import (
    DEFAULT_WINDOW,
    ParamError,
    comma_list,
    in_thailand,
    parse_point,
    parse_request_query,
    parse_when,
)


@pytest.mark.parametrize("lat, long, inside", [
    (8.4509, 98.5256, True),     # Phang Nga town
    (19.9105, 99.8406, True),    # Chiang Rai
    (13.7563, 100.5018, True),   # Bangkok
    (6.4264, 101.8236, True),    # Narathiwat (south)
    (20.4, 99.9, True),          # Mae Sai (north tip)
    (1.3521, 103.8198, False),   # Singapore
    (21.0278, 105.8342, False),  # Hanoi
    (48.8566, 2.3522, False),    # Paris
    (0.0, 0.0, False),
    (-8.45, -98.52, False),      # sign flipped
])
def test_thailand_bounds(lat, long, inside):
    assert in_thailand(lat, long) is inside


def test_parse_point():
    assert parse_point("8.45", "98.52") == (8.45, 98.52)
    assert parse_point("", "") is None
    for bad in (("8.45", ""), ("abc", "98"), ("nan", "nan"), ("48.85", "2.35")):
        with pytest.raises(ParamError) as exc:
            parse_point(*bad)
        assert exc.value.status == 400


def test_comma_list():
    assert comma_list(" a, b ,,c ") == ["a", "b", "c"]
    assert comma_list(None) == []


def test_parse_when_accepts_offsets_z_and_plain_dates():
    assert parse_when("2026-11-01T08:00:00Z", "start_date") == dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
    # a '+' that arrived unencoded in a query string becomes a space
    assert parse_when("2026-11-01T15:00:00 07:00", "start_date") == dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)
    start = parse_when("2026-11-01", "start_date")
    assert timezone.localtime(start).hour == 0 and timezone.localtime(start).day == 1
    end = parse_when("2026-11-01", "end_date", end=True)
    assert timezone.localtime(end).hour == 23
    with pytest.raises(ParamError):
        parse_when("yesterday", "start_date")


def test_request_query_defaults_to_the_last_90_days():
    q = parse_request_query(QueryDict(""))
    assert abs((timezone.now() - q.start) - DEFAULT_WINDOW) < dt.timedelta(seconds=5)
    assert q.end is None and q.statuses == [] and q.service_codes == []


def test_request_query_ids_override_other_filters():
    q = parse_request_query(QueryDict("service_request_id=A,B&status=bogus&start_date=bad"))
    assert q.ids == ["A", "B"] and q.start is None


def test_request_query_filters_and_errors():
    q = parse_request_query(QueryDict("service_code=ROAD,LIGHT&status=open,CLOSED&start_date=2026-01-01"
                                      "&end_date=2026-02-01&jurisdiction_id=PNA"))
    assert q.service_codes == ["ROAD", "LIGHT"] and q.statuses == ["open", "closed"] and q.jurisdiction == "PNA"
    assert q.start < q.end
    q = parse_request_query(QueryDict("end_date=2026-02-01"))
    assert q.end - q.start == DEFAULT_WINDOW
    for bad in ("status=pending", "start_date=2026-02-02&end_date=2026-02-01", "end_date=nope"):
        with pytest.raises(ParamError) as exc:
            parse_request_query(QueryDict(bad))
        assert exc.value.status == 400
