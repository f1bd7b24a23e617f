"""The workflows of complaints and personal-data requests (registered with salaklang.core.workflow).

``allowed`` answers "may this person make this change"; the services check the same rules themselves (through
complaints.access) before they call ``workflow.transition``. Reopening (closed → back to the agency, or to the
centre when unrouted) is the complainant's: the service checks their key or account, the table and the reopening
period say whether it is possible."""

from __future__ import annotations

from salaklang.complaints import access
from salaklang.complaints.models import Complaint, DataRequest
from salaklang.core import workflow

S = Complaint.Status
AGENCY_TARGETS = {S.IN_PROGRESS, S.FORWARDED, S.RESOLVED, S.NOT_RESOLVED, S.REJECTED}
REOPENED = {S.ASSIGNED, S.RECEIVED}

DATA_REQUEST_TRANSITIONS = {
    DataRequest.Status.OPEN: {DataRequest.Status.HANDLED, DataRequest.Status.REFUSED},
    DataRequest.Status.HANDLED: set(),
    DataRequest.Status.REFUSED: set(),
}


def _complaint_allowed(c: Complaint, user, to: str) -> bool:
    if c.status in (S.RESOLVED, S.NOT_RESOLVED):  # reopening: the complainant, within the period
        from salaklang.complaints.services.handling import can_reopen

        return can_reopen(c)
    if not getattr(user, "is_authenticated", False):
        return False
    if to in AGENCY_TARGETS:
        return access.can_handle(user, c)
    return access.can_route(user, c)  # assign, split, merge


def _data_request_allowed(req: DataRequest, user, to: str) -> bool:
    return getattr(user, "is_authenticated", False) and access.is_centre_officer(user, req.province_id)


def register() -> None:
    transitions = {source: set(targets) for source, targets in Complaint.TRANSITIONS.items()}
    for closed in (S.RESOLVED, S.NOT_RESOLVED):
        transitions[closed] = transitions[closed] | REOPENED
    workflow.register(Complaint, transitions=transitions, allowed=_complaint_allowed)
    workflow.register(DataRequest, transitions=DATA_REQUEST_TRANSITIONS, allowed=_data_request_allowed)
