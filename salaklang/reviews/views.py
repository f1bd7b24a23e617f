"""Review pages: setup (rubric, reviewers), the reviewer's queue and score sheet, ranking and decision."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salaklang.accounts.models import User
from salaklang.calls.access import access_call
from salaklang.calls.models import Proposal
from salaklang.organizations.models import Role
from salaklang.reviews import access, services
from salaklang.reviews.models import Assignment, Criterion, Decision


def _issuer_call(request, pk):
    return access_call(request.user, pk, for_write=True)


def _committees(call):
    from salaklang.organizations.models import Committee

    return Committee.objects.filter(organization=call.issuer, is_active=True).order_by("name_th")


def _candidate_reviewers(call, include_committees: bool = False):
    """People with the reviewer role in the issuer's province (or office), plus the issuer's committee members."""
    from django.db.models import Q

    province_id = call.issuer.pk if call.issuer.kind == "province" else call.issuer.province_id
    q = Q(memberships__role=Role.REVIEWER, memberships__is_active=True)
    q &= Q(memberships__organization__province_id=province_id) if province_id else Q(memberships__organization=call.issuer)
    if include_committees:
        q |= Q(committee_seats__committee__in=_committees(call))
    return User.objects.filter(q, is_active=True).distinct().order_by("first_name")


def _progress(assignments: list[Assignment]) -> dict[str, list[dict]]:
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


CRITERION_KEYS = ("name_th", "weight", "max_score", "description")


def _posted_criteria(post) -> list[dict[str, str]]:
    """The rows of the criteria table as typed (kept on the page when they are refused)."""
    columns = {key: post.getlist(f"criterion_{key}") for key in CRITERION_KEYS}
    count = max((len(v) for v in columns.values()), default=0)
    return [{key: (columns[key][i] if i < len(columns[key]) else "").strip() for key in CRITERION_KEYS}
            for i in range(count)]


def setup(request, pk: int):
    call = _issuer_call(request, pk)
    rubric = services.rubric_for(call=call, actor=request.user)
    posted_rows = None
    if request.method == "POST" and request.POST.get("form") == "rubric":
        posted_rows = _posted_criteria(request.POST)
        try:
            criteria = []
            for row in posted_rows:
                if not (row["name_th"] or row["weight"] or row["description"]):
                    continue
                if not row["name_th"]:
                    raise ValueError
                criteria.append({"name_th": row["name_th"], "weight": Decimal(row["weight"]),
                                 "max_score": int(row["max_score"] or 10), "description": row["description"]})
            services.rubric_save(rubric=rubric, actor=request.user, criteria=criteria,
                                 blind=bool(request.POST.get("blind")),
                                 reviewers_per_proposal=int(request.POST.get("reviewers_per_proposal") or 0),
                                 selections_allowed=int(request.POST.get("selections_allowed") or 1),
                                 threshold=Decimal(request.POST.get("threshold") or "20"))
            messages.success(request, _("The rubric has been saved."))
            return redirect("reviews:setup", pk=pk)
        except (ValueError, IndexError, InvalidOperation):
            messages.error(request, _("Give each criterion a name, a weight in per cent and a maximum score."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    if request.method == "POST" and request.POST.get("form") == "assign":
        chosen = set(request.POST.getlist("reviewers"))
        committee = _committees(call).filter(pk=request.POST.get("committee") or 0).first()
        if committee is not None:
            chosen |= {str(pk) for pk in committee.members.filter(person__isnull=False).values_list("person_id", flat=True)}
        reviewers = list(_candidate_reviewers(call, include_committees=True).filter(pk__in=chosen))
        if not reviewers:
            messages.error(request, _("Choose at least one reviewer."))
        else:
            result = services.reviewers_assign(call=call, actor=request.user, reviewers=reviewers)
            messages.success(request, _("%(a)s assignment(s) made; %(e)s excluded for conflict of interest.") % {
                "a": result["assigned"], "e": result["excluded"]})
            return redirect("reviews:setup", pk=pk)
    criteria = list(rubric.criteria.all())
    if posted_rows is None:
        posted_rows = [{"name_th": c.name_th, "weight": format(c.weight.normalize(), "f"), "max_score": c.max_score,
                        "description": c.description} for c in criteria]
    criterion_rows = posted_rows + [{"name_th": "", "weight": "", "max_score": "", "description": ""}
                                    for _i in range(2)]
    assignments = list(Assignment.objects.filter(proposal__call=call).select_related("reviewer", "proposal__organization")
                       .order_by("proposal_id", "reviewer__first_name"))
    return render(request, "reviews/setup.html", {
        "call": call, "rubric": rubric, "criterion_rows": criterion_rows,
        "criteria": criteria, "locked": services.scoring_started(rubric), "candidates": _candidate_reviewers(call),
        "committees": _committees(call),
        "assignments": assignments, "weights_total": sum(c.weight for c in criteria),
        "progress": _progress(assignments)},
        status=400 if request.method == "POST" else 200)


def queue(request):
    rows = (Assignment.objects.filter(reviewer=request.user).select_related("proposal__call", "proposal__organization")
            .order_by("status", "proposal__call__deadline", "pk"))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "reviews/queue.html", {"page": page})


def _my_assignment(request, pk) -> Assignment:
    try:
        return Assignment.objects.select_related("proposal__call__rubric", "proposal__organization",
                                                 "proposal__national_strategy", "proposal__provincial_plan").get(
            pk=pk, reviewer=request.user)
    except (Assignment.DoesNotExist, ValueError):
        raise Http404 from None


def score_sheet(request, pk: int):
    assignment = _my_assignment(request, pk)
    criteria = list(Criterion.objects.filter(rubric__call=assignment.proposal.call))
    current = {s.criterion_id: s for s in assignment.scores.all()}
    status = 200
    if request.method == "POST":
        values = {}
        try:
            for c in criteria:
                raw = request.POST.get(f"score_{c.pk}", "").strip()
                values[c.pk] = (Decimal(raw) if raw else None, request.POST.get(f"comment_{c.pk}", "")[:2000])
            services.scores_save(assignment=assignment, actor=request.user, values=values,
                                 submit=request.POST.get("action") == "submit")
            messages.success(request, _("Your scores have been submitted.") if request.POST.get("action") == "submit"
                             else _("Your draft scores have been saved."))
            return redirect("reviews:queue")
        except InvalidOperation:
            messages.error(request, _("Scores must be numbers."))
            status = 400
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
    from salaklang.reviews.similarity import similar_to

    rows = [{"criterion": c, "score": current.get(c.pk)} for c in criteria]
    blind = getattr(assignment.proposal.call, "rubric", None) is not None and assignment.proposal.call.rubric.blind
    return render(request, "reviews/score_sheet.html", {"assignment": assignment, "p": assignment.proposal,
                                                        "rows": rows, "blind": blind,
                                                        "locked": assignment.status != Assignment.Status.ASSIGNED,
                                                        "similar": similar_to(assignment.proposal)}, status=status)


@require_POST
def declare_conflict(request, pk: int):
    assignment = _my_assignment(request, pk)
    try:
        services.conflict_declare(assignment=assignment, actor=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("Your conflict of interest is recorded; your scores for it were removed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reviews:queue")


@require_POST
def reopen(request, pk: int):
    try:
        assignment = Assignment.objects.select_related("proposal__call__issuer").get(pk=pk)
    except Assignment.DoesNotExist:
        raise Http404 from None
    access_call(request.user, assignment.proposal.call_id, for_write=True)
    try:
        services.scores_reopen(assignment=assignment, actor=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("The scores have been reopened."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("reviews:setup", pk=assignment.proposal.call_id)


def ranking(request, pk: int):
    call, can_decide = access.access_ranking(request.user, pk)
    # one page of the stored standings, in index order (issue 16: independent of the number of proposals)
    page = Paginator(services.standings(call), services.RANKING_PAGE).get_page(request.GET.get("page"))
    rows = services.attach_proposals(services.rank_rows(call, list(page.object_list), page.start_index() - 1
                                                        if page.object_list else 0))
    status = 200
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        chosen = list(Proposal.objects.filter(call=call, pk__in=request.POST.getlist("selected")))
        try:
            services.decision_record(call=call, actor=request.user, proposals=chosen,
                                     reasons=request.POST.get("reasons", ""), meeting=request.POST.get("meeting", ""))
            messages.success(request, _("The decision has been recorded and every submitter notified."))
            return redirect("reviews:ranking", pk=pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        except PermissionDenied:
            raise
    decision = Decision.objects.filter(call=call).select_related("decided_by").first()
    chosen_now = list(decision.selected.select_related("organization")) if decision else []
    wanted = request.GET.get("proposal", "")
    detail = services.standing_of(call, int(wanted)) if wanted.isdigit() else None
    by_reviewer = services.score_matrix(call, detail["proposal"].pk) if detail else []
    posted = request.POST if status == 400 else {}
    return render(request, "reviews/ranking.html", {
        "call": call, "rows": rows, "page": page, "decision": decision, "detail": detail,
        "by_reviewer": by_reviewer, "can_decide": can_decide, "decision_selected": chosen_now,
        "selected_ids": {p.pk for p in chosen_now},
        # what the person typed and ticked is kept when the decision is refused
        "posted": posted, "posted_selected": {int(x) for x in request.POST.getlist("selected") if x.isdigit()}
        if posted else set()}, status=status)


def decision_pdf(request, pk: int):
    from django.http import HttpResponse

    from salaklang.core.thai import format_date_full
    from salaklang.documents.pdf import render_pdf

    call, _can_decide = access.access_ranking(request.user, pk)
    decision = getattr(call, "decision", None) if call.status == "decided" else None
    reviewers = sorted({a.reviewer.full_name for a in Assignment.objects.filter(proposal__call=call).select_related("reviewer")})
    data = render_pdf("reviews/decision_pdf.html", {
        "call": call, "rows": services.ranking(call), "decision": decision, "reviewers": reviewers,
        "decided_on": format_date_full(decision.decided_at, weekday=False) if decision else ""})
    return HttpResponse(data, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="call-{call.pk}-decision.pdf"'})
