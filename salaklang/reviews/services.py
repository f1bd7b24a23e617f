"""Review and selection: one function per action (permission, state, audit, notification)."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.calls.access import can_manage_call
from salaklang.calls.models import Call, Proposal
from salaklang.core import workflow
from salaklang.notifications.services import notify
from salaklang.organizations.models import Membership
from salaklang.reviews.models import DEFAULT_CRITERIA, Assignment, Criterion, Decision, Rubric, Score

REVIEWABLE = [Proposal.Status.SUBMITTED]


def _manage(actor: User, call: Call) -> None:
    if not can_manage_call(actor, call):
        raise PermissionDenied


@transaction.atomic
def rubric_for(*, call: Call, actor: User) -> Rubric:
    """The call's rubric; the default innovation rubric is created on first use (editable defaults)."""
    _manage(actor, call)
    rubric, created = Rubric.objects.get_or_create(call=call)
    if created:
        Criterion.objects.bulk_create([Criterion(rubric=rubric, name_th=th, name_en=en, weight=Decimal(w), max_score=10,
                                                 order=i) for i, (th, en, w) in enumerate(DEFAULT_CRITERIA)])
        record(actor=actor, action=AuditEntry.Action.CREATE, obj=rubric, verb="rubric_created", organization=call.issuer)
    return rubric


def scoring_started(rubric: Rubric) -> bool:
    return Score.objects.filter(criterion__rubric=rubric).exists()


@transaction.atomic
def rubric_save(*, rubric: Rubric, actor: User, criteria: list[dict[str, Any]], blind: bool,
                reviewers_per_proposal: int, selections_allowed: int, threshold: Decimal) -> Rubric:
    rubric = Rubric.objects.select_for_update().select_related("call").get(pk=rubric.pk)
    _manage(actor, rubric.call)
    if scoring_started(rubric):
        raise ValidationError(_("Scoring has begun: the rubric can no longer be changed."))
    if not criteria:
        raise ValidationError(_("A rubric needs at least one criterion."))
    total = sum(Decimal(str(c["weight"])) for c in criteria)
    if total != Decimal(100):
        raise ValidationError(_("The weights add up to %(total)s%%; they must add up to 100%%.") % {"total": total})
    for c in criteria:
        if not 1 <= int(c.get("max_score", 10)) <= 1000:
            raise ValidationError(_("Each criterion needs a maximum score from 1 to 1,000."))
    # Numbers are bounded here, where they enter (issue 10): 10^20 reviewers is a typo, not a setting.
    if not 0 <= int(reviewers_per_proposal) <= 100:
        raise ValidationError(_("Reviewers per proposal must be from 0 (all) to 100."))
    if not 1 <= int(selections_allowed) <= 1000:
        raise ValidationError(_("The number of proposals to select must be from 1 to 1,000."))
    if not Decimal(0) <= Decimal(threshold) <= Decimal(100):
        raise ValidationError(_("The disagreement threshold must be from 0 to 100."))
    rubric.criteria.all().delete()
    Criterion.objects.bulk_create([Criterion(rubric=rubric, name_th=c["name_th"], name_en=c.get("name_en", ""),
                                             description=c.get("description", ""), weight=Decimal(str(c["weight"])),
                                             max_score=int(c.get("max_score", 10)), order=i)
                                   for i, c in enumerate(criteria)])
    rubric.blind, rubric.reviewers_per_proposal = blind, reviewers_per_proposal
    rubric.selections_allowed, rubric.disagreement_threshold = selections_allowed, threshold
    rubric.save()
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=rubric, verb="rubric_saved", organization=rubric.call.issuer,
           changes={"criteria": [None, [f"{c['name_th']} {c['weight']}%" for c in criteria]]})
    return rubric


def _belongs(user_ids, organization_ids) -> set[tuple[int, int]]:
    """(user, organization) pairs where the user holds a role in the organization or in a unit directly under it."""
    pairs = set()
    for uid, org, parent in Membership.objects.filter(user_id__in=user_ids, is_active=True).filter(
            models.Q(organization_id__in=organization_ids) | models.Q(organization__parent_id__in=organization_ids)
    ).values_list("user_id", "organization_id", "organization__parent_id"):
        pairs.add((uid, org))
        if parent is not None:
            pairs.add((uid, parent))
    return pairs


def has_conflict(reviewer: User, proposal: Proposal) -> bool:
    """A reviewer never scores a proposal of an organization they belong to (or of the agency their unit is in)."""
    return (reviewer.pk, proposal.organization_id) in _belongs([reviewer.pk], [proposal.organization_id])


