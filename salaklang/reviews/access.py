"""Who may see a call's ranking and record its decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from salaklang.calls.access import access_call, can_manage_call
from salaklang.calls.models import Call
from salaklang.organizations.models import CommitteeMember

CHAIR_POSITIONS = (CommitteeMember.Position.CHAIR, CommitteeMember.Position.VICE_CHAIR)


def chairs_committee_of(user, call: Call) -> bool:
    """The chair (or vice-chair) of an active committee of the issuing organization: the selection committee."""
    if not getattr(user, "is_authenticated", False):
        return False
    return CommitteeMember.objects.filter(person=user, position__in=CHAIR_POSITIONS, committee__is_active=True,
                                          committee__organization_id=call.issuer_id).exists()


def can_see_ranking(user, call: Call) -> bool:
    return can_manage_call(user, call) or chairs_committee_of(user, call)


def access_ranking(user, pk: int) -> tuple[Call, bool]:
    """The call (404 if the person may not know it) and whether they may record the decision (the issuer's staff);
    the committee's chair may read the ranking and the summary (403 for anyone else)."""
    call = access_call(user, pk)
    if can_manage_call(user, call):
        return call, True
    if chairs_committee_of(user, call):
        return call, False
    raise PermissionDenied
