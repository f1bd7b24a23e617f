"""Reads of plans and scorecards that are more than one QuerySet call (each a constant number of queries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Prefetch
from django.utils import timezone
from django.utils.safestring import SafeString

from salaklang.core.thai import fiscal_year
from salaklang.organizations.models import Organization
from salaklang.plans import charts, scorecard
from salaklang.plans.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Mechanism,
    Plan,
    ProgressReport,
)

STATUSES = [s.value for s in scorecard.Status]
SHOWN = [Plan.Status.ACTIVE, Plan.Status.CLOSED]


def current_fy() -> int:
    return fiscal_year(timezone.localdate()).be


def default_fy(province: Organization | None = None) -> int:
    """The current fiscal year, or the last one with an active or closed plan before it (one query)."""
    fy = current_fy()
    qs = Plan.objects.filter(status__in=SHOWN, fiscal_year_from__lte=fy)
    if province is not None:
        qs = qs.filter(province=province)
    last = qs.aggregate(m=Max("fiscal_year_to"))["m"]
    return min(fy, last) if last else fy


def targets_and_values(**indicator_filter) -> tuple[dict[int, dict[str, Decimal]], dict[int, dict[str, Decimal]]]:
    """{indicator id: {period: target}} and {indicator id: {period: accepted value}} of the indicators the
    filter (on IndicatorTarget/IndicatorValue, e.g. ``indicator__in=...``) selects (two queries)."""
    targets: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for ind_id, period, target in IndicatorTarget.objects.filter(**indicator_filter).values_list(
            "indicator_id", "period", "target"):
        targets[ind_id][period] = target
    values: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for ind_id, period, value in IndicatorValue.objects.filter(
            report__status=ProgressReport.Status.ACCEPTED, **indicator_filter).values_list(
            "indicator_id", "period", "value"):
        values[ind_id][period] = value
    return targets, values


def plan_structure(plan: Plan) -> dict:
    """Activities and indicators of a plan grouped by mechanism, with partners and targets (4 queries)."""
    activities = list(plan.activities.select_related("owner").prefetch_related(
        Prefetch("partners", queryset=Organization.objects.order_by("name_th"))))
    indicators = list(plan.indicators.select_related("owner", "activity").prefetch_related(
        Prefetch("targets", queryset=IndicatorTarget.objects.order_by("period"))))
    groups = []
    for value, label in Mechanism.choices:
        groups.append({"mechanism": value, "label": label,
                       "activities": [a for a in activities if a.mechanism == value],
                       "indicators": [i for i in indicators if i.mechanism == value]})
    total_budget = sum((a.budget for a in activities), Decimal(0))
    return {"groups": groups, "activities": activities, "indicators": indicators, "total_budget": total_budget}


def report_matrix(plan: Plan, indicators: list[Indicator]) -> dict:
    """Owner organizations × periods with the status of each report (1–2 queries)."""
    owner_ids = sorted({i.owner_id for i in indicators})
    owners = {i.owner_id: i.owner for i in indicators}
    reports = {(r.organization_id, r.period): r for r in plan.reports.only(
        "pk", "organization_id", "period", "status", "is_late", "due_on")}
    today = timezone.localdate()
    periods = [p for p in plan.periods if p.start <= today] or plan.periods[:1]
    rows = []
    for org_id in owner_ids:
        cells = [{"period": p, "report": reports.get((org_id, p.key))} for p in periods]
        rows.append({"organization": owners[org_id], "cells": cells})
    return {"periods": periods, "rows": rows}


@dataclass
class IndicatorRow:
    indicator: Indicator
    latest: scorecard.Latest
    period_label: str
    chart: str


@dataclass
class MechanismBlock:
    mechanism: str
    label: str
    rows: list[IndicatorRow] = field(default_factory=list)


@dataclass
class PlanBlock:
    plan: Plan
    mechanisms: list[MechanismBlock]
    counts: dict[str, int]


def province_scorecard(province: Organization, fy: int, *, with_charts: bool = True) -> dict:
    """Plans (agendas) × mechanisms × indicators with target vs actual at the latest reported period
    (accepted reports only) and the trend of each indicator. Four queries whatever the number of rows."""
    plans = list(Plan.objects.filter(province=province, status__in=SHOWN, fiscal_year_from__lte=fy,
                                     fiscal_year_to__gte=fy).select_related("agenda").order_by("title", "pk"))
    plan_ids = [p.pk for p in plans]
    indicators = list(Indicator.objects.filter(plan_id__in=plan_ids).select_related("owner").order_by("plan_id", "mechanism", "pk"))
    targets, values = targets_and_values(indicator__plan_id__in=plan_ids) if indicators else ({}, {})
    by_plan: dict[int, list[Indicator]] = defaultdict(list)
    for ind in indicators:
        by_plan[ind.plan_id].append(ind)
    totals = dict.fromkeys(STATUSES, 0)
    blocks = []
    for plan in plans:
        periods = plan.periods
        keys = [p.key for p in periods]
        labels = {p.key: p.short_label for p in periods}
        counts = dict.fromkeys(STATUSES, 0)
        mechanisms = []
        for value, label in Mechanism.choices:
            block = MechanismBlock(value, str(label))
            for ind in (i for i in by_plan[plan.pk] if i.mechanism == value):
                agg = scorecard.Aggregation(ind.aggregation)
                latest = scorecard.latest(periods=keys, targets=targets[ind.pk], values=values[ind.pk],
                                          baseline=ind.baseline, direction=ind.direction, aggregation=agg)
                chart = ""
                if with_charts:
                    points = scorecard.series(periods=keys, targets=targets[ind.pk], values=values[ind.pk],
                                              aggregation=agg)
                    chart = charts.trend(points, baseline=ind.baseline, unit=ind.unit, name=ind.name, labels=labels)
                block.rows.append(IndicatorRow(ind, latest, labels.get(latest.period, ""), chart))
                counts[latest.status.value] += 1
                totals[latest.status.value] += 1
            mechanisms.append(block)
        blocks.append(PlanBlock(plan, mechanisms, counts))
    return {"province": province, "fy": fy, "plans": blocks, "totals": totals,
            "indicator_count": len(indicators)}


def national_scorecard(provinces: list[Organization], fy: int) -> list[dict]:
    """One row per province: counts of indicators per mechanism and status, from the latest-status cache
    (two GROUP BY queries for the page of provinces)."""
    ids = [p.pk for p in provinces]
    counts: dict[int, dict[str, dict[str, int]]] = {pid: {m: dict.fromkeys(STATUSES, 0) for m in Mechanism.values}
                                                    for pid in ids}
    rows = (Indicator.objects.filter(province_id__in=ids, plan__status__in=SHOWN, plan__fiscal_year_from__lte=fy,
                                     plan__fiscal_year_to__gte=fy)
            .values_list("province_id", "mechanism", "status").annotate(n=Count("pk")).order_by())
    for pid, mech, status, n in rows:
        counts[pid][mech][status] = n
    plan_counts = dict(Plan.objects.filter(province_id__in=ids, status__in=SHOWN, fiscal_year_from__lte=fy,
                                           fiscal_year_to__gte=fy)
                       .values_list("province_id").annotate(n=Count("pk")).order_by())
    from salaklang.plans.templatetags.plans import status_chip

    chips = {s: str(status_chip(s)) for s in STATUSES}  # built once: the cells below are plain concatenation
    empty = '<span class="muted">—</span>'
    out = []
    for p in provinces:
        per_mech = []
        for m in Mechanism.values:
            cell = " ".join(f"{chips[s]} {counts[p.pk][m][s]}" for s in STATUSES if counts[p.pk][m][s])
            per_mech.append({"mechanism": m, "counts": [(s, counts[p.pk][m][s]) for s in STATUSES],
                             "html": SafeString(cell or empty)})
        total = {s: sum(counts[p.pk][m][s] for m in Mechanism.values) for s in STATUSES}
        out.append({"province": p, "plans": plan_counts.get(p.pk, 0), "mechanisms": per_mech, "total": total,
                    "indicators": sum(total.values())})
    return out
