import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from salaklang.audit.models import AuditEntry
from salaklang.calls import services
from salaklang.calls.models import Call, Proposal, ReminderLog
from salaklang.notifications.models import Notification
from salaklang.organizations.models import Delegation, Organization


def draft(demo, call, org, user="pn.tourism", title="ระบบจองคิวออนไลน์"):
    return services.proposal_create(actor=demo[user], call=call, organization=org,
                                    data={"title": title, "category": "service", "background": "รอคิวนาน"})


def submit(demo, proposal, drafter="pn.tourism", head="pn.tourism.head"):
    services.proposal_send_for_approval(actor=demo[drafter], proposal=proposal)
    return services.proposal_approve(actor=demo[head], proposal=proposal)


def test_default_targets_are_all_agencies_of_the_province(make_call):
    call = make_call(publish=False)
    codes = set(call.targets.values_list("organization__code", flat=True))
    assert "PNA-TOUR" in codes and "PNA-HEALTH" in codes and "CRI-TOUR" not in codes
    assert all(c.startswith("PNA-") for c in codes) and "PNA-D-MUEANG" not in codes


def test_publish_numbers_the_circular_in_its_yearly_series_and_notifies(demo, make_call):
    first = make_call()
    second = make_call()
    year = timezone.localdate().year + 543
    assert (first.circular_year, first.circular_sequence) == (year, 1)
    assert second.circular_sequence == 2
    assert first.document_number == "พง ๐๐๑๗/ว ๑"
    assert second.document_number == "พง ๐๐๑๗/ว ๒"
    assert Notification.objects.filter(recipient=demo["pn.tourism"], kind="call.published").count() == 2
    assert Notification.objects.filter(recipient=demo["pn.tourism.head"], kind="call.published").exists()
    assert not Notification.objects.filter(recipient=demo["cr.strategy"]).exists()


def test_only_strategy_staff_of_the_province_issue(demo, pna):
    with pytest.raises(PermissionDenied):
        services.call_create(actor=demo["cr.strategy"], issuer=pna, data={})
    with pytest.raises(PermissionDenied):
        services.call_create(actor=demo["pn.tourism"], issuer=pna, data={})


def test_deadline_must_follow_opening(demo, pna):
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.call_create(actor=demo["pn.strategy"], issuer=pna, data={
            "title": "x", "fiscal_year": 2570, "opens_at": now, "deadline": now - dt.timedelta(days=1), "subject": "x",
            "body": "x", "signatory_name": "x", "signatory_position": "x"})
    assert not Call.objects.exists()


def test_draft_approve_submit_with_versions_and_audit(demo, make_call, tourism):
    call = make_call()
    p = draft(demo, call, tourism)
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    p = services.proposal_approve(actor=demo["pn.tourism.head"], proposal=p, comment="เห็นชอบ")
    assert p.status == "submitted" and p.slot == 1 and not p.is_late and p.version == 1
    verbs = list(AuditEntry.objects.filter(object_type="calls.proposal", object_id=str(p.pk)).order_by("at", "id")
                 .values_list("verb", flat=True))
    assert verbs == ["proposal_drafted", "proposal_sent_for_approval", "proposal_approved_and_submitted"]


def test_coordinator_cannot_approve_but_a_delegate_can(demo, make_call, tourism):
    call = make_call()
    p = draft(demo, call, tourism)
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    with pytest.raises(PermissionDenied):
        services.proposal_approve(actor=demo["pn.tourism"], proposal=p)
    Delegation.objects.create(delegator=demo["pn.tourism.head"], delegate=demo["pn.tourism"], organization=tourism,
                              scope="approve_submissions", start_date=timezone.localdate(),
                              end_date=timezone.localdate() + dt.timedelta(days=3))
    services.proposal_approve(actor=demo["pn.tourism"], proposal=p)
    entry = AuditEntry.objects.get(verb="proposal_approved_and_submitted")
    assert entry.actor == demo["pn.tourism"] and entry.on_behalf_of == demo["pn.tourism.head"]


def test_head_sends_back_and_issuer_returns_for_revision(demo, make_call, tourism):
    call = make_call()
    p = draft(demo, call, tourism)
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    with pytest.raises(ValidationError):
        services.proposal_send_back(actor=demo["pn.tourism.head"], proposal=p, comment="  ")
    p = services.proposal_send_back(actor=demo["pn.tourism.head"], proposal=p, comment="เพิ่มตัวชี้วัด")
    assert p.status == "draft"
    services.proposal_update(actor=demo["pn.tourism"], proposal=p, data={"objectives": "ลดเวลารอคิวลงครึ่งหนึ่ง"})
    p = submit(demo, p)
    with pytest.raises(PermissionDenied):
        services.proposal_return(actor=demo["cr.strategy"], proposal=p, comment="x")
    p = services.proposal_return(actor=demo["pn.strategy"], proposal=p, comment="โปรดแนบภาพก่อน/หลัง")
    assert p.status == "returned" and p.slot == 1  # keeps its place in the quota
    p = submit(demo, p)
    assert p.version == 3 and list(p.versions.values_list("number", flat=True)) == [1, 2, 3]
    assert p.versions.get(number=2).data["objectives"] == "ลดเวลารอคิวลงครึ่งหนึ่ง"
    assert p.versions.get(number=1).data["objectives"] == ""


