"""Every registered workflow, through the one engine (salaklang.core.workflow): from every status, each change the
table allows works (status saved, one audit row with the change), and each change it does not allow is refused
with a sentence naming the current status and writes nothing. A person without the right is refused too.

The worlds below are built from factories (no demo data); the test fails when a workflow is registered that it
cannot build, so a new workflow gets its transition test with it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from salaklang.audit.models import AuditEntry
from salaklang.core import workflow
from salaklang.core.testing import make_org, make_province, make_user
from salaklang.organizations.models import Organization, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    province = make_province(code="WFP", name_th="จังหวัดทดสอบขั้นตอน")
    agency = make_org(Organization.Kind.AGENCY, parent=province, code="WFP-A", name_th="สำนักงานทดสอบ")
    return {
        "province": province, "agency": agency,
        "strategy": make_user("wf.strategy", roles=[(province, Role.PROVINCIAL_ADMIN)]),
        "head": make_user("wf.head", roles=[(agency, Role.AGENCY_HEAD)]),
        "coordinator": make_user("wf.coord", roles=[(agency, Role.AGENCY_COORDINATOR)]),
        "reviewer": make_user("wf.reviewer", roles=[(province, Role.REVIEWER)]),
        "citizen": make_user("wf.citizen", kind="citizen"),
        "stranger": make_user("wf.stranger"),
    }


# --- one object per workflow, and who may make each change -------------------------------------------------------
def _call(world):
    from salaklang.calls.models import Call

    now = timezone.now()
    return Call.objects.create(issuer=world["province"], title="ประกาศทดสอบ", fiscal_year=2569, opens_at=now,
                               deadline=now + dt.timedelta(days=30), subject="เรื่องทดสอบ", body="ข้อความ",
                               signatory_name="ผู้ลงนาม", signatory_position="ตำแหน่ง", created_by=world["strategy"])


def build_call(world):
    return _call(world), lambda obj, to: world["strategy"]


def _proposal(world):
    from salaklang.calls.models import CallTarget, Proposal

    call = _call(world)
    target = CallTarget.objects.create(call=call, organization=world["agency"])
    return Proposal.objects.create(call=call, target=target, organization=world["agency"], title="นวัตกรรมทดสอบ",
                                   category="policy", created_by=world["coordinator"])


def build_proposal(world):
    from salaklang.calls.models import Proposal

    def actor(obj, to):
        if to in (Proposal.Status.AWAITING_APPROVAL, Proposal.Status.WITHDRAWN):
            return world["coordinator"]
        if obj.status == Proposal.Status.AWAITING_APPROVAL:
            return world["head"]
        return world["strategy"]

    return _proposal(world), actor


def build_assignment(world):
    from salaklang.reviews.models import Assignment

    assignment = Assignment.objects.create(proposal=_proposal(world), reviewer=world["reviewer"])
    return assignment, lambda obj, to: world["strategy"] if to == Assignment.Status.ASSIGNED else world["reviewer"]


def _plan(world):
    from salaklang.plans.models import Plan
    from salaklang.plans.tests.factories import last_fy, make_agenda

    agenda = make_agenda(world["province"], actor=world["strategy"])
    return Plan.objects.create(agenda=agenda, province=world["province"], title="แผนทดสอบ", fiscal_year_from=last_fy(),
                               fiscal_year_to=last_fy(), created_by=world["strategy"])


def build_plan(world):
    return _plan(world), lambda obj, to: world["strategy"]


def build_report(world):
    from salaklang.plans.models import Plan, ProgressReport

    plan = _plan(world)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ACTIVE)
    period = plan.periods[0]
    report = ProgressReport.objects.create(plan=plan, organization=world["agency"], period=period.key,
                                           due_on=period.end, created_by=world["coordinator"])
    return report, lambda obj, to: world["coordinator"] if to == ProgressReport.Status.SUBMITTED else world["strategy"]


def _consultation(world):
    from salaklang.participation.tests.conftest import make_consultation

    return make_consultation(province=world["province"], created_by=world["strategy"], questions=0)


def build_consultation(world):
    return _consultation(world), lambda obj, to: world["strategy"]


def build_comment(world):
    from salaklang.participation.models import Comment

    comment = Comment.objects.create(consultation=_consultation(world), author=world["citizen"], body="ความเห็น")
    return comment, lambda obj, to: world["strategy"]


def build_post(world):
    from salaklang.portal import services as portal
    from salaklang.portal.models import Post

    site = portal.site_ensure(province=world["province"])
    post = Post.objects.create(site=site, organization=world["province"], kind=Post.Kind.NEWS, title="ข่าวทดสอบ",
                               publish_at=timezone.now(), created_by=world["strategy"])
    return post, lambda obj, to: None  # the scheduled-publishing job acts as nobody


def build_evidence(world):
    from salaklang.openinfo.models import AssessmentYear, Evidence, Generator, Item

    year = AssessmentYear.objects.create(year=2569)
    item = Item.objects.create(year=year, code="O1", title_th="ข้อทดสอบ")
    evidence = Evidence.objects.create(organization=world["province"], item=item, kind=Evidence.Kind.GENERATED,
                                       generator=Generator.CONTACT, title="หลักฐาน", created_by=world["strategy"])
    return evidence, lambda obj, to: world["strategy"]


def build_agenda(world):
    from salaklang.agendas.models import Agenda

    agenda = Agenda.objects.create(province=world["province"], fiscal_year=2570, title="ประเด็นทดสอบ",
                                   proposed_by=world["agency"], created_by=world["strategy"])
    return agenda, lambda obj, to: world["strategy"]


def _meeting(world):
    from salaklang.agendas.models import Meeting
    from salaklang.organizations.models import Committee

    committee = Committee.objects.create(organization=world["province"], name_th="คณะทำงานทดสอบ")
    return Meeting.objects.create(committee=committee, province=world["province"], title="ประชุมทดสอบ",
                                  date=timezone.localdate(), start_time=dt.time(10), end_time=dt.time(12),
                                  venue="ห้องประชุม", checker=world["reviewer"], created_by=world["strategy"])


def build_meeting(world):
    return _meeting(world), lambda obj, to: world["strategy"]


def build_minutes(world):
    from salaklang.agendas.models import Meeting

    meeting = _meeting(world)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    return meeting, lambda obj, to: world["reviewer"] if to == Meeting.MinutesStatus.CHECKED else world["strategy"]


def _complaint(world):
    from salaklang.complaints.models import Category, Complaint

    category = Category.objects.create(code="wf-test", name_th="หมวดทดสอบ")
    now = timezone.now()
    today = timezone.localdate()
    # closed_at set: a resolved one is within its reopening period whenever the test puts it there
    return Complaint.objects.create(code="WF-0001", province=world["province"], category=category, subject="เรื่อง",
                                    description="รายละเอียด", agency=world["agency"], received_at=now,
                                    received_date=today, ack_due=today, resolve_due=today, closed_at=now)


def build_complaint(world):
    officer = make_user("wf.officer", roles=[(world["province"], Role.COMPLAINT_OFFICER)])
    return _complaint(world), lambda obj, to: officer


def build_data_request(world):
    from salaklang.complaints.models import DataRequest

    officer = make_user("wf.officer", roles=[(world["province"], Role.COMPLAINT_OFFICER)])
    req = DataRequest.objects.create(complaint=_complaint(world), province=world["province"],
                                     kind=DataRequest.Kind.ACCESS, due=timezone.localdate())
    return req, lambda obj, to: officer


BUILDERS = {
    "complaints.complaint": build_complaint, "complaints.datarequest": build_data_request,
    "agendas.agenda": build_agenda, "agendas.meeting": build_meeting, "agendas.meeting.minutes_status": build_minutes,
    "calls.call": build_call, "calls.proposal": build_proposal, "reviews.assignment": build_assignment,
    "plans.plan": build_plan, "plans.progressreport": build_report,
    "participation.consultation": build_consultation, "participation.comment": build_comment,
    "portal.post": build_post, "openinfo.evidence": build_evidence,
}


def _key(wf) -> str:
    label = wf.model._meta.label_lower
    return label if wf.field == "status" else f"{label}.{wf.field}"


def _statuses(wf) -> list[str]:
    return [str(v) for v, _label in wf.model._meta.get_field(wf.field).choices]


def test_every_registered_workflow_is_tested():
    assert {_key(wf) for wf in workflow.registered()} <= set(BUILDERS), "add a builder for the new workflow"
    assert len(workflow.registered()) >= len(BUILDERS)


@pytest.mark.parametrize("key", sorted(BUILDERS))
def test_each_change_the_table_allows_works_and_every_other_is_refused(key, world):
    wf = next(w for w in workflow.registered() if _key(w) == key)
    obj, actor_for = BUILDERS[key](world)
    manager = wf.model._default_manager
    allowed_pairs = refused_pairs = 0
    for source in _statuses(wf):
        for to in _statuses(wf):
            manager.filter(pk=obj.pk).update(**{wf.field: source})
            obj.refresh_from_db()
            entries = AuditEntry.objects.count()
            if workflow.can_transition_to(obj, to, field=wf.field):
                workflow.transition(obj, to, actor=actor_for(obj, to), verb="test transition", field=wf.field)
                assert getattr(manager.get(pk=obj.pk), wf.field) == to and getattr(obj, wf.field) == to
                assert AuditEntry.objects.count() == entries + 1
                entry = AuditEntry.objects.order_by("-pk").first()
                assert entry.action == AuditEntry.Action.TRANSITION and entry.verb == "test transition"
                assert entry.changes[wf.field] == [source, to]
                allowed_pairs += 1
            else:
                with pytest.raises(ValidationError) as refused:
                    workflow.transition(obj, to, actor=actor_for(obj, to), verb="test transition", field=wf.field)
                message = " ".join(refused.value.messages)
                label = str(dict(wf.model._meta.get_field(wf.field).choices)[source])
                assert message == workflow.refusal(obj, field=wf.field)
                assert wf.refused or label in message, message  # the generic sentence names the current status
                assert getattr(manager.get(pk=obj.pk), wf.field) == source and getattr(obj, wf.field) == source
                assert AuditEntry.objects.count() == entries
                refused_pairs += 1
    assert allowed_pairs == sum(len(t) for t in wf.transitions.values())
    assert refused_pairs > 0


@pytest.mark.parametrize("key", sorted(BUILDERS))
def test_a_person_without_the_right_is_refused_and_nothing_is_written(key, world):
    wf = next(w for w in workflow.registered() if _key(w) == key)
    if wf.allowed is None:
        pytest.skip("this workflow leaves the permission to its services")
    obj, actor_for = BUILDERS[key](world)
    source, targets = next((s, t) for s, t in wf.transitions.items() if t)
    to = sorted(targets)[0]
    wf.model._default_manager.filter(pk=obj.pk).update(**{wf.field: source})
    obj.refresh_from_db()
    entries = AuditEntry.objects.count()
    assert to not in workflow.available_transitions(obj, world["stranger"], field=wf.field)
    with pytest.raises(PermissionDenied):
        workflow.transition(obj, to, actor=world["stranger"], verb="test transition", field=wf.field)
    assert getattr(wf.model._default_manager.get(pk=obj.pk), wf.field) == source
    assert AuditEntry.objects.count() == entries
    actor = actor_for(obj, to)
    if actor is not None:
        assert to in workflow.available_transitions(obj, actor, field=wf.field)
