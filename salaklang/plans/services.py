"""State changes of action plans and progress reports: one function per user action
(row lock, permission, transition, audit, notification)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot
from salaklang.core import workflow
from salaklang.core.thai import display_date
from salaklang.core.uploads import atomic_with_files
from salaklang.notifications.services import notify
from salaklang.organizations.models import Organization, Role
from salaklang.organizations.roles import people_with_roles
from salaklang.plans import access, queries, scorecard
from salaklang.plans import periods as P
from salaklang.plans.models import (
    Activity,
    Evidence,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Plan,
    ProgressReport,
    ReminderLog,
    report_due_days,
)

PLAN_FIELDS = ["title", "objective", "fiscal_year_from", "fiscal_year_to", "reporting_frequency"]
ACTIVITY_FIELDS = ["mechanism", "title", "description", "owner_id", "budget", "starts_on", "ends_on"]
INDICATOR_FIELDS = ["mechanism", "activity_id", "kind", "name", "unit", "value_type", "baseline", "direction",
                    "aggregation", "data_source", "owner_id"]


def _strategy_staff(province_id: int) -> list[User]:
    return list(people_with_roles([Role.PROVINCIAL_ADMIN], organizations=[province_id]))


def _reporters(organization_ids: Iterable[int]) -> list[User]:
    return list(people_with_roles(access.REPORTER_ROLES, organizations=organization_ids))


def _check_org_in_province(org: Organization, province_id: int, field: str) -> None:
    if org.pk != province_id and org.province_id != province_id:
        raise ValidationError({field: _("Choose an organization of the plan's province.")})


# --- plans ------------------------------------------------------------------------------------
def _locked_plan(actor: User, plan: Plan) -> Plan:
    """The plan locked for the transaction; PermissionDenied unless the actor manages it."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not access.can_manage_plan(actor, plan):
        raise PermissionDenied
    return plan


@transaction.atomic
def plan_create(*, actor: User, agenda, data: dict[str, Any]) -> Plan:
    from salaklang.agendas.models import Agenda

    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    if not access.can_manage_province(actor, agenda.province_id):
        raise PermissionDenied
    if agenda.status != Agenda.Status.SELECTED:
        raise ValidationError(_("An action plan can be made only for a selected agenda."))
    if Plan.objects.filter(agenda=agenda).exists():
        raise ValidationError(_("This agenda already has an action plan."))
    values = {k: v for k, v in data.items() if k in PLAN_FIELDS}
    values.setdefault("fiscal_year_from", agenda.fiscal_year)
    values.setdefault("fiscal_year_to", values["fiscal_year_from"])
    values.setdefault("title", _("Action plan: %(agenda)s") % {"agenda": agenda.title})
    plan = Plan(agenda=agenda, province_id=agenda.province_id, created_by=actor, **values)
    plan.full_clean()
    plan.save()
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=plan, verb="plan_created", organization=agenda.province,
           changes=diff({}, snapshot(plan, PLAN_FIELDS)))
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: Plan, data: dict[str, Any]) -> Plan:
    plan = _locked_plan(actor, plan)
    if not plan.is_editable:
        raise ValidationError(_("A closed plan can no longer be changed."))
    before = snapshot(plan, PLAN_FIELDS)
    for key in PLAN_FIELDS:
        if key in data:
            setattr(plan, key, data[key])
    if plan.status != Plan.Status.DRAFT and before != snapshot(plan, PLAN_FIELDS) and (
            before["reporting_frequency"] != plan.reporting_frequency
            or before["fiscal_year_from"] != plan.fiscal_year_from):
        raise ValidationError(_("The reporting periods of an active plan cannot change."))
    plan.full_clean()
    plan.save()
    changes = diff(before, snapshot(plan, PLAN_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=plan, verb="plan_updated", changes=changes)
    return plan


@transaction.atomic
def plan_activate(*, actor: User, plan: Plan) -> Plan:
    plan = _locked_plan(actor, plan)
    workflow.ensure(plan, Plan.Status.ACTIVE)
    if not plan.activities.exists():
        raise ValidationError(_("Add at least one activity before activating the plan."))
    indicators = list(plan.indicators.all())
    if not indicators:
        raise ValidationError(_("Add at least one indicator before activating the plan."))
    keys = {p.key for p in plan.periods}
    have: dict[int, set[str]] = defaultdict(set)
    for ind_id, period in IndicatorTarget.objects.filter(indicator__plan=plan).values_list("indicator_id", "period"):
        have[ind_id].add(period)
    missing = [i.name for i in indicators if not keys <= have[i.pk]]
    if missing:
        raise ValidationError(_("Set a target for every period of: %(names)s.") % {"names": ", ".join(missing)})
    plan.activated_at = timezone.now()
    workflow.transition(plan, Plan.Status.ACTIVE, actor=actor, verb="plan_activated", fields=["activated_at"])
    owners = {i.owner_id for i in indicators} | set(plan.activities.values_list("owner_id", flat=True))
    notify(recipients=_reporters(owners), actor=actor, kind="plan.activated",
           title=_("Action plan in force: %(title)s") % {"title": plan.title},
           body=_("Your organization owns activities or indicators of this plan and reports its progress %(freq)s.")
           % {"freq": plan.get_reporting_frequency_display().lower()},
           url=reverse("plans:detail", args=[plan.pk]))
    return plan


@transaction.atomic
def plan_close(*, actor: User, plan: Plan) -> Plan:
    plan = _locked_plan(actor, plan)
    plan.closed_at = timezone.now()
    workflow.transition(plan, Plan.Status.CLOSED, actor=actor, verb="plan_closed", fields=["closed_at"])
    owners = set(plan.indicators.values_list("owner_id", flat=True))
    notify(recipients=_reporters(owners), actor=actor, kind="plan.closed",
           title=_("Action plan closed: %(title)s") % {"title": plan.title},
           body=_("No further progress reports are taken for this plan."),
           url=reverse("plans:detail", args=[plan.pk]))
    return plan


# --- activities -------------------------------------------------------------------------------
def _locked_editable_plan(actor: User, plan: Plan) -> Plan:
    plan = _locked_plan(actor, plan)
    if not plan.is_editable:
        raise ValidationError(_("A closed plan can no longer be changed."))
    return plan


def _set_partners(activity: Activity, partners: Iterable[Organization] | None, province_id: int) -> None:
    if partners is None:
        return
    partners = list(partners)
    for org in partners:
        _check_org_in_province(org, province_id, "partners")
    activity.partners.set(partners)


@transaction.atomic
def activity_create(*, actor: User, plan: Plan, data: dict[str, Any],
                    partners: Iterable[Organization] | None = None) -> Activity:
    plan = _locked_editable_plan(actor, plan)
    fields = {k: v for k, v in data.items() if k in {f.removesuffix("_id") for f in ACTIVITY_FIELDS} | set(ACTIVITY_FIELDS)}
    activity = Activity(plan=plan, **fields)
    activity.full_clean()
    _check_org_in_province(activity.owner, plan.province_id, "owner")
    activity.save()
    _set_partners(activity, partners, plan.province_id)
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=activity, verb="activity_added",
           organization=plan.province, changes={**diff({}, snapshot(activity, ACTIVITY_FIELDS)),
                                                "plan": [None, plan.pk]})
    return activity