@transaction.atomic
def reviewers_assign(*, call: Call, actor: User, reviewers: list[User]) -> dict[str, int]:
    """All reviewers to all proposals, or N per proposal spread evenly; own-organization pairs are excluded."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    _manage(actor, call)
    rubric = rubric_for(call=call, actor=actor)
    proposals = list(call.proposals.filter(status__in=REVIEWABLE).order_by("pk"))
    own = _belongs([r.pk for r in reviewers], [p.organization_id for p in proposals])
    existing = set(Assignment.objects.filter(proposal__in=proposals).values_list("proposal_id", "reviewer_id"))
    load = {r.pk: 0 for r in reviewers}
    load.update(Assignment.objects.filter(reviewer__in=reviewers, proposal__call=call,
                                          status=Assignment.Status.ASSIGNED)
                .values("reviewer_id").annotate(n=Count("id")).values_list("reviewer_id", "n"))
    rows, excluded = [], 0
    for p in proposals:
        eligible = [r for r in reviewers if (r.pk, p.organization_id) not in own]
        for r in reviewers:
            if (r.pk, p.organization_id) in own and (p.pk, r.pk) not in existing:
                rows.append(Assignment(proposal=p, reviewer=r, status=Assignment.Status.EXCLUDED,
                                       conflict_reason=_("Member of the submitting organization")))
                excluded += 1
        n = rubric.reviewers_per_proposal or len(eligible)
        already = sum(1 for r in eligible if (p.pk, r.pk) in existing)
        for r in sorted(eligible, key=lambda r: (load[r.pk], r.pk)):
            if already >= n:
                break
            if (p.pk, r.pk) in existing:
                continue
            rows.append(Assignment(proposal=p, reviewer=r))
            load[r.pk] += 1
            already += 1
    Assignment.objects.bulk_create(rows)
    standings_refresh(call=call)  # the number of reviewers assigned to each proposal
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=call, verb="reviewers_assigned",
           changes={"assignments": [None, len(rows) - excluded], "excluded": [None, excluded]})
    if rows:
        start_review(call=call, actor=actor)
    notify(recipients=reviewers, actor=actor, kind="review.assigned", url=reverse("reviews:queue"),
           title=_("Proposals to review: %(call)s") % {"call": call.title})
    return {"assigned": len(rows) - excluded, "excluded": excluded}


def start_review(*, call: Call, actor: User) -> Call:
    """A closed call with reviewers assigned is in review (from then on it cannot be reopened). Called when
    reviewers are assigned to a closed call and when a call that already has reviewers is closed."""
    if call.status == Call.Status.CLOSED and Assignment.objects.filter(proposal__call=call).exists():
        workflow.transition(call, Call.Status.IN_REVIEW, actor=actor, verb="review_started")
    return call


@transaction.atomic
def conflict_declare(*, assignment: Assignment, actor: User, reason: str) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you have a conflict of interest.")})
    workflow.ensure(assignment, Assignment.Status.CONFLICT)
    removed = assignment.scores.count()
    assignment.scores.all().delete()
    assignment.conflict_reason, assignment.submitted_at = reason, None
    workflow.transition(assignment, Assignment.Status.CONFLICT, actor=actor, verb="conflict_declared",
                        subject=assignment.proposal, message=reason, fields=["conflict_reason", "submitted_at"],
                        changes={"scores_removed": [removed, 0]})
    standings_refresh(call=assignment.proposal.call_id, proposal_ids=[assignment.proposal_id])
    return assignment


@transaction.atomic
def scores_save(*, assignment: Assignment, actor: User, values: dict[int, tuple[Decimal | None, str]],
                submit: bool) -> Assignment:
    assignment = Assignment.objects.select_for_update().select_related("proposal__call").get(pk=assignment.pk)
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied
    if assignment.status in (Assignment.Status.EXCLUDED, Assignment.Status.CONFLICT):
        raise ValidationError(_("You cannot score this proposal: a conflict of interest is recorded."))
    if assignment.status == Assignment.Status.SUBMITTED:
        raise ValidationError(_("Your scores are submitted and locked; ask the chair to reopen them."))
    criteria = {c.pk: c for c in Criterion.objects.filter(rubric__call=assignment.proposal.call)}
    errors = []
    for cid, (value, _comment) in values.items():
        c = criteria.get(cid)
        if c is None:
            errors.append(_("Unknown criterion."))
        elif value is not None and not (0 <= value <= c.max_score):
            errors.append(_("%(criterion)s: the score must be between 0 and %(max)s.") % {"criterion": c, "max": c.max_score})
    if submit:
        missing = [str(c) for cid, c in criteria.items() if values.get(cid, (None, ""))[0] is None]
        if missing:
            errors.append(_("Score every criterion before submitting: %(missing)s.") % {"missing": ", ".join(missing)})
    if errors:
        raise ValidationError(errors)
    for cid, (value, comment) in values.items():
        if value is None:
            Score.objects.filter(assignment=assignment, criterion_id=cid).delete()
        else:
            Score.objects.update_or_create(assignment=assignment, criterion_id=cid,
                                           defaults={"value": value, "comment": comment})
    if submit:
        assignment.submitted_at = timezone.now()
        workflow.transition(assignment, Assignment.Status.SUBMITTED, actor=actor, verb="scores_submitted",
                            subject=assignment.proposal, fields=["submitted_at"],
                            organization=assignment.proposal.call.issuer)
        standings_refresh(call=assignment.proposal.call, proposal_ids=[assignment.proposal_id])
    return assignment


@transaction.atomic
def scores_reopen(*, assignment: Assignment, actor: User, reason: str) -> Assignment:
    assignment = Assignment.objects.select_for_update().select_related("proposal__call").get(pk=assignment.pk)
    _manage(actor, assignment.proposal.call)
    assignment.submitted_at = None
    workflow.transition(assignment, Assignment.Status.ASSIGNED, actor=actor, verb="scores_reopened",
                        subject=assignment.proposal, message=reason, fields=["submitted_at"],
                        organization=assignment.proposal.call.issuer,
                        refused=_("Only submitted scores can be reopened."))
    standings_refresh(call=assignment.proposal.call, proposal_ids=[assignment.proposal_id])
    notify(recipients=[assignment.reviewer], actor=actor, kind="review.reopened", url=reverse("reviews:queue"),
           title=_("Your scores were reopened: %(p)s") % {"p": assignment.proposal}, body=reason)
    return assignment


def weighted_points():
    """value × weight of one score, summed by the database (exact: products of two 2-place decimals); the division by
    the criterion's maximum happens in Python's Decimal, because SQLite divides integers as integers (issue 11:
    13.5 points became 13 and a mean of 79.50 was shown as 79.00)."""
    return ExpressionWrapper(F("value") * F("criterion__weight"), output_field=DecimalField(max_digits=12, decimal_places=4))


CENT = Decimal("0.01")  # totals and means are shown to two places, rounded half up as people round (79.625 → 79.63)


def weighted_totals(scores) -> dict[tuple[int, int], Decimal]:
    """{(proposal_id, reviewer_id): total out of 100} from one grouped query over ``scores`` (a Score queryset)."""
    rows = (scores.values("assignment__proposal_id", "assignment__reviewer_id", "criterion__max_score")
            .annotate(points=Sum(weighted_points())).order_by())
    totals: dict[tuple[int, int], Decimal] = {}
    for row in rows:
        key = (row["assignment__proposal_id"], row["assignment__reviewer_id"])
        totals[key] = totals.get(key, Decimal(0)) + Decimal(row["points"]) / row["criterion__max_score"]
    return {key: value.quantize(CENT, rounding=ROUND_HALF_UP) for key, value in totals.items()}


RANKING_PAGE = settings.PAGE_SIZES["reviews_ranking"]  # proposals per page of the ranking


def compute_standings(call: Call, proposal_ids=None) -> list[dict]:
    """Each submitted proposal's standing computed from the scores (one grouped query over the submitted sheets, one
    count of assignments): per-reviewer totals, mean, spread, reviews and assigned. ``proposal_ids`` narrows it to
    some proposals. This is what ``standings_refresh`` stores and what the tests compare the stored rows with."""
    proposals = call.proposals.filter(status__in=REVIEWABLE).order_by()
    scores = Score.objects.filter(assignment__proposal__call=call, assignment__status=Assignment.Status.SUBMITTED)
    assignments = Assignment.objects.filter(proposal__call=call).exclude(
        status__in=[Assignment.Status.EXCLUDED, Assignment.Status.CONFLICT])
    if proposal_ids is not None:
        proposals = proposals.filter(pk__in=proposal_ids)
        scores = scores.filter(assignment__proposal_id__in=proposal_ids)
        assignments = assignments.filter(proposal_id__in=proposal_ids)
    per_reviewer = weighted_totals(scores)
    totals: dict[int, list[Decimal]] = {}
    for (proposal_id, _reviewer_id), total in sorted(per_reviewer.items()):
        totals.setdefault(proposal_id, []).append(total)
    assigned = dict(assignments.values("proposal_id").annotate(n=Count("id")).order_by()
                    .values_list("proposal_id", "n"))
    rows = []
    for pk in proposals.values_list("pk", flat=True):
        values = totals.get(pk, [])
        mean = (sum(values) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP) if values else None
        spread = (max(values) - min(values)) if len(values) > 1 else Decimal(0)
        rows.append({"proposal_id": pk, "totals": values, "mean": mean, "spread": spread, "reviews": len(values),
                     "assigned": assigned.get(pk, 0)})
    return rows


def standings_refresh(*, call: Call | int, proposal_ids=None) -> None:
    """Stores the standings of the call's submitted proposals (or of ``proposal_ids``) and drops those of proposals
    no longer submitted. Called inside the transaction of each change the ranking depends on."""
    from salaklang.reviews.models import Standing

    call = call if isinstance(call, Call) else Call(pk=call)
    gone = Standing.objects.filter(call=call).exclude(proposal__status__in=REVIEWABLE)
    if proposal_ids is not None:
        gone = gone.filter(proposal_id__in=proposal_ids)
    gone.delete()
    rows = [Standing(proposal_id=r["proposal_id"], call_id=call.pk, mean=r["mean"],
                     rank_key=r["mean"] if r["mean"] is not None else Decimal(-1), spread=r["spread"],
                     totals=[str(t) for t in r["totals"]], reviews=r["reviews"], assigned=r["assigned"])
            for r in compute_standings(call, proposal_ids)]
    Standing.objects.bulk_create(rows, batch_size=2000, update_conflicts=True, unique_fields=["proposal"],
                                 update_fields=["call", "mean", "rank_key", "spread", "totals", "reviews", "assigned"])


def standing_follow(proposal: Proposal, old: str, new: str) -> None:
    """Registered with the proposal workflow (``workflow.after_transition`` in ``ReviewsConfig.ready``): a proposal
    entering the submitted status gets its stored standing (unscored at first); one leaving it (returned, withdrawn,
    decided) loses it — in the transaction of the status change."""
    if (old in REVIEWABLE) == (new in REVIEWABLE):
        return
    standings_refresh(call=proposal.call_id, proposal_ids=[proposal.pk])


def _row(standing, threshold: Decimal) -> dict:
    return {"proposal_id": standing.proposal_id, "proposal": None, "totals": [Decimal(t) for t in standing.totals],
            "mean": standing.mean, "spread": standing.spread, "reviews": standing.reviews, "assigned": standing.assigned,
            "disagreement": standing.spread > threshold}


def _threshold(call: Call) -> Decimal:
    rubric = Rubric.objects.filter(call=call).only("disagreement_threshold").first()
    return rubric.disagreement_threshold if rubric else Decimal(20)


def standings(call: Call):
    """The call's stored standings in ranking order (highest mean first, unscored last, then by proposal): a
    queryset that pages on the (call, -rank_key, proposal) index."""
    from salaklang.reviews.models import Standing

    return Standing.objects.filter(call=call).order_by("-rank_key", "proposal_id")


def rank_rows(call: Call, page_standings, offset: int, *, complete: bool = False) -> list[dict]:
    """Ranking rows of one page of stored standings starting at position ``offset`` (0-based) of the call's order.
    rank = 1 + the number of higher means: for a mean first seen on this page that is its position; for the page's
    first mean, which may have begun on an earlier page, one count of higher means; ties are counted for the page's
    first and last means (the others lie wholly on the page). ``complete``: the rows are the whole ranking."""
    from salaklang.reviews.models import Standing

    threshold = _threshold(call)
    rows = [_row(s, threshold) for s in page_standings]
    scored = [r["mean"] for r in rows if r["mean"] is not None]
    if not scored:
        for r in rows:
            r["rank"], r["tie"] = None, False
        return rows
    edge_counts = {} if complete else dict(
        Standing.objects.filter(call=call, rank_key__in={scored[0], scored[-1]}).values("rank_key")
        .annotate(n=Count("pk")).order_by().values_list("rank_key", "n"))
    first_rank = 1 + (Standing.objects.filter(call=call, rank_key__gt=scored[0]).count() if offset else 0)
    same = Counter(scored)
    for m, n in edge_counts.items():
        same[Decimal(m).quantize(Decimal("0.01"))] = n
    for i, r in enumerate(rows):
        if r["mean"] is None:
            r["rank"], r["tie"] = None, False
            continue
        if r["mean"] == scored[0]:
            r["rank"] = first_rank
        elif rows[i - 1]["mean"] != r["mean"]:
            r["rank"] = offset + i + 1
        else:
            r["rank"] = rows[i - 1]["rank"]
        r["tie"] = same[r["mean"]] > 1
    return rows


def ranking(call: Call, *, with_proposals: bool = True) -> list[dict]:
    """The whole ranking from the stored standings (one query; the summary PDF and the tests): mean, spread,
    disagreement flag and ranks with ties (rank = 1 + the number of higher means)."""
    rows = rank_rows(call, list(standings(call)), 0, complete=True)
    return attach_proposals(rows) if with_proposals else rows


def standing_of(call: Call, proposal_id: int) -> dict | None:
    """One proposal's ranking row (the chair's 'scores by reviewer' view), its rank counted from the index."""
    from salaklang.reviews.models import Standing

    standing = Standing.objects.filter(call=call, proposal_id=proposal_id).first()
    if standing is None:
        return None
    row = _row(standing, _threshold(call))
    if row["mean"] is None:
        row["rank"], row["tie"] = None, False
    else:
        row["rank"] = 1 + Standing.objects.filter(call=call, rank_key__gt=row["mean"]).count()
        row["tie"] = Standing.objects.filter(call=call, rank_key=row["mean"]).count() > 1
    return attach_proposals([row])[0]


def attach_proposals(rows: list[dict]) -> list[dict]:
    """Loads the proposals (with their organization) of these ranking rows in one query."""
    by_pk = Proposal.objects.select_related("organization").in_bulk([r["proposal_id"] for r in rows])
    for r in rows:
        r["proposal"] = by_pk.get(r["proposal_id"])
    return rows


def score_matrix(call: Call, proposal_id: int) -> list[dict]:
    """For the chair: one proposal's submitted scores per reviewer and criterion (one query)."""
    out: dict[int, dict] = {}
    for sc in (Score.objects.filter(assignment__proposal__call=call, assignment__proposal_id=proposal_id,
                                    assignment__status=Assignment.Status.SUBMITTED)
               .select_related("assignment__reviewer", "criterion").order_by("criterion__order", "criterion_id")):
        per_reviewer = out.setdefault(sc.assignment.reviewer_id, {"reviewer": sc.assignment.reviewer, "scores": []})
        per_reviewer["scores"].append(sc)
    return list(out.values())