def test_quota_is_enforced(demo, make_call, tourism):
    call = make_call()
    submit(demo, draft(demo, call, tourism, title="หนึ่ง"))
    second = draft(demo, call, tourism, title="สอง")
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=second)
    with pytest.raises(ValidationError):
        services.proposal_approve(actor=demo["pn.tourism.head"], proposal=second)
    second.refresh_from_db()
    assert second.status == "awaiting_approval" and second.slot is None


@pytest.mark.django_db(transaction=True)
def test_quota_holds_under_concurrent_approvals(demo, make_call, tourism):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers itself; the row-lock race is exercised on PostgreSQL")
    call = make_call()
    proposals = [draft(demo, call, tourism, title=f"ข้อเสนอ {i}") for i in range(4)]
    for p in proposals:
        services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    errors = []

    def approve(p):
        try:
            services.proposal_approve(actor=demo["pn.tourism.head"], proposal=p)
        except ValidationError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(p,)) for p in proposals]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Proposal.objects.filter(call=call, status="submitted").count() == 1
    assert len(errors) == 3


def test_late_policy(demo, make_call, tourism):
    refuse = make_call(late_policy="refuse")
    p = draft(demo, refuse, tourism)
    Call.objects.filter(pk=refuse.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1),
                                             opens_at=timezone.now() - dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    accept = make_call(late_policy="accept")
    q = draft(demo, accept, tourism)
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=q)
    Call.objects.filter(pk=accept.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1),
                                             opens_at=timezone.now() - dt.timedelta(days=2))
    q = services.proposal_approve(actor=demo["pn.tourism.head"], proposal=q)
    assert q.is_late


def test_other_agencies_cannot_draft_for_tourism(demo, make_call, tourism):
    with pytest.raises(PermissionDenied):
        draft(demo, make_call(), tourism, user="pn.health")


def test_reminders_are_sent_once_per_kind(demo, make_call, tourism):
    call = make_call()
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() + dt.timedelta(days=3))
    first = services.send_due_reminders()
    again = services.send_due_reminders()
    assert first > 0 and again == 0
    assert ReminderLog.objects.filter(call=call, kind="d3").count() == first
    submit(demo, draft(demo, call, tourism))
    assert services.call_remind(actor=demo["pn.strategy"], call=call) == first - 1


def test_forward_upward_to_the_national_call(demo, make_call, tourism):
    national = make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc", title="การคัดเลือกนวัตกรรมของจังหวัด")
    local = make_call()
    p = submit(demo, draft(demo, local, tourism))
    forwarded = services.proposal_forward(actor=demo["pn.strategy"], proposal=p)
    assert forwarded.call == national and forwarded.organization.code == "PNA"
    assert forwarded.forwarded_from == p and forwarded.status == "submitted"
    with pytest.raises(ValidationError):
        services.proposal_forward(actor=demo["pn.strategy"], proposal=p)


def test_publishing_needs_targets_and_a_future_deadline(demo, make_call):
    call = make_call(publish=False)
    call.targets.all().delete()
    with pytest.raises(ValidationError):
        services.call_publish(actor=demo["pn.strategy"], call=call)
    late = make_call(publish=False)
    Call.objects.filter(pk=late.pk).update(opens_at=timezone.now() - dt.timedelta(days=3),
                                           deadline=timezone.now() - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.call_publish(actor=demo["pn.strategy"], call=late)
    assert Call.objects.filter(status="draft").count() == 2


def test_a_submitted_proposal_cannot_be_edited_and_double_approval_is_refused(demo, make_call, tourism):
    p = submit(demo, draft(demo, make_call(), tourism))
    with pytest.raises(ValidationError):
        services.proposal_update(actor=demo["pn.tourism"], proposal=p, data={"title": "แก้หลังส่ง"})
    with pytest.raises(ValidationError):
        services.proposal_approve(actor=demo["pn.tourism.head"], proposal=p)
    with pytest.raises(ValidationError):
        services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    p.refresh_from_db()
    assert p.title == "ระบบจองคิวออนไลน์" and p.version == 1
