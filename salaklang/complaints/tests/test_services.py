import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from salaklang.audit.models import AuditEntry
from salaklang.complaints import stats
from salaklang.complaints.deadlines import add_working_days, clear_cache, working_days_between
from salaklang.complaints.models import (
    Complaint,
    ComplaintDurationStat,
    ComplaintEvent,
    ComplaintStat,
    DataRequest,
    EscalationLog,
    Holiday,
)
from salaklang.complaints.services import handling, routing
from salaklang.complaints.services import privacy as privacy_services
from salaklang.complaints.tests.factories import make_complaint, make_routes
from salaklang.notifications.models import Notification
from salaklang.organizations.models import Organization
from salaklang.organizations.tests.factories import make_world

pytestmark = pytest.mark.django_db
S = Complaint.Status


def stat_snapshot(fine_only=True):
    rows = ComplaintStat.objects.exclude(n=0)
    if fine_only:
        rows = rows.filter(province_id__gt=0, category_id__gt=0)
    return sorted((s.month, s.province_id, s.category_id, s.agency_id, s.district_id, s.status, s.timeliness, s.n)
                  for s in rows)


def dur_snapshot():
    return sorted((s.month, s.province_id, s.category_id, s.agency_id, s.metric, s.bucket, s.n)
                  for s in ComplaintDurationStat.objects.exclude(n=0))


# --- working days ----------------------------------------------------------------------------
def test_working_days_skip_weekends_and_holidays():
    clear_cache()
    # Friday 10 April 2026 + 3 working days: Mon 13–Wed 15 are Songkran (seeded), so Thu 16, Fri 17, Mon 20.
    assert add_working_days(dt.date(2026, 4, 10), 3) == dt.date(2026, 4, 20)
    # Friday 2 Oct 2026 + 1 → Monday 5 Oct (weekend only).
    assert add_working_days(dt.date(2026, 10, 2), 1) == dt.date(2026, 10, 5)
    assert working_days_between(dt.date(2026, 4, 10), dt.date(2026, 4, 20)) == 3


def test_a_new_holiday_moves_the_deadline():
    clear_cache()
    start = dt.date(2026, 9, 7)  # Monday
    assert add_working_days(start, 1) == dt.date(2026, 9, 8)
    Holiday.objects.create(date=dt.date(2026, 9, 8), name_th="วันหยุดพิเศษ")
    assert add_working_days(start, 1) == dt.date(2026, 9, 9)


def test_fifteen_working_days_by_default(submit):
    c = submit()
    assert working_days_between(c.received_date, c.resolve_due) == 15


# --- transitions (stated with the factories: one province, its agencies, the default categories) ---------
@pytest.fixture
def world():
    world = make_world()
    make_routes(world, tourism=world["agency"])
    return world


def test_agency_moves_and_closes(world):
    c = make_complaint(world)
    agency = world["coordinator"]
    c = handling.complaint_transition(complaint=c, actor=agency, status=S.IN_PROGRESS)
    assert c.acknowledged_at is not None and c.first_response_hours == 0
    c = handling.complaint_transition(complaint=c, actor=agency, status=S.RESOLVED, note="เก็บขยะแล้ว")
    assert c.status == S.RESOLVED and c.closed_on_time is True and c.closed_at
    with pytest.raises(ValidationError):
        handling.complaint_transition(complaint=c, actor=agency, status=S.IN_PROGRESS)
    assert stat_snapshot() == [(c.received_date.replace(day=1), c.province_id, c.category_id, c.agency_id, 0,
                                "resolved", 1, 1)]
    assert AuditEntry.objects.filter(object_id=str(c.pk), verb="complaint_resolved").exists()


def test_not_resolved_and_rejected_need_a_reason(world):
    c = make_complaint(world)
    for status in (S.NOT_RESOLVED, S.REJECTED, S.FORWARDED):
        with pytest.raises(ValidationError):
            handling.complaint_transition(complaint=c, actor=world["coordinator"], status=status)
    c = handling.complaint_transition(complaint=c, actor=world["coordinator"], status=S.NOT_RESOLVED,
                                      reason="อยู่นอกอำนาจหน้าที่")
    assert c.outcome_reason == "อยู่นอกอำนาจหน้าที่"


