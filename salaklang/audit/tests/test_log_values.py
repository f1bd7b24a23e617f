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
