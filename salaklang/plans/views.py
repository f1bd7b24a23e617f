"""Action plans, progress reports and scorecards: thin views (access → form → service → redirect/render)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salaklang.audit.services import timeline
from salaklang.core.forms import errors_to_form
from salaklang.core.services import action_named, run_service
from salaklang.organizations.access import require_government_staff
from salaklang.organizations.models import Organization
from salaklang.plans import access, documents, queries, services
from salaklang.plans import periods as P
from salaklang.plans.forms import (
    ActivityForm,
    CommentForm,
    EvidenceForm,
    FiscalYearForm,
    IndicatorForm,
    PlanForm,
    ReportForm,
)
from salaklang.plans.models import Activity, Evidence, Indicator, ProgressReport


# --- plans ------------------------------------------------------------------------------------
def _form_page(request, form, save, saved: str, template: str, context: dict):
    """A plan, activity or indicator form: validate, call ``save()`` (it returns the plan to go back to),
    map its ValidationError to the form; 400 while the form has errors."""
    if request.method == "POST" and form.is_valid():
        try:
            plan = save()
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, saved)
            return redirect("plans:detail", pk=plan.pk)
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


def plan_list(request):
    require_government_staff(request.user)
    plans = (access.visible_plans(request.user).select_related("agenda", "province")
             .order_by("-fiscal_year_from", "province__name_th", "title"))
    page = Paginator(plans, settings.PAGE_SIZES["lists"]).get_page(request.GET.get("page"))
    waiting = list(access.selectable_agendas(request.user)[:20])
    return render(request, "plans/plan_list.html", {"page": page, "waiting_agendas": waiting})


def plan_create(request):
    agendas = access.selectable_agendas(request.user)
    if not agendas.exists():
        if not access.can_create_plans(request.user):
            raise PermissionDenied
        messages.info(request, _("Every selected agenda of your province already has an action plan."))
        return redirect("plans:list")
    initial = {"agenda": request.GET.get("agenda")}
    form = PlanForm(request.POST or None, agendas=agendas, initial=initial)
    return _form_page(
        request, form,
        lambda: services.plan_create(actor=request.user, agenda=form.cleaned_data["agenda"], data=form.service_data()),
        _("The action plan has been created as a draft. Add activities and indicators."),
        "plans/plan_form.html", {"title": _("New action plan")})


def plan_edit(request, pk: int):
    plan = access.access_plan(request.user, pk, for_write=True)
    form = PlanForm(request.POST or None, instance=plan)
    return _form_page(request, form, lambda: services.plan_update(actor=request.user, plan=plan, data=form.service_data()),
                      _("The changes have been saved."), "plans/plan_form.html",
                      {"plan": plan, "title": _("Edit the action plan")})


def plan_detail(request, pk: int):
    plan = access.access_plan(request.user, pk)
    structure = queries.plan_structure(plan)
    can_manage = access.can_manage_plan(request.user, plan)
    my_orgs = access.reporting_org_ids(request.user)
    can_read_scorecard = access.can_read_scorecard(request.user, plan.province_id)
    matrix = queries.report_matrix(plan, structure["indicators"])
    if not can_manage and not can_read_scorecard:
        matrix["rows"] = [r for r in matrix["rows"] if r["organization"].pk in my_orgs]
    return render(request, "plans/plan_detail.html", {
        "plan": plan, **structure, "matrix": matrix, "can_manage": can_manage, "my_orgs": my_orgs,
        "can_read_scorecard": can_read_scorecard, "events": timeline(plan)})


PLAN_ACTIONS = {
    "activate": (services.plan_activate, lambda: _("The plan is active; owners have been notified.")),
    "close": (services.plan_close, lambda: _("The plan is closed.")),
}


@require_POST
def plan_transition(request, pk: int, action: str):
    run, done = action_named(PLAN_ACTIONS, action)
    plan = access.access_plan(request.user, pk, for_write=True)
    run_service(request, run, actor=request.user, plan=plan, success=done())
    return redirect("plans:detail", pk=pk)


# --- activities and indicators ----------------------------------------------------------------
def activity_form(request, pk: int, activity_pk: int | None = None):
    plan = access.access_plan(request.user, pk, for_write=True)
    activity = get_object_or_404(Activity, pk=activity_pk, plan=plan) if activity_pk else None
    form = ActivityForm(request.POST or None, instance=activity, province_id=plan.province_id)

    def save():
        data = {k: v for k, v in form.cleaned_data.items() if k != "partners"}
        partners = form.cleaned_data["partners"]
        if activity is None:
            services.activity_create(actor=request.user, plan=plan, data=data, partners=partners)
        else:
            services.activity_update(actor=request.user, activity=activity, data=data, partners=partners)
        return plan

    return _form_page(request, form, save, _("The activity has been saved."), "plans/item_form.html",
                      {"plan": plan, "title": _("New activity") if activity is None else _("Edit the activity")})


def indicator_form(request, pk: int, indicator_pk: int | None = None):
    plan = access.access_plan(request.user, pk, for_write=True)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, plan=plan) if indicator_pk else None
    form = IndicatorForm(request.POST or None, instance=indicator, plan=plan)

    def save():
        if indicator is None:
            services.indicator_create(actor=request.user, plan=plan, data=form.service_data(), targets=form.targets())
        else:
            services.indicator_update(actor=request.user, indicator=indicator, data=form.service_data(),
                                      targets=form.targets())
        return plan

    return _form_page(request, form, save, _("The indicator has been saved."), "plans/item_form.html",
                      {"plan": plan, "title": _("New indicator") if indicator is None else _("Edit the indicator")})


# --- progress reports -------------------------------------------------------------------------
def report_edit(request, pk: int, org_pk: int, period: str):
    """The owner's report of a period: values, narrative (create or edit while draft or returned)."""
    plan = access.access_plan(request.user, pk)
    organization = get_object_or_404(Organization, pk=org_pk)
    if not access.can_report_for(request.user, organization.pk):
        raise PermissionDenied
    try:
        period_obj = P.Period.parse(period)
    except ValueError:
        raise Http404 from None
    indicators = list(plan.indicators.filter(owner=organization).order_by("mechanism", "pk"))
    if not indicators:
        raise Http404
    if not run_service(request, services.check_plan_open_for_reports, plan):
        return redirect("plans:detail", pk=plan.pk)
    report = ProgressReport.objects.filter(plan=plan, organization=organization, period=period).first()
    if report is not None and not report.is_editable:
        return redirect("plans:report", pk=report.pk)
    current = {v.indicator_id: v for v in report.values.all()} if report else {}
    form = ReportForm(request.POST or None, indicators=indicators, current=current,
                      initial={"narrative": report.narrative if report else ""})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_save(actor=request.user, plan=plan, organization=organization, period=period,
                                          values=form.values(), narrative=form.cleaned_data["narrative"],
                                          notes=form.notes())
            if "submit" in request.POST:
                services.report_submit(actor=request.user, report=report)
                messages.success(request, _("The report has been submitted to the strategy staff."))
            else:
                messages.success(request, _("The draft has been saved. Add evidence, then submit."))
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            return redirect("plans:report", pk=report.pk)
    return render(request, "plans/report_form.html", {
        "form": form, "plan": plan, "organization": organization, "period": period_obj, "report": report,
        "due_on": period_obj.due(services.report_due_days())}, status=400 if form.errors else 200)


