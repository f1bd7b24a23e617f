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


def version_changes(proposal: Proposal, before: dict, after: dict) -> list[tuple[str, str, str]]:
    """The fields that changed between two saved versions, as (label, before, after) in the page's language:
    the form's labels rather than field names, dates in the Buddhist Era, choices and plan entries by name."""
    import datetime as dt

    from salaklang.calls.models import PlanLink
    from salaklang.core.templatetags.thai import bdate

    keys = [k for k in Proposal.SNAPSHOT_FIELDS if before.get(k) != after.get(k)]
    link_ids = {v for k in ("national_strategy_id", "provincial_plan_id") if k in keys
                for v in (before.get(k), after.get(k)) if v}
    links = {pl.pk: str(pl) for pl in PlanLink.objects.filter(pk__in=link_ids)} if link_ids else {}
    stages = dict(Proposal.Stage.choices)

    def show(key: str, value) -> str:
        if value in (None, "", []):
            return ""
        if key in ("started_on", "in_use_since"):
            try:
                return bdate(dt.date.fromisoformat(str(value)))
            except ValueError:
                return str(value)
        if key in ("national_strategy_id", "provincial_plan_id"):
            return links.get(value, "")
        if key == "stage":
            return str(stages.get(value, value))
        if key == "category":
            return proposal.call.category_label(value, "en" if _is_english() else "th")
        if key == "results":
            return "\n".join(f"{r.get('indicator', '')}: {r.get('baseline', '')} → {r.get('result', '')} {r.get('unit', '')}".strip()
                             for r in value)
        if key == "budget":
            try:
                return f"{float(value):,.2f}"
            except (TypeError, ValueError):
                return str(value)
        return str(value)

    def label(key: str) -> str:
        name = key.removesuffix("_id")
        return str(Proposal._meta.get_field(name).verbose_name).capitalize()

    return [(label(k), show(k, before.get(k)), show(k, after.get(k))) for k in keys]


def _is_english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "th").startswith("en")
