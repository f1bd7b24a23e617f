"""The audit log shows what changed as a person reads it (issue 11: no ISO dates; a field named "items" is a field)."""

import pytest
from django.utils import translation

from salaklang.audit.templatetags.audit import audit_value, change_pairs


def test_dates_in_changes_are_thai_or_english_never_iso():
    with translation.override("th"):
        shown = audit_value("2027-01-15T16:30:00+07:00")
        assert "ม.ค." in shown and "2027" not in shown and "16:30" in shown
        assert "2570" in audit_value("2027-01-15")
    with translation.override("en"):
        assert "2027" in audit_value("2027-01-15") and "-01-" not in audit_value("2027-01-15")
    assert audit_value(None) == "—" and audit_value(38) == 38 and audit_value("ข้อความ") == "ข้อความ"


@pytest.mark.django_db
def test_a_change_of_a_field_named_items_renders(client_as, demo):
    from salaklang.audit.models import AuditEntry
    from salaklang.audit.services import record
    from salaklang.organizations.models import Organization

    org = Organization.objects.get(code="PNA")
    record(actor=demo["pn.strategy"], action=AuditEntry.Action.UPDATE, obj=org, verb="organization_updated",
           changes={"items": ["ก", "ข"], "keys": [None, "2027-01-15"]}, organization=org)
    assert change_pairs({"items": [1, 2]}) == [("items", [1, 2])]
    response = client_as("pn.strategy").get("/audit/")
    assert response.status_code == 200
    assert "<strong>items</strong>" in response.content.decode()


@pytest.mark.django_db
def test_organization_ids_in_changes_are_shown_as_names_in_one_query(client_as, demo):
    """Issue 11 walk: the log showed ``agency: — → 38``; an organization's id is shown as its name, and the
    names of the whole page come from one query (the page's query count does not grow with its rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from salaklang.audit.models import AuditEntry
    from salaklang.audit.services import record
    from salaklang.organizations.models import Organization

    org = Organization.objects.get(code="PNA")
    tour = Organization.objects.get(code="PNA-TOUR")
    nation = Organization.objects.get(code="OPDC")
    client = client_as("pn.strategy")

    def add(n):
        for _ in range(n):
            record(actor=demo["pn.strategy"], action=AuditEntry.Action.UPDATE, obj=tour, verb="organization_updated",
                   changes={"parent": [nation.pk, org.pk], "province_id": [None, org.pk], "depth": [1, 2]},
                   organization=org)

    add(1)
    with CaptureQueriesContext(connection) as one:
        page = client.get("/audit/?object_type=organizations.organization")
    html = page.content.decode()
    assert f"<strong>parent</strong>: {nation.name_th} → {org.name_th}" in html
    assert f"<strong>province_id</strong>: — → {org.name_th}" in html
    assert "<strong>depth</strong>: 1 → 2" in html  # a number that is not an organization stays a number
    add(5)
    with CaptureQueriesContext(connection) as six:
        assert client.get("/audit/?object_type=organizations.organization").status_code == 200
    assert len(six) == len(one)
