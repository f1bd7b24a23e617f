"""GeoReport v2 output: the same rows as JSON (a list) or XML (a root element of repeated items).

The shapes follow wiki.open311.org/GeoReport_v2:

* XML: ``<?xml version="1.0" encoding="utf-8"?>`` then e.g. ``<services><service>…</service></services>``;
  nested lists (``attributes`` → ``attribute``, ``values`` → ``value``) repeat the singular tag.
* JSON: a list of objects (a single object for a service definition).
* Errors: ``<errors><error><code>403</code><description>…</description></error></errors>`` or
  ``[{"code": 403, "description": "…"}]`` with the same HTTP status.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET  # noqa: S405 — used to build XML, never to parse input

from django.http import HttpResponse
from django.utils import timezone

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# Tag of one item inside a list element whose plural name is the key.
SINGULAR = {"attributes": "attribute", "values": "value", "services": "service", "service_requests": "request"}


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 with the UTC offset, as the spec requires (e.g. 2026-11-23T10:15:30+07:00)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _xml_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return iso(value) or ""
    return str(value)


def _append(parent: ET.Element, tag: str, value: Any) -> None:
    el = ET.SubElement(parent, tag)
    if isinstance(value, Mapping):
        for k, v in value.items():
            _append(el, k, v)
    elif isinstance(value, list | tuple):
        child_tag = SINGULAR.get(tag, tag.rstrip("s") or "item")
        for item in value:
            _append(el, child_tag, item)
    else:
        el.text = _xml_text(value)


def to_xml(root: str, item_tag: str | None, rows: Iterable[Mapping[str, Any]] | Mapping[str, Any]) -> bytes:
    top = ET.Element(root)
    if item_tag is None:  # a single object, e.g. <service_definition>
        for k, v in rows.items():  # type: ignore[union-attr]
            _append(top, k, v)
    else:
        for row in rows:  # type: ignore[union-attr]
            item = ET.SubElement(top, item_tag)
            for k, v in row.items():
                _append(item, k, v)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8", xml_declaration=False)


def _json_default(value: Any):
    if isinstance(value, dt.datetime):
        return iso(value)
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)


def respond(fmt: str, root: str, item_tag: str | None, rows, *, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        body = to_xml(root, item_tag, rows)
    else:
        data = rows if item_tag is None else list(rows)
        body = json.dumps(data, ensure_ascii=False, default=_json_default).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"  # public, read-mostly API for third-party apps
    return response


def errors(fmt: str, status: int, *items: tuple[int, str]) -> HttpResponse:
    rows = [{"code": code, "description": str(description)} for code, description in items]
    return respond(fmt, "errors", "error", rows, status=status)
