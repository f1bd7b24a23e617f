"""Factories for the review of a call: a closed call with submitted proposals, its rubric and reviewers."""

from __future__ import annotations

from salaklang.calls import services as calls
from salaklang.calls.models import Call
from salaklang.calls.tests.factories import make_call, make_proposal
from salaklang.reviews import services


def make_reviewed_call(world, *, titles=("ระบบจองคิวอุทยาน", "หมอทางไกล")) -> tuple[Call, list]:
    """A closed call of the world's province with one submitted proposal per title, from its two agencies in
    turn (each agency answers once: the call's quota)."""
    call = make_call(world)
    teams = [(world["agency"], world["coordinator"], world["head"]),
             (world["other_agency"], world["other_coordinator"], world["other_head"])]
    proposals = [make_proposal(world, call, agency=agency, drafter=drafter, head=head, submit=True, title=title)
                 for title, (agency, drafter, head) in zip(titles, teams, strict=False)]
    calls.call_close(actor=world["strategy"], call=call)
    return Call.objects.get(pk=call.pk), proposals


def assign_reviewers(world, call: Call, reviewers=None) -> dict[str, int]:
    """The default rubric and the world's reviewer (or ``reviewers``) on every proposal."""
    services.rubric_for(call=call, actor=world["strategy"])
    return services.reviewers_assign(call=call, actor=world["strategy"], reviewers=reviewers or [world["reviewer"]])
