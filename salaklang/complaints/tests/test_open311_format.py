"""GeoReport v2 output shapes, in both formats (XML parsed with the standard library)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET  # noqa: S405 — parsing our own output in tests

from django.utils import timezone

from salaklang.complaints.open311.format import errors, iso, respond, to_xml


def test_services_xml_root_and_items():
    rows = [{"service_code": "ROAD", "service_name": "ถนนชำรุด", "metadata": True, "type": "realtime",
             "keywords": "ถนน,หลุม", "group": "โครงสร้างพื้นฐาน", "description": None}]
    body = to_xml("services", "service", rows)
    assert body.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<services>')
    root = ET.fromstring(body)  # noqa: S314
    assert root.tag == "services"
    (service,) = root.findall("service")
    assert [c.tag for c in service] == ["service_code", "service_name", "metadata", "type", "keywords", "group",
                                        "description"]
    assert service.findtext("metadata") == "true" and service.findtext("service_name") == "ถนนชำรุด"
    assert service.findtext("description") == ""


def test_service_definition_nests_attributes_and_values():
    doc = {"service_code": "ROAD", "attributes": [
        {"variable": True, "code": "district", "datatype": "singlevaluelist", "required": False,
         "datatype_description": None, "order": 1, "description": "อำเภอ",
         "values": [{"key": "PNA-D-1", "name": "เมืองพังงา"}, {"key": "PNA-D-2", "name": "ตะกั่วป่า"}]}]}
    root = ET.fromstring(to_xml("service_definition", None, doc))  # noqa: S314
    assert root.tag == "service_definition" and root.findtext("service_code") == "ROAD"
    attribute = root.find("attributes/attribute")
    assert attribute.findtext("variable") == "true" and attribute.findtext("order") == "1"
    assert [v.findtext("key") for v in attribute.findall("values/value")] == ["PNA-D-1", "PNA-D-2"]


def test_errors_in_both_formats_with_the_http_status():
    response = errors("xml", 403, (403, "api_key is required"))
    assert response.status_code == 403 and response["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "errors"
    assert [(e.findtext("code"), e.findtext("description")) for e in root.findall("error")] == [
        ("403", "api_key is required")]
    response = errors("json", 400, (400, "a"), (400, "b"))
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == [{"code": 400, "description": "a"}, {"code": 400, "description": "b"}]


def test_json_is_a_list_and_keeps_thai_and_dates_with_offset():
    when = timezone.make_aware(dt.datetime(2026, 11, 23, 10, 15, 30))
    response = respond("json", "service_requests", "request", [{"service_request_id": "PNA-1", "requested_datetime":
                                                                when, "description": "ไฟดับ"}])
    assert "ไฟดับ".encode() in response.content  # UTF-8, not \\u escapes
    data = json.loads(response.content)
    assert data == [{"service_request_id": "PNA-1", "requested_datetime": "2026-11-23T10:15:30+07:00",
                     "description": "ไฟดับ"}]


def test_iso_uses_the_offset_and_handles_none():
    assert iso(None) is None
    assert iso(dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC)) == "2026-01-01T07:00:00+07:00"


def test_markup_in_values_is_escaped_in_xml():
    body = to_xml("service_requests", "request", [{"status_notes": "<script>x</script> & co"}])
    assert b"<script>" not in body
    assert ET.fromstring(body).findtext("request/status_notes") == "<script>x</script> & co"  # noqa: S314
