"""Reads of the complaint pages: the inbox and the public dashboard (from the rollup only)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet, Sum
from django.utils import timezone

from salaklang.complaints import access
from salaklang.complaints.models import (
    Category,
    Complaint,
    ComplaintDurationStat,
    ComplaintEvent,
    ComplaintStat,
)
from salaklang.complaints.stats import bucket_bounds
from salaklang.organizations.models import Organization

S = Complaint.Status


# --- inbox --------------------------------------------------------------------------------------
def inbox(user, *, status: str = "", category: Category | None = None, overdue: bool = False,
          code: str = "", agency: Organization | None = None) -> QuerySet[Complaint]:
    """The complaints this person handles: the centre sees its province, an agency its own. Open ones by
    default, newest first; overdue ones most overdue first. Every filter has an index (Complaint.Meta.indexes)."""
    qs = access.visible_complaints(user)
    if code:
        return qs.filter(code=code).select_related("category", "agency", "district")
    if status == "all":
        pass
    elif status in S.values:
        qs = qs.filter(status=status)
    else:
        qs = qs.filter(status__in=Complaint.OPEN)
    if category is not None:
        qs = qs.filter(category=category)
    if agency is not None:
        qs = qs.filter(agency=agency)
    order = ("-received_at", "-pk")
    if overdue:
        qs = qs.filter(status__in=Complaint.OPEN, resolve_due__lt=timezone.localdate())
        order = ("resolve_due", "pk")  # the most overdue first (the open-due partial index)
    return qs.select_related("category", "agency", "district").only(
        "pk", "code", "subject", "status", "channel", "received_at", "ack_due", "resolve_due", "acknowledged_at",
        "reopen_count", "district_name", "subdistrict", "category__name_th", "category__name_en",
        "category__code", "agency__name_th", "agency__name_en", "agency__short_name", "district__name_th",
        "district__name_en").order_by(*order)


def inbox_counts(user) -> dict[str, int]:
    """Open, overdue and due-within-a-week counts for the dashboard panel (three COUNT queries)."""
    today = timezone.localdate()
    qs = access.visible_complaints(user).filter(status__in=Complaint.OPEN)
    return {"open": qs.count(), "overdue": qs.filter(resolve_due__lt=today).count(),
            "due_soon": qs.filter(resolve_due__gte=today, resolve_due__lte=today + dt.timedelta(days=7)).count()}


def public_timeline(c: Complaint):
    return (c.events.filter(is_public=True, kind__in=ComplaintEvent.PUBLIC_KINDS).select_related("organization")
            .order_by("at", "pk"))


# --- public dashboard ---------------------------------------------------------------------------
def month_range(year: int | None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    if year:
        return dt.date(year, 1, 1), dt.date(year, 12, 1)
    end = today.replace(day=1)
    start_month = end.month - 11
    start = dt.date(end.year + (start_month - 1) // 12, (start_month - 1) % 12 + 1, 1)
    return start, end


def years_available() -> list[int]:
    today = timezone.localdate()
    return list(range(today.year, today.year - 5, -1))


def median_from_histogram(counts: dict[int, int]) -> float | None:
    """Median hours from a bucket histogram, interpolating linearly inside the median's bucket."""
    total = sum(counts.values())
    if not total:
        return None
    half, seen = total / 2, 0
    for bucket in sorted(counts):
        n = counts[bucket]
        if seen + n >= half:
            low, high = bucket_bounds(bucket)
            return low + (high - low) * ((half - seen) / n if n else 0)
        seen += n
    return None


def _names(model, ids) -> dict[int, str]:
    ids = [i for i in ids if i]
    if not ids:
        return {}
    return {o.pk: o.name for o in model.objects.filter(pk__in=ids)}


