"""Issue 10, points 6 and 8: bad input never costs a server (a 4xx with a message, never a 5xx), and the rest of
the list — API throttling (wrong keys too), private caching, uploads checked against their declared kind,
negative budgets, open redirects, sliding-window rate limits, deadlines judged at arrival."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from salaklang.calls.tests.conftest import make_call, pna  # noqa: F401 — shared fixtures
from salaklang.complaints.models import Category, Complaint
from salaklang.complaints.tests.conftest import health, routes, tourism  # noqa: F401
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_open311_caches():
    from salaklang.complaints.open311 import data as open311_data
    from salaklang.complaints.open311 import views as open311

    open311_data.clear_cache()
    open311._keys.clear()
    yield
    open311_data.clear_cache()
    open311._keys.clear()


# --- 6. no 5xx from bad input ----------------------------------------------------------------------------------
def test_deeply_nested_json_is_a_400(client_as, demo):
    c = client_as("citizen")
    r = c.post("/api/v1/complaints/", "[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert r.status_code == 400
    assert "nest" in r.json()["detail"].lower() or "ซ้อน" in r.json()["detail"]


def test_nul_in_a_form_field_never_reaches_the_database(client, routes):  # noqa: F811
    r = client.post(reverse("complaints:new"), {
        "subject": "ไฟ\x00ดับ", "description": "ไฟถนน\x00ดับ\x01มาหนึ่งสัปดาห์",
        "category": Category.objects.get(code="tourism").pk, "province": Organization.objects.get(code="PNA").pk,
        "anonymous": "on"})
    assert r.status_code == 302, r.content.decode()[-3000:]
    c = Complaint.objects.get()
    assert c.subject == "ไฟดับ" and c.description == "ไฟถนนดับมาหนึ่งสัปดาห์"


def test_nul_in_an_open311_description_and_in_the_json_api(client, client_as, routes, demo):  # noqa: F811
    from salaklang.api.models import ApiKey

    _key, raw = ApiKey.issue(user=demo["opdc"], name="app")
    r = client.post("/open311/v2/requests.json", {
        "api_key": raw, "jurisdiction_id": "PNA", "service_code": "tourism",
        "description": "ห้องน้ำ\x00สกปรก", "email": "a@example.test", "address_string": "หาด\x00ท้ายเหมือง"})
    assert r.status_code in (200, 201), r.content
    assert Complaint.objects.get().description == "ห้องน้ำสกปรก"
    r = client_as("citizen").post("/api/v1/complaints/", {
        "province": "PNA", "category": "tourism", "subject": "ขยะ\x00", "description": "มีขยะ\x00มาก"},
        content_type="application/json")
    assert r.status_code == 201, r.content
    assert not any("\x00" in d + s for d, s in Complaint.objects.values_list("description", "subject"))


def test_a_control_character_in_the_address_is_a_400(client):
    assert client.get("/complaints/track/%00/").status_code in (400, 404)


def test_huge_numbers_are_refused_with_a_message(client_as, make_call, demo):  # noqa: F811
    call = make_call()
    r = client_as("pn.strategy").post(reverse("reviews:setup", args=[call.pk]), {
        "form": "rubric", "criteria": "ผลลัพธ์ | 100 | 10", "reviewers_per_proposal": str(10**20),
        "selections_allowed": "1", "threshold": "20"}, follow=True)
    assert r.status_code in (200, 400)
    assert "100" in r.content.decode()
    from salaklang.reviews.models import Rubric

    assert not Rubric.objects.filter(reviewers_per_proposal__gt=100).exists()


def test_an_uncaught_validation_error_is_a_400_not_a_500(rf):
    from salaklang.core.guard import InputGuardMiddleware

    request = rf.get("/api/v1/anything/")
    response = InputGuardMiddleware(lambda r: None).process_exception(request, ValidationError("ไม่ถูกต้อง"))
    assert response.status_code == 400


# --- 8. the rest of the list ------------------------------------------------------------------------------------
def test_api_reads_are_throttled(client_as, demo, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "5/minute", "user": "5/minute"})
    c = client_as("pn.strategy")
    codes = [c.get("/api/v1/organizations/").status_code for _i in range(8)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429


def test_wrong_api_keys_are_cut_off(client, demo, settings):
    settings.API_BAD_KEY_RATE = "5/m"
    codes = [client.get("/api/v1/calls/", HTTP_AUTHORIZATION=f"Api-Key wrong-{i}").status_code for i in range(8)]
    assert codes[0] in (401, 403) and codes[-1] == 429


def test_personal_pages_and_files_are_not_cached(client_as, demo):
    c = client_as("citizen")
    assert "no-store" in c.get(reverse("complaints:mine"))["Cache-Control"]
    s = client_as("pn.strategy")
    for url in ("/organizations/", "/calls/"):
        r = s.get(url)
        assert r.status_code == 200 and "private" in r["Cache-Control"] and "no-store" in r["Cache-Control"]


def test_a_zip_renamed_pdf_is_refused_as_a_call_attachment(client_as, make_call):  # noqa: F811
    import io
    import zipfile

    from salaklang.calls.models import CallAttachment

    call = make_call()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    c = client_as("pn.strategy")
    c.post(reverse("calls:attachment_add", args=[call.pk]), {
        "title": "หนังสือ", "file": SimpleUploadedFile("letter.pdf", buf.getvalue(), content_type="application/pdf")})
    assert not CallAttachment.objects.filter(call=call).exists()
    c.post(reverse("calls:attachment_add", args=[call.pk]), {
        "title": "แฟ้ม", "file": SimpleUploadedFile("files.zip", buf.getvalue(), content_type="application/zip")})
    assert CallAttachment.objects.filter(call=call).count() == 1


def test_a_negative_budget_is_refused(make_call, demo):  # noqa: F811
    from salaklang.calls import services

    call = make_call()
    with pytest.raises(ValidationError):
        services.proposal_create(actor=demo["pn.tourism"], call=call,
                                 organization=Organization.objects.get(code="PNA-TOUR"),
                                 data={"title": "ลดคิว", "category": "service", "budget": Decimal("-5000")})


@pytest.mark.parametrize("link", ["/\\evil.example", "//evil.example", "/\\/evil.example", "javascript:alert(1)"])
def test_consultation_links_that_leave_the_site_are_refused(link):
    from salaklang.participation.models import validate_link

    with pytest.raises(ValidationError):
        validate_link(link)
    validate_link("/participation/")


def test_a_burst_across_the_window_boundary_does_not_double_the_limit(monkeypatch):
    from salaklang.core import ratelimit

    allowed = 0
    for t in [59.0 + i * 0.05 for i in range(10)] + [60.5 + i * 0.05 for i in range(10)]:
        if not ratelimit.usage("burst", "203.0.113.9", "10/m", increment=True, now=1_000_020.0 + t)["should_limit"]:
            allowed += 1
    assert allowed <= 11  # a fixed window lets 20 through


def test_an_approval_that_arrived_before_the_deadline_counts_as_on_time(make_call, demo):  # noqa: F811
    from salaklang.calls import services
    from salaklang.core.middleware import _arrived

    call = make_call()
    p = services.proposal_create(actor=demo["pn.tourism"], call=call,
                                 organization=Organization.objects.get(code="PNA-TOUR"),
                                 data={"title": "ลดคิว", "category": "service"})
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    arrived = call.deadline - dt.timedelta(milliseconds=250)
    call.deadline = timezone.now() - dt.timedelta(milliseconds=1)  # processed just after the deadline
    call.late_policy = call.LatePolicy.REFUSE
    call.save(update_fields=["deadline", "late_policy"])
    token = _arrived.set(call.deadline - dt.timedelta(milliseconds=250))
    try:
        p = services.proposal_approve(actor=demo["pn.tourism.head"], proposal=p)
    finally:
        _arrived.reset(token)
    assert p.status == p.Status.SUBMITTED and not p.is_late
    del arrived
