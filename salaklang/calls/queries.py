"""Reads: the tracking board of a call, the calls a person deals with."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from salaklang.calls.models import Call, CallTarget, Proposal
from salaklang.core.fragments import Fragments
from salaklang.core.thai import display_datetime
from salaklang.organizations.models import Organization

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


BOARD_PAGE = settings.PAGE_SIZES["calls_board"]  # target organizations per page of the board
PROPOSALS_PAGE = settings.PAGE_SIZES["calls_proposals"]  # proposals per page of a call's proposal list
LATEST_PER_TARGET = 3  # proposals shown in a board row; the rest are one link away (the call's proposal list)


def target_state_expression():
    """The board state of each target, computed by the database (same rule as target_state, the most advanced wins).
    services.targets_refresh stores it in CallTarget.state; the pages read the stored value."""
    live = Proposal.objects.filter(target=OuterRef("pk")).exclude(status=Proposal.Status.WITHDRAWN)
    submitted = live.filter(status=Proposal.Status.SUBMITTED)
    return Case(
        When(Exists(submitted.filter(is_late=False)), then=Value("submitted_on_time")),
        When(Exists(submitted), then=Value("submitted_late")),
        When(Exists(live.filter(status=Proposal.Status.RETURNED)), then=Value("returned")),
        When(Exists(live.filter(status=Proposal.Status.AWAITING_APPROVAL)), then=Value("awaiting_approval")),
        When(Exists(live), then=Value("draft")),
        default=Value("not_started"), output_field=CharField())


def proposal_count_expression():
    """The number of proposals of each target (every status), for services.targets_refresh."""
    number = (Proposal.objects.filter(target=OuterRef("pk")).order_by().values("target")
              .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(number), 0)


def board(call: Call, *, state: str = "", q: str = "", page: str | int | None = 1,
          per_page: int | None = None) -> tuple[list[dict], Counter, Page]:
    """One page of the call's targets with their state and latest proposals, and the counts by state of all of them.

    Three queries whatever the number of targets and proposals: the counts (one aggregate over the targets' stored
    states), the page of targets with the ids of their newest proposals, and those proposals. The state and the number
    of proposals are stored on each target (CallTarget.state, proposal_count), so nothing here reads more than a
    bounded number of proposals per target."""
    targets = CallTarget.objects.filter(call=call)
    if q:
        targets = targets.filter(Q(organization__name_th__icontains=q) | Q(organization__code__icontains=q)
                                 | Q(organization__name_en__icontains=q))
    counts = Counter(dict(targets.order_by().values_list("state").annotate(n=Count("pk"))))
    if state:
        targets = targets.filter(state=state)
    # the newest proposals of each target: correlated subqueries on the (target, id) index, so a page costs the same
    # whether a target has 3 proposals or 3,000
    newest = Proposal.objects.filter(target=OuterRef("pk")).order_by("-pk").values("pk")
    targets = targets.annotate(**{f"newest_{k}": Subquery(newest[k:k + 1]) for k in range(LATEST_PER_TARGET)})
    paginator = Paginator(targets.select_related("organization").order_by("organization__name_th", "pk"),
                          per_page or BOARD_PAGE)
    paginator.count = counts.get(state, 0) if state else sum(counts.values())  # known from the aggregate
    page_obj = paginator.get_page(page)
    page_targets = list(page_obj.object_list)
    wanted = [getattr(t, f"newest_{k}") for t in page_targets for k in range(LATEST_PER_TARGET)]
    proposals = Proposal.objects.only("id", "target_id", "status", "is_late", "title", "submitted_at",
                                      "version").in_bulk([pk for pk in wanted if pk])
    # what each row shows, prepared here once rather than per cell by the template (a page shows up to 150
    # proposals: their links from one reversed URL, their submission times, the state labels translated once)
    link = _link_maker("calls:proposal")
    labels = {key: str(label) for key, label in BOARD_STATES.items()}
    for p in proposals.values():
        p.url = link(p.pk) if p.is_seen_by_issuer else ""
        p.when = display_datetime(p.submitted_at) if p.submitted_at else ""
    rows = []
    for t in page_targets:
        shown = [proposals[pk] for k in range(LATEST_PER_TARGET) if (pk := getattr(t, f"newest_{k}")) in proposals]
        rows.append({"target": t, "organization": t.organization, "state": t.state, "label": labels[t.state],
                     "chip": STATE_CHIP[t.state], "proposals": shown, "total": t.proposal_count,
                     "more": t.proposal_count - len(shown)})
    return rows, counts, page_obj


def _link_maker(name: str):
    """pk → the URL of view ``name`` (one argument), reversed once for a whole page instead of once per row."""
    from django.urls import reverse

    marker = 987654321
    pattern = reverse(name, args=[marker])
    return lambda pk: pattern.replace(str(marker), str(pk))


def board_export(call: Call):
    """Every target with its (stored) state, and every proposal, both ordered by target: two streamed iterators that
    documents.board_xlsx merges (flat memory whatever the size)."""
    targets = (CallTarget.objects.filter(call=call).select_related("organization")
               .order_by("pk").iterator(chunk_size=2000))
    proposals = (Proposal.objects.filter(call=call).only("id", "target_id", "title", "submitted_at")
                 .order_by("target_id", "pk").iterator(chunk_size=2000))
    return targets, proposals


SEARCH_COUNT_LIMIT = 1000  # matches of a search counted exactly; beyond, the list says "more than" and stops paging


class Counts(Counter):
    """Counts by status; ``capped`` when a search matched more than SEARCH_COUNT_LIMIT proposals (lower bounds)."""

    capped = False


def call_proposals(call: Call, *, visible, status: str = "", q: str = "", target: int | None = None):
    """The proposals of a call that the person may read (``visible``: calls.access.visible_proposals) for the
    issuer's list, newest first (paginated by the view), and counts by status (one aggregate query).

    A search (``q``: words in the title or the organization's name) cannot use an index, and counting every match
    scanned the whole call (100,000 proposals: 0.25–0.5 s). Its counts come from the statuses of the first
    SEARCH_COUNT_LIMIT + 1 matches, newest first: one bounded read; beyond that the counts are marked ``capped``."""
    qs = visible.filter(call=call)
    if target:
        qs = qs.filter(target_id=target)
    if q:
        # the organizations whose name or code match, once, as a subquery: as a join, every proposal of the call was
        # joined to its organization before the test (PostgreSQL, 10,000 round: 37 ms for the bounded count; 18 ms)
        organizations = Organization.objects.filter(Q(name_th__icontains=q) | Q(code__iexact=q)).values("pk")
        qs = qs.filter(Q(title__icontains=q) | Q(organization__in=organizations))
        first = list(qs.order_by("-pk").values_list("status", flat=True)[:SEARCH_COUNT_LIMIT + 1])
        counts = Counts(first[:SEARCH_COUNT_LIMIT])
        counts.capped = len(first) > SEARCH_COUNT_LIMIT
    else:
        counts = Counts(dict(qs.order_by().values_list("status").annotate(n=Count("pk"))))
    if status:
        qs = qs.filter(status=status)
    qs = (qs.select_related("organization").only("id", "title", "status", "is_late", "submitted_at", "version", "category",
                                                 "call_id", "organization__name_th", "organization__name_en",
                                                 "organization__code")
          .order_by("-pk"))
    return qs, counts


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
    from salaklang.core.forms import unix_newlines
    from salaklang.core.templatetags.thai import bdate

    def same(a, b) -> bool:  # a textarea saved from the browser holds CR LF where the API, imports and demo hold LF
        return unix_newlines(a) == unix_newlines(b) if isinstance(a, str) and isinstance(b, str) else a == b

    keys = [k for k in Proposal.SNAPSHOT_FIELDS if not same(before.get(k), after.get(k))]
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


def proposal_fragments(proposal: Proposal, events: list, *, can_open_original: bool) -> Fragments:
    """The parts of the proposal page that are the same for every person who may open it (its fields, its list of
    attachments), cached under a key of what they show (core.fragments): the proposal's fields (every change goes
    through ``save`` or the workflow, which set ``updated_at``), the newest entry of its history (an attachment added,
    a version sent and every transition record one), the names of the call, organization and plan entries shown, the
    forwarded original's title and whether this person may open it."""
    original = proposal.forwarded_from
    call = proposal.call
    return Fragments("calls:proposal", ("details", "attachments"), (
        proposal.pk, proposal.updated_at, max((e.pk for e in events), default=0), call.pk, call.updated_at,
        str(proposal.organization), str(proposal.national_strategy or ""), str(proposal.provincial_plan or ""),
        original.pk if original else 0, original.title if original else "", can_open_original))
