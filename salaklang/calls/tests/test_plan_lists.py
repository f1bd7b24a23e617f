"""The lists proposals link to: national admins keep the National Strategy, strategy staff keep their own
province's development plan; nobody touches another province's list; entries are deactivated, not deleted."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from salaklang.audit.models import AuditEntry
from salaklang.calls import services
from salaklang.calls.forms import ProposalForm
from salaklang.calls.models import PlanLink
from salaklang.core.testing import count_queries
from salaklang.organizations.models import Organization


@pytest.fixture
def lists(demo):
    from salaklang.calls import demo as calls_demo

    calls_demo.seed()
    return {"PNA": Organization.objects.get(code="PNA"), "CRI": Organization.objects.get(code="CRI")}


@pytest.mark.parametrize(("username", "status"), [
    ("opdc", 200), ("pn.strategy", 200), ("cr.strategy", 200),
    ("pn.tourism", 403), ("pn.governor", 403), ("pn.reviewer", 403), ("citizen", 403),
])
def test_who_may_open_the_lists(lists, client_as, username, status):
    assert client_as(username).get(reverse("calls:plan_links")).status_code == status


def test_anonymous_is_sent_to_sign_in(lists, client):
    response = client.get(reverse("calls:plan_links"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_national_admin_adds_to_the_national_strategy(lists, client_as):
    response = client_as("opdc").post(reverse("calls:plan_links"), {
        "kind": "national_strategy", "code": "6.1", "title_th": "การพัฒนาระบบบริหารงานภาครัฐ", "is_active": "on"})
    assert response.status_code == 302
    link = PlanLink.objects.get(kind="national_strategy", code="6.1")
    assert link.province is None
    assert AuditEntry.objects.filter(verb="plan_link_saved", object_id=str(link.pk)).exists()


def test_strategy_staff_keep_their_province_plan_only(lists, demo, client_as):
    client = client_as("pn.strategy")
    response = client.post(reverse("calls:plan_links"), {
        "kind": "provincial_plan", "province": lists["PNA"].pk, "code": "PNA-4", "title_th": "พัฒนาโครงสร้างพื้นฐาน",
        "is_active": "on"})
    assert response.status_code == 302 and PlanLink.objects.filter(code="PNA-4", province=lists["PNA"]).exists()
    # not the National Strategy
    before = PlanLink.objects.count()
    response = client.post(reverse("calls:plan_links"), {"kind": "national_strategy", "code": "7", "title_th": "x"})
    assert response.status_code == 403 and PlanLink.objects.count() == before
    # not another province (the choice is not offered: a 400 that writes nothing)
    response = client.post(reverse("calls:plan_links"), {
        "kind": "provincial_plan", "province": lists["CRI"].pk, "code": "CRI-9", "title_th": "x"})
    assert response.status_code == 400 and PlanLink.objects.count() == before
    with pytest.raises(PermissionDenied):
        services.plan_link_save(actor=demo["pn.strategy"], data={
            "kind": "provincial_plan", "province": lists["CRI"], "code": "CRI-9", "title_th": "x"})


def test_another_province_entry_is_404_and_national_entry_is_403(lists, client_as):
    pna_entry = PlanLink.objects.filter(province=lists["PNA"]).first()
    national = PlanLink.objects.filter(kind="national_strategy").first()
    assert client_as("cr.strategy").get(reverse("calls:plan_link_edit", args=[pna_entry.pk])).status_code == 404
    assert client_as("pn.strategy").get(reverse("calls:plan_link_edit", args=[national.pk])).status_code == 403
    assert client_as("pn.strategy").get(reverse("calls:plan_link_edit", args=[pna_entry.pk])).status_code == 200


def test_duplicate_code_and_missing_province_are_clear_400s(lists, client_as):
    client = client_as("opdc")
    before = PlanLink.objects.count()
    response = client.post(reverse("calls:plan_links"), {"kind": "national_strategy", "code": "1", "title_th": "ซ้ำ"})
    assert response.status_code == 400 and "มีรายการที่ใช้รหัสนี้แล้ว" in response.content.decode()
    response = client.post(reverse("calls:plan_links"), {"kind": "provincial_plan", "code": "X-1", "title_th": "x"})
    assert response.status_code == 400 and PlanLink.objects.count() == before


def test_deactivated_entry_is_no_longer_offered_to_proposals(lists, client_as):
    entry = PlanLink.objects.get(province=lists["PNA"], code="PNA-2")
    response = client_as("pn.strategy").post(reverse("calls:plan_link_edit", args=[entry.pk]), {
        "kind": "provincial_plan", "province": lists["PNA"].pk, "code": "PNA-2", "title_th": entry.title_th})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.is_active is False
    offered = ProposalForm(province_id=lists["PNA"].pk).fields["provincial_plan"].queryset
    assert entry not in offered and offered.filter(code="PNA-1").exists()


def test_list_queries_do_not_grow(lists, client_as):
    client = client_as("opdc")
    client.get(reverse("calls:plan_links"))
    with count_queries() as few:
        client.get(reverse("calls:plan_links"))
    PlanLink.objects.bulk_create([PlanLink(kind="provincial_plan", province=lists["CRI"], code=f"CRI-{i}",
                                           title_th=f"แผน {i}") for i in range(40)])
    with count_queries() as many:
        response = client.get(reverse("calls:plan_links"))
    assert response.content.decode().count("CRI-3") >= 1
    assert len(many.captured_queries) == len(few.captured_queries)
