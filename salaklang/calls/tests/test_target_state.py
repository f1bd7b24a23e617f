"""Issue 16: each target's board state and number of proposals are stored (CallTarget.state, proposal_count) in the
transaction of every change of its proposals, so the board reads one row per target. The stored values must equal
the rule (queries.target_state) after every service."""

from salaklang.calls import queries, services
from salaklang.calls.models import CallTarget, Proposal
from salaklang.calls.tests.test_services import draft, submit
from salaklang.core import workflow
from salaklang.organizations.models import Organization


def _stored(target: CallTarget) -> tuple[str, int]:
    target.refresh_from_db()
    return target.state, target.proposal_count


def _rule(target: CallTarget) -> tuple[str, int]:
    proposals = list(Proposal.objects.filter(target=target))
    return queries.target_state(proposals), len(proposals)


def test_the_stored_state_follows_every_service(demo, make_call, tourism):
    call = make_call()
    target = CallTarget.objects.get(call=call, organization=tourism)
    other = CallTarget.objects.filter(call=call).exclude(pk=target.pk).first()
    assert _stored(target) == ("not_started", 0)
    p = draft(demo, call, tourism)
    assert _stored(target) == _rule(target) == ("draft", 1)
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    assert _stored(target) == _rule(target) == ("awaiting_approval", 1)
    services.proposal_send_back(actor=demo["pn.tourism.head"], proposal=p, comment="เพิ่มตัวชี้วัด")
    assert _stored(target) == _rule(target) == ("draft", 1)
    p = submit(demo, p)
    assert _stored(target) == _rule(target) == ("submitted_on_time", 1)
    second = draft(demo, call, tourism, title="ระบบแจ้งเตือน")  # a second draft does not hide the submitted one
    assert _stored(target) == _rule(target) == ("submitted_on_time", 2)
    services.proposal_return(actor=demo["pn.strategy"], proposal=p, comment="แก้ไขงบประมาณ")
    assert _stored(target) == _rule(target) == ("returned", 2)
    workflow.transition(second, Proposal.Status.WITHDRAWN, actor=demo["pn.tourism"], verb="proposal_edited")
    assert _stored(target) == _rule(target) == ("returned", 2)  # withdrawn proposals still count, not for the state
    assert _stored(other) == ("not_started", 0)  # only the changed target is touched


def test_a_forwarded_proposal_counts_on_the_national_board(demo, make_call, tourism):
    national = make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc", title="การคัดเลือกนวัตกรรมของจังหวัด")
    p = submit(demo, draft(demo, make_call(), tourism))
    forwarded = services.proposal_forward(actor=demo["pn.strategy"], proposal=p)
    target = CallTarget.objects.get(pk=forwarded.target_id, call=national)
    assert _stored(target) == _rule(target) == ("submitted_on_time", 1)
    rows, counts, _page = queries.board(national, state="submitted_on_time")
    assert [r["organization"].code for r in rows] == ["PNA"] and rows[0]["total"] == 1
    assert counts["submitted_on_time"] == 1


def test_refreshing_a_whole_call_after_a_bulk_load(demo, make_call, tourism):
    call = make_call()
    target = CallTarget.objects.get(call=call, organization=tourism)
    Proposal.objects.bulk_create([Proposal(call=call, target=target, organization=tourism, status=s, is_late=True,
                                           title=f"ข้อเสนอ {i}", category="service", created_by=demo["pn.strategy"])
                                  for i, s in enumerate(["draft", "submitted", "withdrawn"])])
    assert _stored(target) == ("not_started", 0)  # bulk_create bypasses the services …
    assert services.targets_refresh(call=call) == CallTarget.objects.filter(call=call).count()
    assert _stored(target) == _rule(target) == ("submitted_late", 3)  # … and one refresh brings the call in step
