"""Issue 10, point 6: a fuzz test over our own OpenAPI document (/api/v1/schema/) and the Open311 endpoints.

Every operation of the document gets hostile input drawn by Hypothesis from its own schema — path and query
parameters, JSON bodies with NUL and other control characters, very long and right-to-left text, numbers far out of
range, wrong types, deep nesting, junk bodies — as a superuser (who reaches the deepest code) and anonymously.
Whatever the input, the answer is never a 5xx. Bounded: ``FUZZ_EXAMPLES`` examples per operation (default 12; the
whole file runs in about a minute on the shared test machine), no example database, no deadline.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.throttling import SimpleRateThrottle

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much, HealthCheck.data_too_large])

HOSTILE = ["\x00", "a\x00b", "ก\x00ข", "\x01\x02\x1b[31m", "\u202eevil", "\ufeff", "'; DROP TABLE x; --", "%00",
           "../../etc/passwd", "<script>alert(1)</script>", "PNA", "PNA-6912-K7QF-9XMB", "1", "0", "-1",
           "99999999999999999999", "1e400", "NaN", "null", "", " ", "ก" * 5000, "x" * 70_000, "\ud7ff", "😀" * 50,
           "2026-02-30", "true"]
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                         st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=8))
huge_ints = st.sampled_from([10**20, -(10**20), 2**63, -(2**63) - 1, 2**31, 32768, -1, 0])
junk = st.recursive(st.none() | st.booleans() | st.integers() | hostile_text | huge_ints,
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
                    max_leaves=8)


def _schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


SCHEMA = _schema()
COMPONENTS = SCHEMA.get("components", {}).get("schemas", {})
OPERATIONS = [(method.upper(), path, op) for path, ops in sorted(SCHEMA["paths"].items())
              for method, op in sorted(ops.items()) if method in {"get", "post", "put", "patch", "delete"}]


def _resolve(schema: dict) -> dict:
    seen = 0
    while "$ref" in schema and seen < 20:
        schema = COMPONENTS.get(schema["$ref"].rsplit("/", 1)[-1], {})
        seen += 1
    return schema


def from_schema(schema: dict, depth: int = 0):
    """Values that mostly fit ``schema``'s shape but carry hostile contents, and sometimes do not fit at all."""
    schema = _resolve(schema or {})
    if depth > 4:
        return junk
    for key in ("allOf", "oneOf", "anyOf"):
        if schema.get(key):
            return st.one_of(*[from_schema(s, depth + 1) for s in schema[key]])
    kind = schema.get("type")
    if "enum" in schema:
        fitting = st.sampled_from([v for v in schema["enum"] if v is not None] or [""])
    elif kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        fitting = st.fixed_dictionaries(
            {}, optional={name: from_schema(sub, depth + 1) for name, sub in props.items()
                          if not sub.get("readOnly")})
    elif kind == "array":
        fitting = st.lists(from_schema(schema.get("items", {}), depth + 1), max_size=3)
    elif kind == "integer":
        fitting = st.one_of(st.integers(-5, 10_000), huge_ints)
    elif kind == "number":
        fitting = st.one_of(st.floats(allow_nan=False, allow_infinity=False), huge_ints,
                            st.sampled_from(["1e400", "-0.0000001", "12345678901234567890.123"]))
    elif kind == "boolean":
        fitting = st.one_of(st.booleans(), st.sampled_from(["yes", "0", 2]))
    else:
        fitting = hostile_text
    return st.one_of(fitting, fitting, fitting, junk)


def _path_value():
    return st.one_of(st.integers(-3, 50).map(str), st.sampled_from(["1", "0", "-1", str(10**20), "abc"]),
                     hostile_text.map(lambda t: quote(t, safe="")))


def _request_strategy(method: str, path: str, op: dict):
    params = op.get("parameters", [])
    path_params = {p["name"]: _path_value() for p in params if p.get("in") == "path"}
    query = {p["name"]: from_schema(p.get("schema", {})).map(
        lambda v: v if isinstance(v, str) else json.dumps(v)) for p in params if p.get("in") == "query"}
    for extra in ("object_type", "object_id", "action", "status", "page", "format", "q", "fy"):
        query.setdefault(extra, hostile_text)
    body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    body = from_schema(body_schema) if body_schema else junk
    raw = st.one_of(body.map(lambda b: json.dumps(b, ensure_ascii=False)),
                    st.sampled_from(["[" * 50_000 + "]" * 50_000, '{"a":' * 5_000 + "1" + "}" * 5_000, "{",
                                     "\x00", '{"subject": "\\u0000"}', "null", "[]", "\"" + "a" * 100_000 + "\""]))
    return st.fixed_dictionaries({
        "path": st.fixed_dictionaries(path_params),
        "query": st.fixed_dictionaries({}, optional=query),
        "body": raw if method in {"POST", "PUT", "PATCH"} else st.none(),
        "as_admin": st.booleans(),
    })


