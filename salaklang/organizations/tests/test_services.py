import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from salaklang.audit.models import AuditEntry
from salaklang.organizations import services
from salaklang.organizations.models import Committee, Delegation, Membership, Organization, Role


@pytest.fixture
def pn(demo):
    return Organization.objects.get(code="PNA")


def test_create_agency_writes_audit_with_before_after(demo, pn):
    org = services.organization_create(actor=demo["pn.strategy"], data={
        "code": "PNA-NEW", "kind": "agency", "parent": pn, "name_th": "สำนักงานใหม่จังหวัดพังงา", "name_en": "New office"})
    assert org.province_id == pn.pk and org.depth == pn.depth + 1
    entry = AuditEntry.objects.get(object_type="organizations.organization", object_id=str(org.pk))
    assert entry.actor == demo["pn.strategy"] and entry.action == "create"
    assert entry.changes["code"] == [None, "PNA-NEW"]
    assert entry.organization == org


def test_duplicate_code_is_refused_case_insensitively(demo, pn):
    with pytest.raises(ValidationError) as exc:
        services.organization_create(actor=demo["pn.strategy"], data={
            "code": "pna-tour", "kind": "agency", "parent": pn, "name_th": "ซ้ำ"})
    assert "code" in exc.value.error_dict
    assert Organization.objects.filter(name_th="ซ้ำ").count() == 0


def test_cycle_in_the_tree_is_refused(demo):
    po = Organization.objects.get(code="PNA-PO")
    unit = Organization.objects.get(code="PNA-PO-STRAT")
    sub = services.organization_create(actor=demo["pn.strategy"], data={
        "code": "PNA-SUB", "kind": "unit", "parent": unit, "name_th": "หน่วยย่อย"})
    with pytest.raises(ValidationError):
        services.organization_update(actor=demo["pn.strategy"], organization=unit, data={"parent": sub})
    unit.refresh_from_db()
    assert unit.parent == po


def test_wrong_parent_kind_is_refused(demo):
    district = Organization.objects.get(code="PNA-D-MUEANG")
    with pytest.raises(ValidationError):
        services.organization_create(actor=demo["pn.strategy"], data={
            "code": "X-AG", "kind": "agency", "parent": district, "name_th": "ผิดที่"})


def test_provincial_admin_cannot_touch_provinces_or_other_provinces(demo, pn):
    cr = Organization.objects.get(code="CRI")
    with pytest.raises(PermissionDenied):
        services.organization_update(actor=demo["pn.strategy"], organization=pn, data={"name_th": "x"})
    with pytest.raises(PermissionDenied):
        services.organization_create(actor=demo["pn.strategy"], data={
            "code": "CRI-X", "kind": "agency", "parent": cr, "name_th": "x"})
    with pytest.raises(PermissionDenied):
        services.organization_create(actor=demo["pn.strategy"], data={
            "code": "NEWPROV", "kind": "province", "parent": Organization.objects.get(code="OPDC"), "name_th": "x"})


def test_moving_a_unit_refreshes_the_subtree(demo):
    opdc = demo["opdc"]
    unit = Organization.objects.get(code="PNA-PO-STRAT")
    child = services.organization_create(actor=opdc, data={"code": "U1", "kind": "unit", "parent": unit, "name_th": "u"})
    cri_po = Organization.objects.get(code="CRI-PO")
    services.organization_update(actor=opdc, organization=unit, data={"parent": cri_po})
    child.refresh_from_db()
    assert child.province.code == "CRI"


def test_person_create_sends_invitation_and_audits(demo, pn, django_capture_on_commit_callbacks):
    tour = Organization.objects.get(code="PNA-TOUR")
    with django_capture_on_commit_callbacks(execute=True):
        person = services.person_create(actor=demo["pn.strategy"], organization=tour, role=Role.AGENCY_COORDINATOR, data={
            "username": "pn.tourism2", "title": "นาย", "first_name": "สมปอง", "last_name": "ใจงาม",
            "email": "sompong@example.test", "position_title": "นักวิชาการ"}, base_url="http://testserver")
    assert not person.has_usable_password()
    assert Membership.objects.filter(user=person, organization=tour, role="agency_coordinator").exists()
    assert len(mail.outbox) == 1 and "sompong@example.test" in mail.outbox[0].to
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(object_type="accounts.user", object_id=str(person.pk), action="create").exists()


def test_person_email_must_be_unique_case_insensitive(demo):
    tour = Organization.objects.get(code="PNA-TOUR")
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=demo["pn.strategy"], organization=tour, role=Role.AGENCY_COORDINATOR, data={
            "username": "dup", "first_name": "ก", "last_name": "ข", "email": "PN.Tourism@demo.salaklang.local"})
    assert "email" in exc.value.error_dict