def _already_decided(decision: Decision) -> str:
    from salaklang.core.templatetags.thai import bdatetime

    return _("%(person)s already recorded the decision for this call on %(when)s; yours was not recorded. "
             "The page now shows that decision.") % {"person": decision.decided_by.full_name,
                                                     "when": bdatetime(decision.decided_at)}


@transaction.atomic
def decision_record(*, call: Call, actor: User, proposals: list[Proposal], reasons: str, meeting: str = "") -> Decision:
    call = Call.objects.select_for_update().get(pk=call.pk)  # two chairs deciding at once: one waits, then fails
    _manage(actor, call)
    earlier = Decision.objects.filter(call=call).select_related("decided_by").first()
    if earlier is not None:
        raise ValidationError(_already_decided(earlier))
    workflow.ensure(call, Call.Status.DECIDED, refused=_("Close the call before deciding."))
    rubric = Rubric.objects.filter(call=call).first()
    allowed = rubric.selections_allowed if rubric else 1
    if not proposals:
        raise ValidationError(_("Select at least one proposal."))
    if len(proposals) > allowed:
        raise ValidationError(_("At most %(n)s proposal(s) may be selected.") % {"n": allowed})
    if any(p.call_id != call.pk or p.status not in REVIEWABLE for p in proposals):
        raise ValidationError(_("Only submitted proposals of this call can be selected."))
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    try:
        with transaction.atomic():
            decision = Decision.objects.create(call=call, reasons=reasons, meeting=meeting, decided_by=actor)
    except IntegrityError:
        earlier = Decision.objects.filter(call=call).select_related("decided_by").first()
        raise ValidationError(_already_decided(earlier) if earlier else
                              _("A decision has already been recorded for this call.")) from None
    decision.selected.set(proposals)
    workflow.transition(call, Call.Status.DECIDED, actor=actor, verb="decision_recorded", message=reasons,
                        refused=_("Close the call before deciding."),
                        changes={"selected": [None, [p.title for p in proposals]]})
    submitters = User.objects.filter(pk__in=call.proposals.filter(status__in=REVIEWABLE).values("created_by"))
    notify(recipients=submitters, actor=actor, kind="call.decided", url=reverse("calls:detail", args=[call.pk]),
           title=_("Result of %(call)s") % {"call": call.title},
           body=_("Selected: %(titles)s") % {"titles": ", ".join(p.title for p in proposals)})
    return decision
