"""The workflows of calls and proposals (tables on the models, registered with salaklang.core.workflow).

``allowed`` answers "may this person make this change" for the buttons of a page; the services check the same
rules themselves before they call ``workflow.transition``."""

from __future__ import annotations

from salaklang.calls import access
from salaklang.calls.models import Call, Proposal
from salaklang.core import workflow


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


def _call_allowed(call: Call, user, to: str) -> bool:
    return _signed_in(user) and access.can_manage_call(user, call)


def _proposal_allowed(proposal: Proposal, user, to: str) -> bool:
    if not _signed_in(user):
        return False
    S = Proposal.Status
    if to in (S.AWAITING_APPROVAL, S.WITHDRAWN):
        return access.can_draft_for(user, proposal.organization)
    if proposal.status == S.AWAITING_APPROVAL:  # → submitted (approve) or → draft (sent back by the head)
        return access.can_approve(user, proposal)
    if to == S.RETURNED:
        return access.can_manage_call(user, proposal.call)
    return False


def register() -> None:
    workflow.register(Call, transitions=Call.TRANSITIONS, allowed=_call_allowed)
    workflow.register(Proposal, transitions=Proposal.TRANSITIONS, allowed=_proposal_allowed)