def test_committee_has_only_one_chair(demo):
    committee = Committee.objects.get(organization__code="PNA")
    with pytest.raises(ValidationError):
        services.committee_seat_add(actor=demo["pn.strategy"], committee=committee, position="chair",
                                    person=demo["pn.reviewer"])


def test_seat_for_an_agency_representative(demo):
    committee = Committee.objects.get(organization__code="PNA")
    seat = services.committee_seat_add(actor=demo["pn.strategy"], committee=committee, position="member",
                                       represented_organization=Organization.objects.get(code="PNA-HEALTH"))
    assert "สำนักงานสาธารณสุขจังหวัดพังงา" in seat.holder_label


def test_delegate_must_belong_to_the_delegating_organization(demo):
    with pytest.raises(ValidationError) as exc:
        services.delegation_create(actor=demo["pn.tourism.head"], delegator=demo["pn.tourism.head"],
                                   delegate=demo["pn.health"], organization=Organization.objects.get(code="PNA-TOUR"),
                                   scope="attend_meetings", start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 5))
    assert "delegate" in exc.value.error_dict


def test_delegation_end_before_start_is_refused(demo):
    with pytest.raises(ValidationError) as exc:
        services.delegation_create(actor=demo["pn.tourism.head"], delegator=demo["pn.tourism.head"],
                                   delegate=demo["pn.tourism"], organization=Organization.objects.get(code="PNA-TOUR"),
                                   scope="attend_meetings", start_date=dt.date(2026, 12, 5), end_date=dt.date(2026, 12, 1))
    assert "end_date" in exc.value.error_dict


def test_nobody_delegates_for_someone_else_without_authority(demo):
    with pytest.raises(PermissionDenied):
        services.delegation_create(actor=demo["pn.tourism"], delegator=demo["pn.tourism.head"],
                                   delegate=demo["pn.tourism"], organization=Organization.objects.get(code="PNA-TOUR"),
                                   scope="all", start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 5))


def test_delegation_recorded_and_revoked_with_on_behalf(demo):
    tour = Organization.objects.get(code="PNA-TOUR")
    d = services.delegation_create(actor=demo["pn.strategy"], delegator=demo["pn.tourism.head"], delegate=demo["pn.tourism"],
                                   organization=tour, scope="attend_meetings", start_date=dt.date(2026, 12, 1),
                                   end_date=dt.date(2026, 12, 5))
    entry = AuditEntry.objects.get(object_type="organizations.delegation", object_id=str(d.pk))
    assert entry.on_behalf_of == demo["pn.tourism.head"]
    services.delegation_revoke(actor=demo["pn.tourism.head"], delegation=d)
    d.refresh_from_db()
    assert d.revoked_at is not None
    with pytest.raises(ValidationError):
        services.delegation_revoke(actor=demo["pn.tourism.head"], delegation=d)


def test_acting_for_respects_scope_and_dates(demo):
    from salaklang.organizations.delegation import on_behalf_label
    from salaklang.organizations.roles import acting_for

    d = Delegation.objects.get(delegator__username="cr.tourism.head")
    day = d.start_date
    assert acting_for(demo["cr.tourism.analyst"], demo["cr.tourism.head"], "attend_meetings", day=day) == d
    assert acting_for(demo["cr.tourism.analyst"], demo["cr.tourism.head"], "approve_submissions", day=day) is None
    assert acting_for(demo["cr.tourism.analyst"], demo["cr.tourism.head"], "attend_meetings",
                      day=d.end_date + dt.timedelta(days=1)) is None
    label = on_behalf_label(demo["cr.tourism.analyst"], demo["cr.tourism.head"])
    assert "ดาวเรือง" in label and "อดิศร" in label


def test_form_errors_are_400_and_write_nothing(demo, client_as):
    pn = Organization.objects.get(code="PNA")
    response = client_as("pn.strategy").post(reverse("organizations:create"), {
        "code": "PNA-TOUR", "kind": "agency", "parent": pn.pk, "name_th": "x" * 300})
    assert response.status_code == 400
    assert Organization.objects.filter(code="PNA-TOUR").count() == 1


def test_delegation_list_shows_given_and_received(demo, client_as):
    html = client_as("cr.tourism.analyst").get(reverse("organizations:delegations")).content.decode()
    assert "ที่มอบหมายให้ฉัน" in html and "นายอดิศร ภูชี้ฟ้า" in html


def test_people_filter_by_organization_code(demo, client_as):
    c = client_as("pn.strategy")
    html = c.get(reverse("organizations:people"), {"organization": "pna-tour"}).content.decode()
    assert "พิมพ์ชนก" in html and "อรุณี" not in html
    response = c.get(reverse("organizations:people"), {"organization": "CRI-TOUR"})
    assert "ดาวเรือง" not in response.content.decode()
    assert response.context["form"].errors
