"""REST API /api/v1/complaints/: intake with an API key or a session, public status, staff-scoped list."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from salaklang.api.models import ApiKey
from salaklang.complaints.models import Category, CategoryRoute, Complaint
from salaklang.complaints.services import handling
from salaklang.complaints.services import intake as intake_services
from salaklang.core.testing import count_queries
from salaklang.organizations.models import Organization

URL = "/api/v1/complaints/"
PERSONAL = ["สมหญิง", "somying@example.test", "0899999999", "รายละเอียดที่มีข้อมูลส่วนตัว", "บ้านเลขที่ 99"]


@pytest.fixture
def pna(demo):
    pna = Organization.objects.get(code="PNA")
    CategoryRoute.objects.get_or_create(province=pna, category=Category.objects.get(code="tourism"),
                                        defaults={"organization": Organization.objects.get(code="PNA-TOUR")})
    return pna


@pytest.fixture
def keyed(demo):
    _key, raw = ApiKey.issue(user=demo["opdc"], name="1111 system")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def body(**extra) -> dict:
    data = {"province": "PNA", "category": "tourism", "subject": "ห้องน้ำชายหาดสกปรก",
            "description": "รายละเอียดที่มีข้อมูลส่วนตัว", "district": "PNA-D-TAKUAPA", "address": "บ้านเลขที่ 99",
            "latitude": "8.865000", "longitude": "98.270000", "contact_name": "สมหญิง",
            "contact_email": "somying@example.test", "contact_phone": "0899999999"}
    data.update(extra)
    return data


def _file(pna, category="tourism", **kw):
    return intake_services.complaint_submit(province=pna, category=Category.objects.get(code=category), subject="เรื่องทดสอบ",
                                     description="รายละเอียด", channel=Complaint.Channel.WEB, **kw)


@pytest.mark.django_db
def test_intake_with_an_api_key_goes_through_complaint_submit(keyed, pna):
    response = keyed.post(URL, body(), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"tracking_code", "status", "received_at", "acknowledge_by", "resolve_by", "url",
                         "private_url"}
    c = Complaint.objects.get(code=data["tracking_code"])
    assert c.channel == Complaint.Channel.API and c.status == "assigned" and c.agency.code == "PNA-TOUR"
    assert c.district.code == "PNA-D-TAKUAPA" and c.contact_email == "somying@example.test" and c.user is None
    assert c.events.filter(kind="submitted").count() == 1
    assert data["url"].endswith(f"/complaints/track/{c.code}/")


@pytest.mark.django_db
def test_intake_refuses_bad_input_and_missing_credentials(keyed, pna, demo):
    assert APIClient().post(URL, body(), format="json").status_code in (401, 403)
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Api-Key slk_wrong")
    assert bad.post(URL, body(), format="json").status_code in (401, 403)
    assert keyed.post(URL, body(latitude="1.35", longitude="103.82"), format="json").status_code == 400  # Singapore
    assert keyed.post(URL, body(category="no-such"), format="json").status_code == 400
    assert keyed.post(URL, body(district="CRI-D-MUEANG"), format="json").status_code == 400  # another province
    response = keyed.post(URL, body(category="health"), format="json")
    assert response.status_code == 400 and "consent_sensitive" in response.json()
    # a staff channel needs a centre officer of the province
    assert keyed.post(URL, body(channel="hotline_1567"), format="json").status_code == 403
    assert Complaint.objects.count() == 0


@pytest.mark.django_db
def test_a_signed_in_citizen_files_for_themself_and_an_officer_records_the_channel(pna, demo, client_as):
    from salaklang.accounts.models import User

    citizen = User.objects.create_user(username="citizen1", password="a-strong-test-password",
                                       kind=User.Kind.CITIZEN, email="c1@example.test")
    client = APIClient()
    client.force_authenticate(citizen)
    response = client.post(URL, body(anonymous=False), format="json")
    assert response.status_code == 201
    assert Complaint.objects.get(code=response.json()["tracking_code"]).user == citizen
    officer = APIClient()
    officer.force_authenticate(demo["pn.damrongdhama"])
    response = officer.post(URL, body(channel="hotline_1567", anonymous=True), format="json")
    assert response.status_code == 201
    c = Complaint.objects.get(code=response.json()["tracking_code"])
    assert c.channel == "hotline_1567" and c.entered_by == demo["pn.damrongdhama"] and c.contact_name == ""
    assert c.user is None  # the officer is not the complainant


@pytest.mark.django_db
def test_public_status_without_personal_data(keyed, pna, demo):
    code = keyed.post(URL, body(), format="json").json()["tracking_code"]
    anonymous = APIClient()
    response = anonymous.get(f"{URL}{code}/")
    assert response.status_code == 200
    data = response.json()
    assert data["tracking_code"] == code and data["status"] == "assigned" and data["point"] is None
    assert [e["kind"] for e in data["timeline"]] == ["submitted"]
    for text in [*PERSONAL, "8.865", "98.27"]:
        assert text not in response.content.decode()
    assert anonymous.get(f"{URL}{code.lower()}/").status_code == 200  # read leniently, as on the tracking page
    assert anonymous.get(f"{URL}PNA-6912-AAAA-BBBB/").status_code == 404
    assert anonymous.get(URL).status_code in (401, 403)  # the list is for staff


@pytest.mark.django_db
def test_staff_list_is_scoped_paginated_and_without_identity(pna, demo):
    cri = Organization.objects.get(code="CRI")
    mine = [_file(pna, contact_name="สมหญิง", contact_email="somying@example.test") for _ in range(3)]
    _file(pna, "roads")  # not routed: the centre's, not the tourism agency's
    _file(cri)

    def codes(username: str, query: str = "") -> set[str]:
        client = APIClient()
        client.force_authenticate(demo[username])
        response = client.get(URL + query)
        assert response.status_code == 200
        data = response.json()
        assert set(data) == {"count", "next", "previous", "results"}
        for text in PERSONAL:
            assert text not in response.content.decode()
        return {r["tracking_code"] for r in data["results"]}

    assert codes("pn.tourism") == {c.code for c in mine}
    assert len(codes("pn.damrongdhama")) == 4
    assert codes("cr.strategy") == set()  # no complaint role
    assert codes("pn.health") == set()
    handling.complaint_transition(complaint=mine[0], actor=demo["pn.tourism"], status="resolved", reason="แก้ไขแล้ว")
    assert codes("pn.tourism", "?status=resolved") == {mine[0].code}


@pytest.mark.django_db
def test_staff_list_query_count_does_not_grow(pna, demo):
    client = APIClient()
    client.force_authenticate(demo["pn.tourism"])
    _file(pna)
    client.get(URL)
    with count_queries() as one:
        assert client.get(URL).json()["count"] == 1
    for _ in range(6):
        _file(pna)
    with count_queries() as many:
        assert client.get(URL).json()["count"] == 7
    assert len(many.captured_queries) == len(one.captured_queries)


@pytest.mark.django_db
@override_settings(API_COMPLAINT_RATE="2/m")
def test_intake_is_rate_limited(keyed, pna):
    assert [keyed.post(URL, body(), format="json").status_code for _ in range(3)] == [201, 201, 429]
    assert Complaint.objects.count() == 2


@pytest.mark.django_db
@override_settings(API_COMPLAINT_STATUS_RATE="3/m")
def test_guessing_codes_is_rate_limited(pna):
    client = APIClient()
    statuses = [client.get(f"{URL}PNA-6912-AAAA-BBB{i}/").status_code for i in range(4)]
    assert statuses == [404, 404, 404, 429]


@pytest.mark.django_db
def test_the_endpoints_are_in_the_openapi_document(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]
    assert "/api/v1/complaints/" in paths and {"get", "post"} <= set(paths["/api/v1/complaints/"])
    assert "/api/v1/complaints/{code}/" in paths