def report_detail(request, pk: int):
    report = access.access_report(request.user, pk)
    values = list(report.values.select_related("indicator").order_by("indicator__mechanism", "indicator_id"))
    can_edit = access.can_report_for(request.user, report.organization_id) and report.is_editable
    return render(request, "plans/report_detail.html", {
        "report": report, "plan": report.plan, "values": values, "evidence": report.evidence.all(),
        "can_edit": can_edit and report.plan.takes_reports,
        "comment_form": CommentForm(), "evidence_form": EvidenceForm(), "events": timeline(report)})


REPORT_ACTIONS = {
    "submit": (lambda r, rep: services.report_submit(actor=r.user, report=rep),
               lambda: _("The report has been submitted to the strategy staff.")),
    "accept": (lambda r, rep: services.report_accept(actor=r.user, report=rep, comment=r.POST.get("comment", "")),
               lambda: _("The report has been accepted; the scorecard is updated.")),
    "return": (lambda r, rep: services.report_return(actor=r.user, report=rep, comment=r.POST.get("comment", "")),
               lambda: _("The report has been returned with your comment.")),
}


@require_POST
def report_transition(request, pk: int, action: str):
    run, done = action_named(REPORT_ACTIONS, action)
    report = access.access_report(request.user, pk)
    run_service(request, run, request, report, success=done())
    return redirect("plans:report", pk=pk)


@require_POST
def evidence_add(request, pk: int):
    report = access.access_report(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Give the evidence a title and choose a file."))
        return redirect("plans:report", pk=pk)
    run_service(request, services.evidence_add, actor=request.user, report=report, title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"], success=_("The evidence has been added."))
    return redirect("plans:report", pk=pk)


def evidence(request, pk: int, evidence_pk: int):
    report = access.access_report(request.user, pk)
    att = get_object_or_404(Evidence, pk=evidence_pk, report=report)
    return FileResponse(att.file.open("rb"), content_type=att.content_type, as_attachment=True,
                        filename=att.file.name.rsplit("/", 1)[-1])


# --- scorecards -------------------------------------------------------------------------------
def _fy(request, province: Organization | None = None) -> int:
    form = FiscalYearForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["fy"]:
        return form.cleaned_data["fy"]
    return queries.default_fy(province)


def scorecard_home(request):
    """The national office goes to the side-by-side view; a province's people to their province."""
    if access.can_see_national(request.user):
        return redirect("plans:national")
    provinces = sorted(access.scorecard_province_ids(request.user))
    if not provinces:
        raise PermissionDenied
    return redirect("plans:scorecard", province_pk=provinces[0])


def scorecard(request, province_pk: int):
    province = access.access_province_scorecard(request.user, province_pk)
    fy = _fy(request, province)
    data = queries.province_scorecard(province, fy)
    return render(request, "plans/scorecard.html", {**data, "fy_form": FiscalYearForm(initial={"fy": fy}),
                                                    "can_see_national": access.can_see_national(request.user)})


def scorecard_pdf(request, province_pk: int):
    province = access.access_province_scorecard(request.user, province_pk)
    fy = _fy(request, province)
    return HttpResponse(documents.scorecard_pdf(province, fy), content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="scorecard-{province.code}-{fy}.pdf"'})


def national(request):
    if not access.can_see_national(request.user):
        raise PermissionDenied
    fy = _fy(request)
    provinces = Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True).order_by("name_th")
    page = Paginator(provinces, settings.PAGE_SIZES["plans_provinces"]).get_page(request.GET.get("page"))
    rows = queries.national_scorecard(list(page.object_list), fy)
    return render(request, "plans/national.html", {"page": page, "rows": rows, "fy": fy,
                                                   "fy_form": FiscalYearForm(initial={"fy": fy}),
                                                   "statuses": queries.STATUSES})