def test_other_agency_cannot_handle(world):
    c = make_complaint(world)
    with pytest.raises(PermissionDenied):
        handling.complaint_transition(complaint=c, actor=world["other_coordinator"], status=S.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        routing.complaint_assign(complaint=c, actor=world["coordinator"], organization=world["other_agency"])


def test_centre_reassigns(submit, demo, health):
    c = submit(category="roads")
    c = routing.complaint_assign(complaint=c, actor=demo["pn.damrongdhama"], organization=health)
    assert c.status == S.ASSIGNED and c.agency == health
    c = routing.complaint_assign(complaint=c, actor=demo["pn.damrongdhama"],
                                  organization=Organization.objects.get(code="PNA-TOUR"))
    assert c.agency.code == "PNA-TOUR"
    assert [r[5] for r in stat_snapshot()] == ["assigned"]
    with pytest.raises(ValidationError):
        routing.complaint_assign(complaint=c, actor=demo["pn.damrongdhama"],
                                  organization=Organization.objects.get(code="CRI-TOUR"))


def test_split_makes_linked_children(submit, demo, health, tourism):
    c = submit(category="roads")
    children = routing.complaint_split(complaint=c, actor=demo["pn.damrongdhama"], organizations=[health, tourism])
    c.refresh_from_db()
    assert c.status == S.SPLIT and len(children) == 2
    assert {ch.agency_id for ch in children} == {health.pk, tourism.pk}
    assert all(ch.parent_id == c.pk and ch.code != c.code for ch in children)
    assert sum(r[-1] for r in stat_snapshot()) == 3
    with pytest.raises(ValidationError):
        routing.complaint_split(complaint=children[0], actor=demo["pn.damrongdhama"], organizations=[health])


def test_merge_keeps_both_codes(submit, demo):
    a, b = submit(), submit()
    routing.complaint_merge(complaint=b, actor=demo["pn.damrongdhama"], into=a)
    b.refresh_from_db()
    assert b.status == S.MERGED and b.merged_into_id == a.pk and b.code != a.code
    assert ComplaintEvent.objects.filter(complaint=a, related=b).exists()
    with pytest.raises(ValidationError):
        routing.complaint_merge(complaint=a, actor=demo["pn.damrongdhama"], into=a)
    with pytest.raises(PermissionDenied):
        routing.complaint_merge(complaint=a, actor=demo["pn.tourism"], into=b)


def test_extension_recorded(submit, demo):
    c = submit()
    new_due = c.resolve_due + dt.timedelta(days=10)
    with pytest.raises(ValidationError):
        handling.complaint_extend(complaint=c, actor=demo["pn.tourism"], new_due=new_due, reason="")
    ext = handling.complaint_extend(complaint=c, actor=demo["pn.tourism"], new_due=new_due, reason="รองบประมาณ")
    c.refresh_from_db()
    assert c.resolve_due == new_due and c.extension_count == 1 and ext.old_due < new_due


# --- rating and reopening ------------------------------------------------------------------------
def test_rating_once_and_only_when_closed(submit, demo):
    c = submit()
    with pytest.raises(ValidationError):
        handling.complaint_rate(complaint=c, rating=5)
    handling.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=S.RESOLVED)
    with pytest.raises(ValidationError):
        handling.complaint_rate(complaint=c, rating=9)
    handling.complaint_rate(complaint=c, rating=4, comment="รวดเร็ว")
    with pytest.raises(ValidationError):
        handling.complaint_rate(complaint=c, rating=5)
    c.refresh_from_db()
    assert c.rating == 4


@override_settings(COMPLAINTS_REOPEN_DAYS=7)
def test_reopen_window_and_count(submit, demo):
    c = submit()
    handling.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=S.RESOLVED)
    c = handling.complaint_reopen(complaint=c, reason="ยังมีขยะอยู่")
    assert c.status == S.ASSIGNED and c.reopen_count == 1 and c.closed_at is None
    handling.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=S.RESOLVED)
    Complaint.objects.filter(pk=c.pk).update(closed_at=timezone.now() - dt.timedelta(days=8))
    with pytest.raises(ValidationError):
        handling.complaint_reopen(complaint=c, reason="อีกครั้ง")
    assert sum(r[-1] for r in stat_snapshot()) == 1