@transaction.atomic
def activity_update(*, actor: User, activity: Activity, data: dict[str, Any],
                    partners: Iterable[Organization] | None = None) -> Activity:
    plan = _locked_editable_plan(actor, activity.plan)
    activity = Activity.objects.select_for_update().get(pk=activity.pk, plan=plan)
    before = snapshot(activity, ACTIVITY_FIELDS)
    for key, value in data.items():
        if key in ACTIVITY_FIELDS or f"{key}_id" in ACTIVITY_FIELDS:
            setattr(activity, key, value)
    activity.full_clean()
    _check_org_in_province(activity.owner, plan.province_id, "owner")
    activity.save()
    _set_partners(activity, partners, plan.province_id)
    changes = diff(before, snapshot(activity, ACTIVITY_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=activity, verb="activity_updated",
               organization=plan.province, changes=changes)
    return activity


# --- indicators -------------------------------------------------------------------------------
def _parse_targets(indicator: Indicator, plan: Plan, targets: dict[str, Any]) -> dict[str, Decimal]:
    keys = [p.key for p in plan.periods]
    unknown = set(targets) - set(keys)
    if unknown:
        raise ValidationError(_("Targets are set only for the plan's reporting periods."))
    out: dict[str, Decimal] = {}
    errors = []
    for key in keys:
        raw = targets.get(key)
        if raw is None or str(raw).strip() == "":
            errors.append(_("Set a target for %(period)s.") % {"period": P.Period.parse(key).label})
            continue
        try:
            out[key] = indicator.parse_value(raw)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"targets": errors})
    return out


def _save_targets(indicator: Indicator, parsed: dict[str, Decimal]) -> dict[str, list]:
    current = dict(indicator.targets.values_list("period", "target"))
    IndicatorTarget.objects.filter(indicator=indicator).exclude(period__in=list(parsed)).delete()
    changed = {}
    for key, value in parsed.items():
        if current.get(key) != value:
            IndicatorTarget.objects.update_or_create(indicator=indicator, period=key, defaults={"target": value})
            changed[f"target {key}"] = [str(current[key]) if key in current else None, str(value)]
    return changed


