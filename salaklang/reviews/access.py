"""Who may see a call's ranking and record its decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

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


def access_setup(user, pk) -> Call:
    """The call whose review the person sets up (the issuer's staff): 404 / 403 as for editing the call."""
    return access_call(user, pk, for_write=True)


def access_my_assignment(user, pk):
    """A score sheet of the person's own (404 for anyone else's)."""
    from salaklang.reviews.models import Assignment

    try:
        return Assignment.objects.select_related("proposal__call__rubric", "proposal__organization",
                                                 "proposal__national_strategy", "proposal__provincial_plan").get(
            pk=pk, reviewer=user)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_assignment_to_reopen(user, pk):
    """An assignment of a call the person manages (404 if unknown, as for the call otherwise)."""
    from salaklang.reviews.models import Assignment

    try:
        assignment = Assignment.objects.select_related("proposal__call__issuer").get(pk=pk)
    except (Assignment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access_call(user, assignment.proposal.call_id, for_write=True)
    return assignment
