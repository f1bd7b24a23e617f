"""Reads: the tracking board of a call, the calls a person deals with."""

from __future__ import annotations

from collections import Counter

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from salaklang.calls.models import Call, CallTarget, Proposal

BOARD_STATES = {
    "not_started": _("Not started"),
    "draft": _("Draft"),
    "awaiting_approval": _("Awaiting the head's approval"),
    "submitted_on_time": _("Submitted on time"),
    "submitted_late": _("Submitted late"),
    "returned": _("Returned for revision"),
}
STATE_CHIP = {"not_started": "chip-bad", "draft": "chip-warn", "awaiting_approval": "chip-warn",
              "submitted_on_time": "chip-ok", "submitted_late": "chip-warn", "returned": "chip-bad"}


def target_state(proposals: list[Proposal]) -> str:
    """The board state of one target from its proposals (the most advanced wins)."""
    live = [p for p in proposals if p.status != Proposal.Status.WITHDRAWN]
    if not live:
        return "not_started"
    statuses = {p.status for p in live}
    if Proposal.Status.SUBMITTED in statuses:
        late = all(p.is_late for p in live if p.status == Proposal.Status.SUBMITTED)
        return "submitted_late" if late else "submitted_on_time"
    if Proposal.Status.RETURNED in statuses:
        return "returned"
    if Proposal.Status.AWAITING_APPROVAL in statuses:
        return "awaiting_approval"
    return "draft"


def board(call: Call, *, state: str = "", q: str = "") -> tuple[list[dict], Counter]:
    """Every target with its state and proposals (two queries whatever the number of targets)."""
    proposals = Proposal.objects.only("id", "target_id", "status", "is_late", "title", "submitted_at", "version")
    targets = (CallTarget.objects.filter(call=call).select_related("organization")
               .prefetch_related(Prefetch("proposals", queryset=proposals, to_attr="all_proposals"))
               .order_by("organization__name_th"))
    if q:
        targets = targets.filter(Q(organization__name_th__icontains=q) | Q(organization__code__icontains=q)
                                 | Q(organization__name_en__icontains=q))
    rows, counts = [], Counter()
    for t in targets:
        s = target_state(t.all_proposals)
        counts[s] += 1
        if not state or state == s:
            rows.append({"target": t, "organization": t.organization, "state": s, "label": BOARD_STATES[s],
                         "chip": STATE_CHIP[s], "proposals": t.all_proposals})
    return rows, counts


def calls_for(user, visible):
    from salaklang.calls.access import my_answering_org_ids

    mine = my_answering_org_ids(user)
    return (visible.select_related("issuer")
            .annotate(is_target=Exists(CallTarget.objects.filter(call=OuterRef("pk"), organization_id__in=mine)))
            .order_by("-created_at"))


def my_proposals(user, call: Call):
    from salaklang.calls.access import my_answering_org_ids

    return (Proposal.objects.filter(call=call, organization_id__in=my_answering_org_ids(user))
            .select_related("organization").order_by("-updated_at"))