def _check_indicator(indicator: Indicator, plan: Plan) -> None:
    if indicator.activity_id:
        activity = Activity.objects.filter(pk=indicator.activity_id, plan=plan).first()
        if activity is None:
            raise ValidationError({"activity": _("Choose an activity of this plan.")})
        indicator.mechanism = activity.mechanism
    _check_org_in_province(indicator.owner, plan.province_id, "owner")


@transaction.atomic
def indicator_create(*, actor: User, plan: Plan, data: dict[str, Any], targets: dict[str, Any]) -> Indicator:
    plan = _locked_editable_plan(actor, plan)
    allowed = set(INDICATOR_FIELDS) | {f.removesuffix("_id") for f in INDICATOR_FIELDS}
    indicator = Indicator(plan=plan, province_id=plan.province_id, **{k: v for k, v in data.items() if k in allowed})
    indicator.full_clean(exclude=["province"])
    _check_indicator(indicator, plan)
    parsed = _parse_targets(indicator, plan, targets)
    indicator.save()
    changes = _save_targets(indicator, parsed)
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=indicator, verb="indicator_added",
           organization=plan.province, changes={**diff({}, snapshot(indicator, INDICATOR_FIELDS)), **changes})
    indicator_refresh(indicator_ids=[indicator.pk])
    return indicator


@transaction.atomic
def indicator_update(*, actor: User, indicator: Indicator, data: dict[str, Any], targets: dict[str, Any]) -> Indicator:
    plan = _locked_editable_plan(actor, indicator.plan)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk, plan=plan)
    before = snapshot(indicator, INDICATOR_FIELDS)
    has_values = indicator.values.exists()
    for key, value in data.items():
        if key in INDICATOR_FIELDS or f"{key}_id" in INDICATOR_FIELDS:
            setattr(indicator, key, value)
    if has_values and (indicator.value_type != before["value_type"] or indicator.unit != before["unit"]):
        raise ValidationError(_("Values have been reported for this indicator: its unit and value type can no longer change."))
    indicator.full_clean(exclude=["province"])
    _check_indicator(indicator, plan)
    parsed = _parse_targets(indicator, plan, targets)
    indicator.save()
    changes = {**diff(before, snapshot(indicator, INDICATOR_FIELDS)), **_save_targets(indicator, parsed)}
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=indicator, verb="indicator_updated",
               organization=plan.province, changes=changes)
    indicator_refresh(indicator_ids=[indicator.pk])
    return indicator


def indicator_refresh(*, indicator_ids: Iterable[int]) -> None:
    """Recompute the latest-status cache of these indicators from their targets and accepted values
    (three queries plus one update per indicator whose status changed)."""
    indicators = list(Indicator.objects.filter(pk__in=list(indicator_ids)).select_related("plan"))
    if not indicators:
        return
    targets, values = queries.targets_and_values(indicator__in=indicators)
    for ind in indicators:
        result = scorecard.latest(periods=[p.key for p in ind.plan.periods], targets=targets[ind.pk],
                                  values=values[ind.pk], baseline=ind.baseline, direction=ind.direction,
                                  aggregation=scorecard.Aggregation(ind.aggregation))
        new = (result.period, result.actual, result.target, result.status.value)
        if new != (ind.latest_period, ind.latest_actual, ind.latest_target, ind.status):
            Indicator.objects.filter(pk=ind.pk).update(latest_period=result.period, latest_actual=result.actual,
                                                       latest_target=result.target, status=result.status.value)


# --- progress reports -------------------------------------------------------------------------
def check_plan_open_for_reports(plan: Plan) -> None:
    """ValidationError unless the plan is active (a closed plan and a draft say why)."""
    if plan.status == Plan.Status.CLOSED:
        raise ValidationError(_("This plan is closed: progress reports are no longer accepted."))
    if plan.status != Plan.Status.ACTIVE:
        raise ValidationError(_("Progress is reported once the plan is active."))


def _check_period(plan: Plan, period: str, today: dt.date | None = None) -> P.Period:
    keys = {p.key for p in plan.periods}
    if period not in keys:
        raise ValidationError(_("This is not a reporting period of the plan."))
    obj = P.Period.parse(period)
    if obj.start > (today or timezone.localdate()):
        raise ValidationError(_("This period has not begun yet."))
    return obj