# --- escalation ------------------------------------------------------------------------------------
def test_escalation_once_to_head_and_centre(submit, demo, django_capture_on_commit_callbacks):
    c = submit()
    Complaint.objects.filter(pk=c.pk).update(ack_due=dt.date(2026, 1, 5), resolve_due=dt.date(2026, 1, 20))
    today = dt.date(2026, 2, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert handling.escalate_overdue(today=today) == 2  # acknowledge and resolve
        assert handling.escalate_overdue(today=today) == 0
    assert EscalationLog.objects.filter(complaint=c).count() == 2
    recipients = set(Notification.objects.filter(title__contains=c.code).values_list("recipient__username", flat=True))
    assert {"pn.tourism.head", "pn.damrongdhama"} <= recipients
    assert "pn.tourism" not in recipients  # the coordinator is not the one escalated to
    # an extension gives a new deadline: missing it escalates once more
    c.refresh_from_db()
    handling.complaint_extend(complaint=c, actor=demo["pn.tourism"], new_due=dt.date(2026, 1, 27), reason="รออะไหล่")
    assert handling.escalate_overdue(today=today) == 1
    assert handling.escalate_overdue(today=today) == 0


# --- privacy ----------------------------------------------------------------------------------------
@override_settings(COMPLAINTS_RETENTION_DAYS=365)
def test_retention_anonymises_but_keeps_statistics(submit, demo):
    c = submit(contact_name="สมหญิง ใจดี", contact_phone="0812345678", latitude="8.45", longitude="98.52")
    handling.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=S.RESOLVED)
    before_stats, before_dur = stat_snapshot(), dur_snapshot()
    assert privacy_services.anonymise_expired(now=timezone.now() + dt.timedelta(days=100)) == 0
    assert privacy_services.anonymise_expired(now=timezone.now() + dt.timedelta(days=400)) == 1
    c.refresh_from_db()
    assert c.contact_name == "" and c.contact_email == "" and c.contact_phone == "" and c.latitude is None
    assert c.anonymised_at is not None and c.category.code == "tourism"
    assert stat_snapshot() == before_stats and dur_snapshot() == before_dur
    assert privacy_services.anonymise_expired(now=timezone.now() + dt.timedelta(days=400)) == 0


def test_deletion_request_handled(submit, demo):
    c = submit()
    req = privacy_services.data_request_create(complaint=c, kind=DataRequest.Kind.DELETION, email="citizen@example.test")
    assert req.due == timezone.localdate() + dt.timedelta(days=30)
    with pytest.raises(PermissionDenied):
        privacy_services.data_request_handle(data_request=req, actor=demo["pn.tourism"], status="handled", response="")
    with pytest.raises(ValidationError):
        privacy_services.data_request_handle(data_request=req, actor=demo["pn.damrongdhama"], status="refused", response="")
    privacy_services.data_request_handle(data_request=req, actor=demo["pn.damrongdhama"], status="handled", response="ลบแล้ว")
    c.refresh_from_db()
    assert c.anonymised_at is not None and c.contact_email == ""
    assert AuditEntry.objects.filter(verb="data_request_handled").exists()


# --- rollup ----------------------------------------------------------------------------------------
def test_rebuild_matches_incremental(submit, demo, health):
    a, b, c = submit(), submit(category="roads"), submit()
    handling.complaint_transition(complaint=a, actor=demo["pn.tourism"], status=S.RESOLVED)
    routing.complaint_assign(complaint=b, actor=demo["pn.damrongdhama"], organization=health)
    routing.complaint_merge(complaint=c, actor=demo["pn.damrongdhama"], into=a)
    incremental, durations = stat_snapshot(fine_only=False), dur_snapshot()
    assert {r[1] for r in incremental} == {0, a.province_id}  # national rows and the province's
    stats.rebuild()
    assert stat_snapshot(fine_only=False) == incremental and dur_snapshot() == durations
    stats.rebuild(a.province_id)
    assert stat_snapshot(fine_only=False) == incremental and dur_snapshot() == durations


# --- notifications ----------------------------------------------------------------------------------
def test_receipt_and_notifications_after_commit(submit, demo, mailoutbox, django_capture_on_commit_callbacks):
    citizen = demo["pn.editor"]  # any account stands for a signed-in citizen here
    with django_capture_on_commit_callbacks(execute=True):
        c = submit(user=citizen, contact_email="somchai@example.test")
    receipts = [m for m in mailoutbox if m.to == ["somchai@example.test"]]
    assert len(receipts) == 1 and c.code in receipts[0].body and c.code in receipts[0].subject
    assert {"pn.tourism@demo.salaklang.local", "pn.tourism.head@demo.salaklang.local"} <= {
        m.to[0] for m in mailoutbox}
    assert Notification.objects.filter(recipient=citizen, title__contains=c.code).exists()
    staff = set(Notification.objects.filter(title__contains=c.code).values_list("recipient__username", flat=True))
    assert {"pn.tourism", "pn.tourism.head"} <= staff
    with django_capture_on_commit_callbacks(execute=True):
        handling.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=S.RESOLVED, note="เรียบร้อย")
    news = [m for m in mailoutbox if m.to == ["somchai@example.test"]]
    assert len(news) == 2 and "เรียบร้อย" in news[1].body


