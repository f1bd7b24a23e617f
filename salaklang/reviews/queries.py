"""Reads of the review pages: who may be chosen as a reviewer, the committees, the progress of the scoring."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from salaklang.accounts.models import User
from salaklang.calls.models import Call
from salaklang.organizations.models import Committee, Role
from salaklang.organizations.roles import province_id_of
from salaklang.reviews.models import Assignment


def committees(call: Call) -> QuerySet[Committee]:
    return Committee.objects.filter(organization=call.issuer, is_active=True).order_by("name_th")


def candidate_reviewers(call: Call, include_committees: bool = False) -> QuerySet[User]:
    """People with the reviewer role in the issuer's province (or office), plus the issuer's committee members."""
    province_id = province_id_of(call.issuer)
    q = Q(memberships__role=Role.REVIEWER, memberships__is_active=True)
    q &= Q(memberships__organization__province_id=province_id) if province_id else Q(memberships__organization=call.issuer)
    if include_committees:
        q |= Q(committee_seats__committee__in=committees(call))
    return User.objects.filter(q, is_active=True).distinct().order_by("first_name")


def call_assignments(call: Call) -> list[Assignment]:
    return list(Assignment.objects.filter(proposal__call=call).select_related("reviewer", "proposal__organization")
                .order_by("proposal_id", "reviewer__first_name"))


def progress(assignments: list[Assignment]) -> dict[str, list[dict]]:
    """Sheets submitted out of those to score, per reviewer and per proposal (from the rows already loaded)."""
    counted = (Assignment.Status.ASSIGNED, Assignment.Status.SUBMITTED)
    per: dict[str, dict] = {"reviewers": {}, "proposals": {}}
    for a in assignments:
        if a.status not in counted:
            continue
        for key, obj in (("reviewers", a.reviewer), ("proposals", a.proposal)):
            row = per[key].setdefault(obj.pk, {"obj": obj, "done": 0, "total": 0})
            row["total"] += 1
            row["done"] += a.status == Assignment.Status.SUBMITTED
    return {key: list(rows.values()) for key, rows in per.items()}


def queue_for(user) -> QuerySet[Assignment]:
    return (Assignment.objects.filter(reviewer=user).select_related("proposal__call", "proposal__organization")
            .order_by("status", "proposal__call__deadline", "pk"))


def reviewer_names(call: Call) -> list[str]:
    return sorted({a.reviewer.full_name for a in Assignment.objects.filter(proposal__call=call).select_related("reviewer")})