def _send(client, admin, method: str, path: str, drawn: dict):
    url = path
    for name, value in drawn["path"].items():
        url = url.replace("{" + name + "}", value or "x")
    url = re.sub(r"/{2,}", "/", url)
    if drawn["as_admin"]:
        client.force_login(admin, backend="salaklang.accounts.backends.UsernameOrEmailBackend")
    else:
        client.logout()
    query = dict(drawn["query"])
    if method == "GET":
        return client.get(url, query)
    return client.generic(method, url + "?" + "&".join(f"{quote(k)}={quote(str(v))}" for k, v in query.items()),
                          (drawn["body"] or "").encode("utf-8", "surrogatepass"), content_type="application/json")


@pytest.fixture
def fuzz_env(demo, monkeypatch, settings):
    from salaklang.complaints.defaults import load
    from salaklang.complaints.models import Category, Holiday
    from salaklang.complaints.open311 import data as open311_data
    from salaklang.complaints.open311 import views as open311

    open311_data.clear_cache()  # per-process caches hold ids of earlier tests' rows
    open311._keys.clear()
    load(Category, Holiday)
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})
    settings.API_COMPLAINT_RATE = settings.API_COMPLAINT_STATUS_RATE = "100000/m"
    settings.API_BAD_KEY_RATE = "100000/m"
    return demo


def test_the_schema_endpoint_lists_the_operations_fuzzed(client, demo):
    client.force_login(demo["admin"], backend="salaklang.accounts.backends.UsernameOrEmailBackend")
    served = client.get("/api/v1/schema/", {"format": "json"})
    assert served.status_code == 200
    paths = json.loads(served.content)["paths"]
    assert {(m.upper(), p) for p, ops in paths.items() for m in ops} >= {(m, p) for m, p, _op in OPERATIONS}
    assert len(OPERATIONS) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=[f"{m} {p}" for m, p, _o in OPERATIONS])
def test_no_api_operation_answers_5xx(client, fuzz_env, method, path, op):
    client.raise_request_exception = True  # an exception is a failure with its traceback, not a silent 500
    admin = fuzz_env["admin"]

    @FUZZ
    @given(drawn=_request_strategy(method, path, op))
    def run(drawn):
        response = _send(client, admin, method, path, drawn)
        assert response.status_code < 500, (method, path, drawn, response.content[:500])

    run()


# --- Open311 (not in the OpenAPI document: its own GeoReport v2 contract) ---------------------------------------
OPEN311_FIELDS = ["api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string", "address_id",
                  "email", "device_id", "account_id", "first_name", "last_name", "phone", "description", "media_url",
                  "attribute[consent]", "service_request_id", "status", "start_date", "end_date", "page", "per_page"]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_no_open311_operation_answers_5xx(client, fuzz_env, fmt):
    from salaklang.api.models import ApiKey

    _key, raw = ApiKey.issue(user=fuzz_env["opdc"], name="fuzz")
    paths = [reverse("open311:discovery", kwargs={"fmt": fmt}), reverse("open311:services", kwargs={"fmt": fmt}),
             reverse("open311:requests", kwargs={"fmt": fmt})]
    fields = st.fixed_dictionaries({}, optional=dict.fromkeys(OPEN311_FIELDS, hostile_text))

    @FUZZ
    @given(params=fields, code=hostile_text, use_key=st.booleans(), post=st.booleans())
    def run(params, code, use_key, post):
        if use_key:
            params = {**params, "api_key": raw, "jurisdiction_id": params.get("jurisdiction_id", "PNA")}
        safe = quote(code, safe="") or "x"
        for url in [*paths, f"/open311/v2/services/{safe}.{fmt}", f"/open311/v2/requests/{safe}.{fmt}"]:
            response = client.post(url, params) if post else client.get(url, params)
            assert response.status_code < 500, (url, params, response.content[:500])

    run()
