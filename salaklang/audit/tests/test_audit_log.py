import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from salaklang.audit.models import AppendOnlyError, AuditEntry
from salaklang.audit.services import record
from salaklang.core.testing import count_queries
from salaklang.organizations.models import Organization


@pytest.fixture
def entries(demo):
    pn_tour = Organization.objects.get(code="PNA-TOUR")
    cr_tour = Organization.objects.get(code="CRI-TOUR")
    a = record(actor=demo["pn.strategy"], action="update", obj=pn_tour, verb="organization_updated",
               changes={"name_en": ["Old", "New"]})
    b = record(actor=demo["cr.tourism.analyst"], on_behalf_of=demo["cr.tourism.head"], action="update", obj=cr_tour,
               verb="opinion_given", changes={"x": [1, 2]})
    return a, b


def test_admin_filters_and_sees_on_behalf(entries, client_as):
    response = client_as("opdc").get(reverse("audit:log"), {"person": "cr.tourism.head"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "opinion_given" in html and "organization_updated" not in html
    assert "ปฏิบัติราชการแทน" in html or "on behalf of" in html


def test_provincial_admin_sees_only_own_province(entries, client_as):
    html = client_as("pn.strategy").get(reverse("audit:log")).content.decode()
    assert "organization_updated" in html and "opinion_given" not in html


@pytest.mark.parametrize("username", ["pn.tourism", "pn.governor", "citizen"])
def test_others_are_refused(entries, client_as, username):
    assert client_as(username).get(reverse("audit:log")).status_code == 403
    assert client_as(username).get(reverse("audit:export_csv")).status_code == 403


def test_filter_by_object_and_dates(entries, client_as):
    a, _ = entries
    c = client_as("opdc")
    html = c.get(reverse("audit:log"), {"object_type": "organizations.organization", "object_id": a.object_id}).content.decode()
    assert "organization_updated" in html and "opinion_given" not in html
    bad = c.get(reverse("audit:log"), {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert bad.status_code == 400


def test_csv_export_is_excel_friendly_and_audited(entries, client_as):
    response = client_as("opdc").get(reverse("audit:export_csv"), {"action": "update"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "at" and {r[4] for r in rows[1:]} == {"organization_updated", "opinion_given"}
    assert AuditEntry.objects.filter(verb="audit_exported").exists()


def test_append_only_at_model_and_queryset_level(entries):
    entry = entries[0]
    entry.verb = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(verb="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_append_only_at_database_level(entries):
    entry = entries[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET verb = 'tampered' WHERE id = %s", [entry.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).verb == "organization_updated"


def test_admin_site_is_read_only(entries, client_as):
    c = client_as("admin")
    entry = entries[0]
    assert c.get(f"/django-admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    assert c.get("/django-admin/audit/auditentry/add/").status_code == 403


def test_sign_in_is_audited(demo, client):
    client.post(reverse("accounts:login"), {"username": "pn.tourism", "password": "salaklang-demo"},
                REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.get(action="login")
    assert entry.actor == demo["pn.tourism"] and entry.ip_address == "10.1.2.3"


def test_log_queries_do_not_grow(entries, demo, client_as):
    c = client_as("opdc")
    with count_queries() as before:
        c.get(reverse("audit:log"))
    pn_tour = Organization.objects.get(code="PNA-TOUR")
    for i in range(30):
        record(actor=demo["pn.tourism"], on_behalf_of=demo["pn.tourism.head"], action="update", obj=pn_tour, verb=f"v{i}")
    with count_queries() as after:
        c.get(reverse("audit:log"))
    assert len(after.captured_queries) == len(before.captured_queries)
