"""Review pages: setup (rubric, reviewers), the reviewer's queue and score sheet, ranking and decision."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salaklang.calls.models import Proposal
from salaklang.core import workflow
from salaklang.core.forms import form_errors_text
from salaklang.core.services import run_service
from salaklang.reviews import access, queries, services
from salaklang.reviews.forms import AssignForm, DecisionForm, ReasonForm, RubricForm, ScoreSheetForm
from salaklang.reviews.models import Assignment, Criterion, Decision


def setup(request, pk: int):
    call = access.access_setup(request.user, pk)
    rubric = services.rubric_for(call=call, actor=request.user)
    posted_rows = None
    if request.method == "POST" and request.POST.get("form") == "rubric":
        form = RubricForm(request.POST)
        posted_rows = form.rows()
        if not form.is_valid():
            messages.error(request, form_errors_text(form))
        elif run_service(request, services.rubric_save, rubric=rubric, actor=request.user, **form.service_data(),
                         success=_("The rubric has been saved.")):
            return redirect("reviews:setup", pk=pk)
    if request.method == "POST" and request.POST.get("form") == "assign":
        form = AssignForm(request.POST, candidates=queries.candidate_reviewers(call, include_committees=True),
                          committees=queries.committees(call))
        if not form.is_valid():
            messages.error(request, form_errors_text(form))
        else:
            result = services.reviewers_assign(call=call, actor=request.user, reviewers=form.cleaned_data["reviewers"])
            messages.success(request, _("%(a)s assignment(s) made; %(e)s excluded for conflict of interest.") % {
                "a": result["assigned"], "e": result["excluded"]})
            return redirect("reviews:setup", pk=pk)
    criteria = list(rubric.criteria.all())
    if posted_rows is None:
        posted_rows = [{"name_th": c.name_th, "weight": format(c.weight.normalize(), "f"), "max_score": c.max_score,
                        "description": c.description} for c in criteria]
    criterion_rows = posted_rows + [{"name_th": "", "weight": "", "max_score": "", "description": ""}
                                    for _i in range(2)]
    assignments = queries.call_assignments(call)
    return render(request, "reviews/setup.html", {
        "call": call, "rubric": rubric, "criterion_rows": criterion_rows,
        "criteria": criteria, "locked": services.scoring_started(rubric),
        "candidates": queries.candidate_reviewers(call), "committees": queries.committees(call),
        "assignments": assignments, "weights_total": sum(c.weight for c in criteria),
        "progress": queries.progress(assignments),
        # the chair (who alone opens this page) may reopen an assignment in any of these statuses
        "reopenable": workflow.statuses_leading_to(Assignment, Assignment.Status.ASSIGNED)},
        status=400 if request.method == "POST" else 200)


def queue(request):
    page = Paginator(queries.queue_for(request.user), settings.PAGE_SIZES["reviews_queue"]).get_page(request.GET.get("page"))
    return render(request, "reviews/queue.html", {"page": page})


def score_sheet(request, pk: int):
    assignment = access.access_my_assignment(request.user, pk)
    criteria = list(Criterion.objects.filter(rubric__call=assignment.proposal.call))
    current = {s.criterion_id: s for s in assignment.scores.all()}
    status = 200
    if request.method == "POST":
        form = ScoreSheetForm(request.POST, criteria=criteria)
        if not form.is_valid():
            messages.error(request, form_errors_text(form))
            status = 400
        else:
            submit = form.cleaned_data["submit"]
            if run_service(request, services.scores_save, assignment=assignment, actor=request.user,
                           values=form.cleaned_data["values"], submit=submit,
                           success=_("Your scores have been submitted.") if submit
                           else _("Your draft scores have been saved.")):
                return redirect("reviews:queue")
            status = 400
    from salaklang.reviews.similarity import similar_to

    rows = [{"criterion": c, "score": current.get(c.pk)} for c in criteria]
    blind = getattr(assignment.proposal.call, "rubric", None) is not None and assignment.proposal.call.rubric.blind
    return render(request, "reviews/score_sheet.html", {"assignment": assignment, "p": assignment.proposal,
                                                        "rows": rows, "blind": blind,
                                                        "locked": assignment.status != Assignment.Status.ASSIGNED,
                                                        "similar": similar_to(assignment.proposal)}, status=status)


def _reason(request) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@require_POST
def declare_conflict(request, pk: int):
    assignment = access.access_my_assignment(request.user, pk)
    run_service(request, services.conflict_declare, assignment=assignment, actor=request.user, reason=_reason(request),
                success=_("Your conflict of interest is recorded; your scores for it were removed."))
    return redirect("reviews:queue")


@require_POST
def reopen(request, pk: int):
    assignment = access.access_assignment_to_reopen(request.user, pk)
    run_service(request, services.scores_reopen, assignment=assignment, actor=request.user, reason=_reason(request),
                success=_("The scores have been reopened."))
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
        form = DecisionForm(request.POST, proposals=Proposal.objects.filter(call=call))
        form.is_valid()
        if run_service(request, services.decision_record, call=call, actor=request.user,
                       proposals=form.cleaned_data["proposals"], reasons=form.cleaned_data.get("reasons", ""),
                       meeting=form.cleaned_data.get("meeting", ""),
                       success=_("The decision has been recorded and every submitter notified.")):
            return redirect("reviews:ranking", pk=pk)
        status = 400
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
    reviewers = queries.reviewer_names(call)
    data = render_pdf("reviews/decision_pdf.html", {
        "call": call, "rows": services.ranking(call), "decision": decision, "reviewers": reviewers,
        "decided_on": format_date_full(decision.decided_at, weekday=False) if decision else ""})
    return HttpResponse(data, content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="call-{call.pk}-decision.pdf"'})
