"""The reviewers' assignment workflow (registered with salaklang.core.workflow).

A reviewer submits their scores or declares a conflict of interest; the chair (the issuer's staff) reopens
submitted scores. An assignment excluded at assignment time (own organization) or withdrawn for a declared
conflict stays so."""

from __future__ import annotations

from salaklang.calls.access import can_manage_call
from salaklang.core import workflow
from salaklang.reviews.models import Assignment

S = Assignment.Status
TRANSITIONS = {
    S.ASSIGNED: {S.SUBMITTED, S.CONFLICT},
    S.SUBMITTED: {S.ASSIGNED, S.CONFLICT},
    S.EXCLUDED: set(),
    S.CONFLICT: set(),
}


def _allowed(assignment: Assignment, user, to: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if to == S.ASSIGNED:  # the chair reopens
        return can_manage_call(user, assignment.proposal.call)
    return assignment.reviewer_id == user.pk


def register() -> None:
    workflow.register(Assignment, transitions=TRANSITIONS, allowed=_allowed)