def test_anonymous_complaint_mails_only_staff(submit, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(anonymous=True)
    assert mailoutbox and all(m.to[0].endswith("@demo.salaklang.local") for m in mailoutbox)


def test_a_delegate_acts_for_the_agency_head(submit, demo, tourism):
    from salaklang.core.testing import make_org, make_user
    from salaklang.organizations.models import Delegation, Role

    deputy_unit = make_org(Organization.Kind.UNIT, parent=tourism)
    deputy = make_user("pn.tourism.deputy", roles=[(deputy_unit, Role.AGENCY_COORDINATOR)])
    c = submit()
    with pytest.raises(PermissionDenied):
        handling.complaint_transition(complaint=c, actor=deputy, status=S.IN_PROGRESS)
    today = timezone.localdate()
    Delegation.objects.create(delegator=demo["pn.tourism.head"], delegate=deputy, organization=tourism,
                              scope=Delegation.Scope.ALL, start_date=today, end_date=today + dt.timedelta(days=3))
    deputy = type(deputy).objects.get(pk=deputy.pk)  # a new request: roles and delegations reloaded
    handling.complaint_transition(complaint=c, actor=deputy, status=S.IN_PROGRESS)
    entry = AuditEntry.objects.get(verb="complaint_in_progress", object_id=str(c.pk))
    assert entry.actor == deputy and entry.on_behalf_of == demo["pn.tourism.head"]
    assert ComplaintEvent.objects.get(complaint=c, to_status=S.IN_PROGRESS).on_behalf_of == demo["pn.tourism.head"]


def test_centre_closes_an_unrouted_inquiry_itself(submit, demo):
    c = submit(category="other")
    assert c.status == S.RECEIVED
    c = handling.complaint_transition(complaint=c, actor=demo["pn.damrongdhama"], status=S.RESOLVED,
                                      note="ให้คำแนะนำทางโทรศัพท์แล้ว")
    assert c.status == S.RESOLVED and c.closed_on_time
    with pytest.raises(PermissionDenied):
        handling.complaint_transition(complaint=submit(category="other"), actor=demo["pn.tourism"],
                                      status=S.RESOLVED)


def test_routing_to_the_agency_that_has_it_is_refused_and_the_note_reaches_the_agency(
        submit, demo, health, mailoutbox, django_capture_on_commit_callbacks):
    """Issue 11 walk: sending a complaint again to the agency that has it wrote a second public event and
    e-mail; the routed e-mail did not carry the centre's note."""
    from django.utils import translation

    from salaklang.complaints.models import ComplaintEvent

    c = submit(category="roads")
    with django_capture_on_commit_callbacks(execute=True):
        c = routing.complaint_assign(complaint=c, actor=demo["pn.damrongdhama"], organization=health,
                                      note="โปรดติดต่อผู้ร้องที่หมายเลขในเรื่องภายในวันนี้")
    mails = [m for m in mailoutbox if "โปรดติดต่อผู้ร้องที่หมายเลขในเรื่องภายในวันนี้" in m.body]
    assert mails, [m.body for m in mailoutbox]
    events = ComplaintEvent.objects.filter(complaint=c).count()
    audits = AuditEntry.objects.filter(verb="complaint_assigned").count()
    sent = len(mailoutbox)
    for language, words in (("th", "แล้ว"), ("en", "already with")):
        with translation.override(language), django_capture_on_commit_callbacks(execute=True), \
                pytest.raises(ValidationError) as refused:
            routing.complaint_assign(complaint=c, actor=demo["pn.damrongdhama"], organization=health, note="ซ้ำ")
        assert words in " ".join(refused.value.messages) and health.name_th[:6] in " ".join(refused.value.messages) \
            or words in " ".join(refused.value.messages)
    assert ComplaintEvent.objects.filter(complaint=c).count() == events
    assert AuditEntry.objects.filter(verb="complaint_assigned").count() == audits and len(mailoutbox) == sent
