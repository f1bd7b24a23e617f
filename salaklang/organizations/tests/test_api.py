import pytest

from salaklang.audit.services import record
from salaklang.organizations.models import Organization


def test_organizations_api_is_scoped(demo, client_as):
    data = client_as("pn.strategy").get("/api/v1/organizations/?page_size=500").json()
    codes = {o["code"] for o in data["results"]}
    assert "PNA-TOUR" in codes and "CRI-TOUR" not in codes
    tour = next(o for o in data["results"] if o["code"] == "PNA-TOUR")
    assert tour["province_code"] == "PNA" and tour["document_prefix"] == "พง 0012"


def test_other_province_object_is_404(demo, client_as):
    cr = Organization.objects.get(code="CRI-TOUR")
    assert client_as("pn.strategy").get(f"/api/v1/organizations/{cr.pk}/").status_code == 404


def test_api_requires_authentication(demo, client):
    assert client.get("/api/v1/organizations/").status_code in (401, 403)


@pytest.mark.parametrize(("username", "status"), [("opdc", 200), ("pn.strategy", 200), ("pn.tourism", 403)])
def test_people_api_for_admins_only(demo, client_as, username, status):
    assert client_as(username).get("/api/v1/people/").status_code == status


def test_api_is_read_only(demo, client_as):
    assert client_as("opdc").post("/api/v1/organizations/", {"code": "X"}).status_code == 405


def test_audit_api(demo, client_as):
    record(actor=demo["pn.strategy"], action="update", obj=Organization.objects.get(code="PNA-TOUR"), verb="x")
    assert client_as("pn.strategy").get("/api/v1/audit/").json()["count"] >= 1
    assert client_as("pn.tourism").get("/api/v1/audit/").status_code == 403
    entry_id = client_as("opdc").get("/api/v1/audit/").json()["results"][0]["id"]
    assert client_as("opdc").delete(f"/api/v1/audit/{entry_id}/").status_code == 405


def test_openapi_document_lists_the_endpoints(db, client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/organizations/" in text and "/api/v1/audit/" in text
