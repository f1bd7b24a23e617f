"""Open311 GeoReport v2 endpoints against the specification (wiki.open311.org/GeoReport_v2), in both formats.

XML is parsed with ElementTree and its structure checked (root, repeated item element, child element names);
JSON shapes are checked as lists/objects with the spec's keys. Errors: ``<errors><error><code>`` /
``[{"code", "description"}]`` with the same HTTP status.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET  # noqa: S405 — parsing our own responses in tests

import pytest
from django.test import override_settings
from django.utils import timezone

from salaklang.api.models import ApiKey
from salaklang.complaints.models import Category, CategoryRoute, Complaint
from salaklang.complaints.open311 import data as open311_data
from salaklang.complaints.open311 import views as open311
from salaklang.complaints.services import handling, intake
from salaklang.core.testing import count_queries
from salaklang.organizations.models import Organization

BASE = "/open311/v2/"
REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"]
SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
PERSONAL = ["สมชาย", "ใจดี", "somchai@example.test", "0812345678", "ห้องน้ำสาธารณะที่หาดท้ายเหมืองสกปรกมาก",
            "8.451234", "98.523456", "ซอย 5 บ้านเลขที่ 12"]


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    open311_data.clear_cache()
    open311._keys.clear()
    open311._touched.clear()
    open311.post_quota.clear()
    open311.read_quota.clear()
    yield


@pytest.fixture
def pna(demo):
    pna = Organization.objects.get(code="PNA")
    tour = Organization.objects.get(code="PNA-TOUR")
    CategoryRoute.objects.get_or_create(province=pna, category=Category.objects.get(code="tourism"),
                                        defaults={"organization": tour})
    return pna


@pytest.fixture
def api_key(demo):
    _key, raw = ApiKey.issue(user=demo["opdc"], name="Traffy-like app")
    return raw


def xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)  # noqa: S314


def js(response):
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def assert_error(response, status: int, fmt: str) -> str:
    assert response.status_code == status
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "errors"
        errors = root.findall("error")
        assert errors and all([c.tag for c in e] == ["code", "description"] for e in errors)
        assert errors[0].findtext("code") == str(status)
        return errors[0].findtext("description")
    body = js(response)
    assert isinstance(body, list) and body and set(body[0]) == {"code", "description"}
    assert body[0]["code"] == status
    return body[0]["description"]


def post(client, data: dict, fmt: str = "json"):
    return client.post(f"{BASE}requests.{fmt}", data, HTTP_ACCEPT_LANGUAGE="en")


def valid(raw: str, **extra) -> dict:
    data = {"api_key": raw, "jurisdiction_id": "PNA", "service_code": "tourism", "lat": "8.451234",
            "long": "98.523456", "address_string": "ซอย 5 บ้านเลขที่ 12",
            "description": "ห้องน้ำสาธารณะที่หาดท้ายเหมืองสกปรกมาก", "first_name": "สมชาย", "last_name": "ใจดี",
            "email": "somchai@example.test", "phone": "0812345678"}
    data.update(extra)
    return data


# --- discovery and services ------------------------------------------------------------------
@pytest.mark.django_db
def test_discovery_in_both_formats(client):
    root = xml(client.get(f"{BASE}discovery.xml"))
    assert root.tag == "discovery"
    assert [c.tag for c in root] == ["changeset", "contact", "key_service", "endpoints"]
    (endpoint,) = root.findall("endpoints/endpoint")
    assert endpoint.findtext("specification") == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint.findtext("url") == "http://testserver/open311/v2/"
    assert [f.text for f in endpoint.findall("formats/format")] == ["application/json", "text/xml"]
    doc = js(client.get(f"{BASE}discovery.json"))
    assert isinstance(doc, dict) and doc["endpoints"][0]["formats"] == ["application/json", "text/xml"]


@pytest.mark.django_db
def test_services_list_in_both_formats(client):
    active = list(Category.objects.filter(is_active=True).order_by("position", "name_th"))
    Category.objects.filter(code="other").update(is_active=False)
    open311_data.clear_cache()
    root = xml(client.get(f"{BASE}services.xml"))
    assert root.tag == "services"
    services_ = root.findall("service")
    assert len(services_) == len(active) - 1 and len(services_) > 5
    for s in services_:
        assert [c.tag for c in s] == SERVICE_FIELDS
        assert s.findtext("metadata") == "true" and s.findtext("type") == "realtime"
    roads = next(s for s in services_ if s.findtext("service_code") == "roads")
    assert roads.findtext("service_name") == "ถนน ทางเท้า สะพานชำรุด"
    body = js(client.get(f"{BASE}services.json"))
    assert isinstance(body, list) and [list(s) for s in body] == [SERVICE_FIELDS] * len(services_)
    assert "other" not in {s["service_code"] for s in body}
    assert body[0]["metadata"] is True


@pytest.mark.django_db
def test_service_definition_in_both_formats(client, pna):
    root = xml(client.get(f"{BASE}services/roads.xml?jurisdiction_id=PNA"))
    assert root.tag == "service_definition" and root.findtext("service_code") == "roads"
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes] == ["subject", "district", "subdistrict", "share_point"]
    for a in attributes:
        assert [c.tag for c in a][:8] == ["variable", "code", "datatype", "required", "datatype_description",
                                          "order", "description"] + (["values"] if a.find("values") is not None
                                                                     else [])[:1]
        assert a.findtext("variable") == "true"
    district = attributes[1]
    assert district.findtext("datatype") == "singlevaluelist"
    keys = [v.findtext("key") for v in district.findall("values/value")]
    assert "PNA-D-TAKUAPA" in keys and all(k.startswith("PNA-") for k in keys)
    doc = js(client.get(f"{BASE}services/health.json"))
    assert set(doc) == {"service_code", "attributes"}
    consent = next(a for a in doc["attributes"] if a["code"] == "consent_sensitive")
    assert consent["required"] is True and consent["values"] == [{"key": "true", "name": consent["values"][0]["name"]}]
    assert next(a for a in doc["attributes"] if a["code"] == "district")["datatype"] == "string"  # no province


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_and_jurisdiction_are_404(client, pna, fmt):
    assert_error(client.get(f"{BASE}services/no-such.{fmt}"), 404, fmt)
    assert_error(client.get(f"{BASE}services.{fmt}?jurisdiction_id=XXX"), 404, fmt)
    assert_error(client.get(f"{BASE}requests/PNA-6912-AAAA-BBBB.{fmt}"), 404, fmt)
    assert_error(client.get(f"{BASE}nothing-here.{fmt}"), 404, fmt)
    assert_error(client.put(f"{BASE}services.{fmt}"), 405, fmt)


# --- POST requests ---------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_without_or_with_a_bad_key_is_403(client, pna, api_key, fmt):
    data = valid(api_key)
    del data["api_key"]
    assert "api_key" in assert_error(post(client, data, fmt), 403, fmt)
    assert_error(post(client, {**data, "api_key": "slk_not-a-key"}, fmt), 403, fmt)
    key = ApiKey.objects.get()
    key.revoked_at = timezone.now()
    key.save()
    assert_error(post(client, valid(api_key), fmt), 403, fmt)
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_errors_are_400_in_the_standard_format(client, pna, api_key, fmt):
    cases = [
        ({"service_code": "no-such-service"}, "no-such-service"),
        ({"service_code": ""}, "service_code"),
        ({"lat": "1.3521", "long": "103.8198"}, "outside Thailand"),   # Singapore
        ({"lat": "48.8566", "long": "2.3522"}, "outside Thailand"),    # Paris
        ({"lat": "8.45", "long": ""}, "lat"),
        ({"jurisdiction_id": ""}, "jurisdiction_id"),
        ({"description": "  "}, "description"),
        ({"description": "ก" * 4001}, "4,000"),
        ({"lat": "", "long": "", "address_string": ""}, "location"),
        ({"service_code": "health"}, "consent_sensitive"),
        ({"email": "not-an-address"}, "email"),
    ]
    for change, words in cases:
        description = assert_error(post(client, valid(api_key, **change), fmt), 400, fmt)
        assert words in description, (change, description)
    assert_error(post(client, valid(api_key, jurisdiction_id="XXX"), fmt), 404, fmt)
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_then_get_round_trip_without_personal_data(client, pna, api_key, fmt):
    response = post(client, valid(api_key, **{"attribute[district]": "PNA-D-THAIMUEANG",
                                              "attribute[subdistrict]": "ท้ายเหมือง"}), fmt)
    assert response.status_code == 200
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "service_requests"
        (item,) = root.findall("request")
        assert [c.tag for c in item] == ["service_request_id", "service_notice", "account_id"]
        code, notice = item.findtext("service_request_id"), item.findtext("service_notice")
        assert item.findtext("account_id") == ""
    else:
        (item,) = js(response)
        assert list(item) == ["service_request_id", "service_notice", "account_id"] and item["account_id"] is None
        code, notice = item["service_request_id"], item["service_notice"]
    assert "15" in notice
    c = Complaint.objects.get(code=code)
    # the write went through complaint_submit: routed, channel recorded, contact kept for the staff
    assert c.channel == Complaint.Channel.OPEN311 and c.status == Complaint.Status.ASSIGNED
    assert c.agency.code == "PNA-TOUR" and c.district.code == "PNA-D-THAIMUEANG"
    assert c.contact_name == "สมชาย ใจดี" and c.contact_email == "somchai@example.test" and not c.is_anonymous
    assert c.events.filter(kind="submitted").count() == 1 and c.share_point is False

    for url in (f"{BASE}requests/{code}.{fmt}", f"{BASE}requests.{fmt}", f"{BASE}requests.{fmt}?service_request_id={code}"):
        body = client.get(url)
        assert body.status_code == 200
        for text in PERSONAL:
            assert text.encode() not in body.content, (url, text)
        if fmt == "xml":
            root = xml(body)
            assert root.tag == "service_requests"
            (req,) = root.findall("request")
            assert [ch.tag for ch in req] == REQUEST_FIELDS
            row = {ch.tag: ch.text for ch in req}
            assert row["lat"] is None and row["long"] is None
        else:
            (row,) = js(body)
            assert list(row) == REQUEST_FIELDS and row["lat"] is None
        assert row["service_request_id"] == code and row["status"] == "open" and row["service_code"] == "tourism"
        assert row["agency_responsible"] == c.agency.name_th
        assert row["requested_datetime"].endswith("+07:00")
        assert dt.datetime.fromisoformat(row["expected_datetime"]).date() == c.resolve_due
        assert "ท้ายเหมือง" in row["address"] and "จังหวัดพังงา" in row["address"]


@pytest.mark.django_db
def test_a_shared_point_is_shown_rounded_and_the_key_header_works(client, pna, api_key):
    response = client.post(f"{BASE}requests.json", {**valid(api_key), "api_key": "", "attribute[share_point]": "true",
                                                     "attribute[subject]": "ห้องน้ำหาด"},
                           HTTP_AUTHORIZATION=f"Api-Key {api_key}")
    assert response.status_code == 200
    code = js(response)[0]["service_request_id"]
    (row,) = js(client.get(f"{BASE}requests/{code}.json"))
    assert (row["lat"], row["long"]) == (8.451, 98.523)
    assert row["description"].endswith(": ห้องน้ำหาด")
    assert ApiKey.objects.get().last_used_at is not None
    (again,) = js(client.get(f"{BASE}requests/{code.lower().replace('-', '')}.json"))  # read leniently
    assert again["service_request_id"] == code


@pytest.mark.django_db
def test_error_descriptions_are_thai_by_default(client, pna):
    response = client.post(f"{BASE}requests.xml", {"jurisdiction_id": "PNA", "service_code": "tourism"})
    description = assert_error(response, 403, "xml")
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in description)


@pytest.mark.django_db
def test_anonymous_post_and_sensitive_with_consent(client, pna, api_key):
    data = valid(api_key, service_code="health", **{"attribute[consent_sensitive]": "true"})
    for k in ("first_name", "last_name", "email", "phone"):
        del data[k]
    assert post(client, data).status_code == 200
    c = Complaint.objects.get()
    assert c.is_anonymous and c.contact_name == "" and c.consent_sensitive_at is not None
    assert c.status == Complaint.Status.RECEIVED  # no route for health: waits for the centre


# --- GET requests: the standard filters ------------------------------------------------------
def _file(pna, code: str, *, days_ago: int = 0, **kw):
    return intake.complaint_submit(province=pna, category=Category.objects.get(code=code), subject="เรื่องทดสอบ",
                                     description="รายละเอียดส่วนตัว", channel=Complaint.Channel.WEB,
                                     received_at=timezone.now() - dt.timedelta(days=days_ago), **kw)


@pytest.mark.django_db
def test_get_requests_filters(client, pna, demo):
    cri = Organization.objects.get(code="CRI")
    new_tourism = _file(pna, "tourism", days_ago=1)
    old_tourism = _file(pna, "tourism", days_ago=200)
    roads = _file(pna, "roads", days_ago=10)
    other_province = _file(cri, "roads", days_ago=2)
    handling.complaint_transition(complaint=new_tourism, actor=demo["pn.tourism"], status="resolved",
                                  reason="ทำความสะอาดแล้ว")

    def ids(query: str) -> list[str]:
        return [r["service_request_id"] for r in js(client.get(f"{BASE}requests.json?{query}"))]

    assert ids("") == [new_tourism.code, other_province.code, roads.code]  # last 90 days, newest first
    assert ids("jurisdiction_id=PNA") == [new_tourism.code, roads.code]
    assert ids("service_code=tourism") == [new_tourism.code]
    assert ids("service_code=tourism,roads&jurisdiction_id=PNA") == [new_tourism.code, roads.code]
    assert ids("status=closed") == [new_tourism.code]
    assert ids("status=open&jurisdiction_id=PNA") == [roads.code]
    assert ids("status=open,closed&jurisdiction_id=PNA") == [new_tourism.code, roads.code]
    start = (timezone.localdate() - dt.timedelta(days=300)).isoformat()
    end = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    assert ids(f"start_date={start}&end_date={end}") == [roads.code, old_tourism.code]
    # service_request_id wins over every other filter, as the spec says
    assert ids(f"service_request_id={old_tourism.code},{roads.code}&status=closed") == [old_tourism.code, roads.code]
    (closed,) = js(client.get(f"{BASE}requests/{new_tourism.code}.json"))
    assert closed["status"] == "closed" and "ทำความสะอาดแล้ว" in closed["status_notes"]
    assert closed["expected_datetime"] is None
    assert_error(client.get(f"{BASE}requests.xml?status=pending"), 400, "xml")
    assert_error(client.get(f"{BASE}requests.json?start_date=yesterday"), 400, "json")


@pytest.mark.django_db
def test_get_requests_query_count_does_not_grow_with_rows(client, pna):
    _file(pna, "tourism")
    client.get(f"{BASE}requests.json")  # reference data into the process cache
    with count_queries() as one:
        assert len(js(client.get(f"{BASE}requests.json"))) == 1
    for code in ("roads", "waste", "tourism", "lighting"):
        _file(pna, code)
    with count_queries() as many:
        assert len(js(client.get(f"{BASE}requests.xml".replace(".xml", ".json")))) == 5
    assert len(many.captured_queries) == len(one.captured_queries)


# --- rate limits ----------------------------------------------------------------------------
@pytest.mark.django_db
@override_settings(OPEN311_BAD_KEY_RATE="3/m")
def test_guessing_keys_is_cut_off_with_429(client, pna):
    statuses = [post(client, valid(f"slk_guess{i}")).status_code for i in range(5)]
    assert statuses == [403, 403, 403, 429, 429]
    assert_error(post(client, valid("slk_guess"), "xml"), 429, "xml")


@pytest.mark.django_db
@override_settings(OPEN311_KEY_RATE="2/m")
def test_a_key_has_a_quota(client, pna, api_key):
    statuses = [post(client, valid(api_key)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert Complaint.objects.count() == 2


@pytest.mark.django_db
@override_settings(OPEN311_READ_RATE="2/m")
def test_reads_are_rate_limited_per_address(client, pna):
    assert [client.get(f"{BASE}services.json").status_code for _ in range(3)] == [200, 200, 429]