@transaction.atomic
def report_save(*, actor: User, plan: Plan, organization: Organization, period: str,
                values: dict[int, Any], narrative: str, notes: dict[int, str] | None = None) -> ProgressReport:
    """Create or update the draft (or returned) report of an organization for a period, with its values."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    principal = access.reporting_principal(actor, organization.pk)
    check_plan_open_for_reports(plan)
    period_obj = _check_period(plan, period)
    indicators = {i.pk: i for i in plan.indicators.filter(owner=organization)}
    if not indicators:
        raise PermissionDenied
    report = (ProgressReport.objects.select_for_update()
              .filter(plan=plan, organization=organization, period=period).first())
    created = report is None
    if created:
        report = ProgressReport(plan=plan, organization=organization, period=period, created_by=actor,
                                due_on=period_obj.due(report_due_days()))
    elif not report.is_editable:
        raise ValidationError(_("This report has been submitted and can no longer be edited."))
    errors: list[str] = []
    parsed: dict[int, Decimal] = {}
    for ind_id, raw in values.items():
        indicator = indicators.get(int(ind_id))
        if indicator is None:
            raise ValidationError(_("An indicator of another organization cannot be reported here."))
        if raw is None or str(raw).strip() == "":
            continue
        try:
            parsed[indicator.pk] = indicator.parse_value(raw)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"values": errors})
    before = {} if created else {str(k): str(v) for k, v in report.values.values_list("indicator_id", "value")}
    old_narrative = report.narrative
    report.narrative = narrative
    report.save()
    notes = notes or {}
    for ind_id, value in parsed.items():
        IndicatorValue.objects.update_or_create(report=report, indicator_id=ind_id, defaults={
            "value": value, "period": period, "note": (notes.get(ind_id) or "")[:300]})
    after = {str(k): str(v) for k, v in parsed.items()}
    changes = {f"value {k}": [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if old_narrative != narrative:
        changes["narrative"] = [old_narrative, narrative]
    if created or changes:
        record(actor=actor, on_behalf_of=principal, action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
               obj=report, verb="report_drafted" if created else "report_edited", organization=organization,
               changes=changes)
    return report


@transaction.atomic
def report_submit(*, actor: User, report: ProgressReport) -> ProgressReport:
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("plan", "organization").get(pk=report.pk)
    principal = access.reporting_principal(actor, report.organization_id)
    check_plan_open_for_reports(report.plan)
    workflow.ensure(report, ProgressReport.Status.SUBMITTED)
    expected = set(report.plan.indicators.filter(owner_id=report.organization_id).values_list("pk", flat=True))
    given = set(report.values.values_list("indicator_id", flat=True))
    if expected - given:
        names = report.plan.indicators.filter(pk__in=expected - given).values_list("name", flat=True)
        raise ValidationError(_("Report a value for every indicator of your organization: %(names)s.") % {
            "names": ", ".join(names)})
    if not report.narrative.strip():
        raise ValidationError({"narrative": _("Describe the progress of the period.")})
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.is_late = timezone.localdate() > report.due_on
    workflow.transition(report, ProgressReport.Status.SUBMITTED, actor=actor, on_behalf_of=principal,
                        verb="report_submitted", fields=["submitted_at", "submitted_by", "is_late"],
                        changes={"late": [None, report.is_late]})
    notify(recipients=_strategy_staff(report.plan.province_id), actor=actor, kind="plan.report_submitted",
           title=_("Progress report submitted: %(org)s, %(period)s") % {
               "org": report.organization, "period": report.period_obj.label},
           body=str(report.plan), url=reverse("plans:report", args=[report.pk]))
    return report


def _review(actor: User, report: ProgressReport, status: str, comment: str, *, verb: str, kind: str,
            title: str) -> ProgressReport:
    """Accept or return a submitted report: lock, permission, transition, audit, scorecard (on accept), notice."""
    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("plan", "organization").get(pk=report.pk)
    if not access.can_manage_plan(actor, report.plan):
        raise PermissionDenied
    workflow.ensure(report, status)
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.review_comment = comment
    workflow.transition(report, status, actor=actor, verb=verb, message=comment,
                        fields=["reviewed_at", "reviewed_by", "review_comment"])
    if status == ProgressReport.Status.ACCEPTED:
        indicator_refresh(indicator_ids=report.values.values_list("indicator_id", flat=True))
    notify(recipients=[report.submitted_by, *_reporters([report.organization_id])], actor=actor, kind=kind,
           title=title % {"period": report.period_obj.label}, body=comment,
           url=reverse("plans:report", args=[report.pk]))
    return report


@transaction.atomic
def report_accept(*, actor: User, report: ProgressReport, comment: str = "") -> ProgressReport:
    return _review(actor, report, ProgressReport.Status.ACCEPTED, comment, verb="report_accepted",
                   kind="plan.report_accepted", title=_("Progress report accepted: %(period)s"))


@transaction.atomic
def report_return(*, actor: User, report: ProgressReport, comment: str) -> ProgressReport:
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say what should change.")})
    return _review(actor, report, ProgressReport.Status.RETURNED, comment, verb="report_returned",
                   kind="plan.report_returned", title=_("Progress report returned for revision: %(period)s"))


@atomic_with_files  # issue 10: a rolled-back report leaves no file on disk
def evidence_add(*, actor: User, report: ProgressReport, title: str, upload) -> Evidence:
    """An evidence file, checked by content and size (salaklang.core.uploads)."""
    from salaklang.core.uploads import content_type

    report = ProgressReport.objects.select_for_update(of=("self",)).select_related("plan").get(pk=report.pk)
    principal = access.reporting_principal(actor, report.organization_id)
    check_plan_open_for_reports(report.plan)
    if not report.is_editable:
        raise ValidationError(_("This report has been submitted and can no longer be edited."))
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the evidence a title.")})
    mime = content_type(upload)
    evidence = Evidence.objects.create(report=report, title=title.strip()[:200], file=upload, content_type=mime,
                                       size=upload.size, uploaded_by=actor)
    record(actor=actor, on_behalf_of=principal, action=AuditEntry.Action.UPDATE, obj=report, verb="evidence_added",
           changes={"evidence": [None, evidence.title]})
    return evidence


# --- reminders --------------------------------------------------------------------------------
REMINDER_OFFSETS = {ReminderLog.Kind.D7: 7, ReminderLog.Kind.D1: 1, ReminderLog.Kind.AFTER: -1}


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """The periodic job: 7 and 1 day(s) before a report's due date and the day after it, once each per
    organization and period, to owners whose report is not submitted (or accepted)."""
    today = timezone.localdate(now or timezone.now())
    days = report_due_days()
    plans = list(Plan.objects.filter(status=Plan.Status.ACTIVE))
    wanted: list[tuple[Plan, str, str]] = []  # (plan, period key, kind)
    for plan in plans:
        for period in plan.periods:
            days_left = (period.due(days) - today).days
            for kind, offset in REMINDER_OFFSETS.items():
                if days_left == offset:
                    wanted.append((plan, period.key, kind))
    if not wanted:
        return 0
    plan_ids = {p.pk for p, _k, _kind in wanted}
    owners: dict[int, set[int]] = defaultdict(set)
    for plan_id, owner_id in Indicator.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "owner_id").distinct():
        owners[plan_id].add(owner_id)
    keys = {k for _p, k, _kind in wanted}
    done = set(ProgressReport.objects.filter(plan_id__in=plan_ids, period__in=keys, status__in=[
        ProgressReport.Status.SUBMITTED, ProgressReport.Status.ACCEPTED]).values_list("plan_id", "organization_id", "period"))
    logged = set(ReminderLog.objects.filter(plan_id__in=plan_ids, period__in=keys).values_list(
        "plan_id", "organization_id", "period", "kind"))
    sent = 0
    for plan, key, kind in wanted:
        pending = [o for o in sorted(owners[plan.pk]) if (plan.pk, o, key) not in done
                   and (plan.pk, o, key, kind) not in logged]
        if pending:
            sent += _remind(plan, key, kind, pending, days)
    return sent


@transaction.atomic
def _remind(plan: Plan, key: str, kind: str, organization_ids: list[int], days: int) -> int:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # two runs at once: the second sees the first's log
    already = set(ReminderLog.objects.filter(plan=plan, period=key, kind=kind).values_list("organization_id", flat=True))
    organization_ids = [o for o in organization_ids if o not in already]
    if not organization_ids:
        return 0
    ReminderLog.objects.bulk_create([ReminderLog(plan=plan, organization_id=o, period=key, kind=kind)
                                     for o in organization_ids])
    period = P.Period.parse(key)
    due = period.due(days)
    label = ReminderLog.Kind(kind).label
    notify(recipients=_reporters(organization_ids), actor=None, kind="plan.reminder",
           title=_("Reminder: progress report for %(period)s is due on %(due)s") % {
               "period": period.label, "due": display_date(due)},
           body=_("%(plan)s — reminder sent %(when)s.") % {"plan": plan.title, "when": label},
           url=reverse("plans:detail", args=[plan.pk]))
    record(actor=None, action=AuditEntry.Action.NOTIFY, obj=plan, verb=f"report_reminder_{kind}",
           changes={"period": [None, key], "organizations": [None, organization_ids]})
    return len(organization_ids)