def dashboard(*, province: Organization | None = None, year: int | None = None) -> dict:
    """Everything the public dashboard shows, from the rollup tables (a constant number of small queries)."""
    start, end = month_range(year)
    in_period = {"month__gte": start, "month__lte": end}
    # Province: its fine rows. National: the national rows (province 0), a few thousand at most.
    scope = province.pk if province is not None else 0
    stats = ComplaintStat.objects.filter(province_id=scope, category_id__gt=0, **in_period)
    durations = ComplaintDurationStat.objects.filter(province_id=scope, **in_period)

    def grouped(field):
        return {r[field]: r["t"] for r in stats.values(field).annotate(t=Sum("n")).order_by() if r["t"]}

    by_status = grouped("status")
    by_category = grouped("category_id")
    by_district = grouped("district_id") if province is not None else {}
    by_agency = grouped("agency_id") if province is not None else {}
    by_month = grouped("month")
    by_timeliness = grouped("timeliness")
    by_province = {}
    if province is None:
        by_province = {r["province_id"]: r["t"] for r in ComplaintStat.objects.filter(
            category_id=0, province_id__gt=0, **in_period).values("province_id").annotate(t=Sum("n")).order_by()
            if r["t"]}
    hist: dict[str, dict[int, int]] = defaultdict(dict)
    for r in durations.values("metric", "bucket").annotate(t=Sum("n")).order_by():
        hist[r["metric"]][r["bucket"]] = r["t"]

    categories = {c.pk: c for c in Category.objects.all()}
    orgs = _names(Organization, set(by_district) | set(by_agency) | set(by_province))
    total = sum(by_status.values())
    on_time = by_timeliness.get(ComplaintStat.Timeliness.ON_TIME, 0)
    late = by_timeliness.get(ComplaintStat.Timeliness.LATE, 0)
    months = []
    m = start
    while m <= end:
        months.append({"month": m, "n": by_month.get(m, 0)})
        m = dt.date(m.year + (m.month // 12), m.month % 12 + 1, 1)
    peak = max([row["n"] for row in months] + [1])
    for row in months:
        row["pct"] = round(100 * row["n"] / peak)

    def rows(counter, label):
        out = [{"key": k, "label": label(k), "n": n} for k, n in counter.items()]
        return sorted(out, key=lambda r: (-r["n"], str(r["label"])))

    status_labels = dict(S.choices)
    return {
        "start": start, "end": end, "total": total,
        "by_status": [{"key": s, "label": status_labels[s], "n": by_status.get(s, 0)} for s in S.values
                      if by_status.get(s)],
        "by_category": rows(by_category, lambda k: categories[k].name if k in categories else "—"),
        "by_district": rows(by_district, lambda k: orgs.get(k, "—") if k else "—"),
        "by_agency": rows(by_agency, lambda k: orgs.get(k, "—") if k else "—"),
        "by_province": rows(by_province, lambda k: orgs.get(k, "—")),
        "by_month": months,
        "closed": on_time + late, "on_time": on_time,
        "on_time_pct": round(100 * on_time / (on_time + late)) if (on_time + late) else None,
        "median_first_response_hours": median_from_histogram(hist.get(ComplaintDurationStat.Metric.FIRST_RESPONSE, {})),
        "median_resolution_hours": median_from_histogram(hist.get(ComplaintDurationStat.Metric.RESOLUTION, {})),
    }


def open_data_rows(*, province: Organization | None = None, year: int | None = None) -> list[dict]:
    """The rollup as open data: counts per month, province, category, agency, district, status and timeliness
    (no personal data: nothing below the level of a count)."""
    start, end = month_range(year)
    qs = ComplaintStat.objects.filter(month__gte=start, month__lte=end, n__gt=0, province_id__gt=0,
                                      category_id__gt=0)
    if province is not None:
        qs = qs.filter(province_id=province.pk)
    rows = list(qs.order_by("month", "province_id", "category_id", "agency_id", "district_id", "status",
                            "timeliness").values_list("month", "province_id", "category_id", "agency_id",
                                                      "district_id", "status", "timeliness", "n"))
    org_ids = {r[1] for r in rows} | {r[3] for r in rows} | {r[4] for r in rows}
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=[i for i in org_ids if i]).only(
        "pk", "code", "name_th", "name_en")}
    cats = {c.pk: c for c in Category.objects.all()}
    labels = {0: "open", 1: "on_time", 2: "late"}
    out = []
    for month, prov, cat, agency, district, status, timeliness, n in rows:
        out.append({
            "month": month.strftime("%Y-%m"),
            "province": orgs[prov].code if prov in orgs else "",
            "category": cats[cat].code if cat in cats else "",
            "category_name": cats[cat].name_th if cat in cats else "",
            "agency": orgs[agency].name_th if agency in orgs else "",
            "district": orgs[district].name_th if district in orgs else "",
            "status": status,
            "timeliness": labels.get(timeliness, ""),
            "count": n,
        })
    return out
