"""The statistics rollup: the public dashboard reads these small tables, never the complaints table.

Each complaint contributes one row key to ``ComplaintStat`` (its month of receipt, province, category, agency,
district, status, timeliness) and up to two histogram keys to ``ComplaintDurationStat``. A service that
changes a complaint takes ``contribution(c)`` before and after the change and calls ``apply(before, after)``,
which upserts only the difference (``n = n + delta``) in one statement per table, keys in sorted order so
concurrent writers cannot deadlock. ``rebuild()`` recomputes everything with GROUP BY queries.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import TruncMonth

from salaklang.complaints.models import Complaint, ComplaintDurationStat, ComplaintStat

# Upper edges (hours, exclusive) of the duration histogram buckets; the last bucket is open-ended.
BUCKET_EDGES = [1, 2, 4, 8, 24, 48, 72, 120, 168, 240, 360, 504, 720, 1440, 2160]

StatKey = tuple  # ("s", month, province, category, agency, district, status, timeliness) or ("d", ..., metric, bucket)


def bucket_of(hours: int) -> int:
    for i, edge in enumerate(BUCKET_EDGES):
        if hours < edge:
            return i
    return len(BUCKET_EDGES)


def bucket_bounds(i: int) -> tuple[float, float]:
    low = BUCKET_EDGES[i - 1] if i > 0 else 0
    high = BUCKET_EDGES[i] if i < len(BUCKET_EDGES) else low * 1.5
    return float(low), float(high)


def timeliness_of(c: Complaint) -> int:
    if c.closed_on_time is None:
        return ComplaintStat.Timeliness.OPEN
    return ComplaintStat.Timeliness.ON_TIME if c.closed_on_time else ComplaintStat.Timeliness.LATE


def contribution(c: Complaint) -> Counter:
    """The rollup keys of one complaint at three levels (sentinel 0 in the id columns):

    * fine: (month, province, category, agency, district, status, timeliness) — the province dashboards;
    * national: province 0, agency 0, district 0 — the national dashboard reads a few thousand rows;
    * province total: category 0 and status "" — the national "by province" table (changes only on intake).
    """
    month = c.received_date.replace(day=1)
    prov, cat, agency, district = c.province_id, c.category_id, c.agency_id or 0, c.district_id or 0
    t = timeliness_of(c)
    out: Counter = Counter()
    out[("s", month, prov, cat, agency, district, c.status, t)] += 1
    out[("s", month, 0, cat, 0, 0, c.status, t)] += 1
    out[("s", month, prov, 0, 0, 0, "", 0)] += 1
    for metric, hours in ((ComplaintDurationStat.Metric.FIRST_RESPONSE.value, c.first_response_hours),
                          (ComplaintDurationStat.Metric.RESOLUTION.value, c.resolution_hours)):
        if hours is not None:
            b = bucket_of(hours)
            out[("d", month, prov, cat, agency, district, metric, b)] += 1
            out[("d", month, 0, cat, 0, 0, metric, b)] += 1
    return out


def _upsert(table: str, columns: list[str], key_columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # Identifiers come from model meta; values are parameters.
    values = ", ".join([one] * len(rows))
    conflict = ", ".join(qn(c) for c in key_columns)
    n = qn("n")
    sql = f"INSERT INTO {qn(table)} ({cols}) VALUES {values} ON CONFLICT ({conflict}) DO UPDATE SET {n} = {qn(table)}.{n} + EXCLUDED.{n}"  # noqa: S608, E501
    params = [v for row in rows for v in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


STAT_KEY = ["month", "province_id", "category_id", "agency_id", "district_id", "status", "timeliness"]
DUR_KEY = ["month", "province_id", "category_id", "agency_id", "district_id", "metric", "bucket"]


def apply(before: Counter | None, after: Counter | None) -> None:
    """Write ``after - before`` into the rollup (inside the caller's transaction)."""
    delta: Counter = Counter()
    for key, n in (after or {}).items():
        delta[key] += n
    for key, n in (before or {}).items():
        delta[key] -= n
    stat_rows, dur_rows = [], []
    for key in sorted((k for k, v in delta.items() if v), key=lambda k: tuple(str(x) for x in k)):
        (stat_rows if key[0] == "s" else dur_rows).append((*key[1:], delta[key]))
    _upsert(ComplaintStat._meta.db_table, [*STAT_KEY, "n"], STAT_KEY, stat_rows)
    _upsert(ComplaintDurationStat._meta.db_table, [*DUR_KEY, "n"], DUR_KEY, dur_rows)


def _bucket_case(field: str) -> Case:
    whens = [When(**{f"{field}__lt": edge}, then=Value(i)) for i, edge in enumerate(BUCKET_EDGES)]
    return Case(*whens, default=Value(len(BUCKET_EDGES)), output_field=IntegerField())


def _bulk(model, objects, batch: int = 5000) -> int:
    """bulk_create from an iterator in batches (the rollup of 2,000,000 complaints never sits in memory)."""
    count, buf = 0, []
    for obj in objects:
        buf.append(obj)
        if len(buf) >= batch:
            model.objects.bulk_create(buf)
            count, buf = count + len(buf), []
    if buf:
        model.objects.bulk_create(buf)
        count += len(buf)
    return count


@transaction.atomic
def rebuild(province_id: int | None = None) -> tuple[int, int]:
    """Recompute the rollup from the complaints (all provinces, or one). Returns (stat rows, duration rows)."""
    complaints = Complaint.objects.all()
    stats = ComplaintStat.objects.all()
    durations = ComplaintDurationStat.objects.all()
    if province_id is not None:
        complaints = complaints.filter(province_id=province_id)
        stats = stats.filter(province_id=province_id)
        durations = durations.filter(province_id=province_id)
    stats.delete()
    durations.delete()
    complaints = complaints.annotate(m=TruncMonth("received_date")).order_by()
    timeliness = Case(When(closed_on_time=True, then=Value(1)), When(closed_on_time=False, then=Value(2)),
                      default=Value(0), output_field=IntegerField())
    fine = ["m", "province_id", "category_id", "agency_id", "district_id"]
    n_stats = _bulk(ComplaintStat, (
        ComplaintStat(month=r["m"], province_id=r["province_id"], category_id=r["category_id"],
                      agency_id=r["agency_id"] or 0, district_id=r["district_id"] or 0, status=r["status"],
                      timeliness=r["t"], n=r["n"])
        for r in complaints.annotate(t=timeliness).values(*fine, "status", "t").annotate(n=Count("pk"))
        .iterator(chunk_size=5000)))
    n_stats += _bulk(ComplaintStat, (
        ComplaintStat(month=r["m"], province_id=r["province_id"], category_id=0, agency_id=0, district_id=0,
                      status="", timeliness=0, n=r["n"])
        for r in complaints.values("m", "province_id").annotate(n=Count("pk")).iterator(chunk_size=5000)))
    n_durations = 0
    for metric, field in ((ComplaintDurationStat.Metric.FIRST_RESPONSE, "first_response_hours"),
                          (ComplaintDurationStat.Metric.RESOLUTION, "resolution_hours")):
        rows = (complaints.filter(~Q(**{f"{field}__isnull": True})).annotate(b=_bucket_case(field))
                .values(*fine, "b").annotate(n=Count("pk")))
        n_durations += _bulk(ComplaintDurationStat, (
            ComplaintDurationStat(month=r["m"], province_id=r["province_id"], category_id=r["category_id"],
                                  agency_id=r["agency_id"] or 0, district_id=r["district_id"] or 0,
                                  metric=metric.value, bucket=r["b"], n=r["n"])
            for r in rows.iterator(chunk_size=5000)))
    _rebuild_national()
    return n_stats, n_durations


def _rebuild_national() -> None:
    """The national rows (province 0) summed from the fine rows (so a one-province rebuild keeps them right)."""
    ComplaintStat.objects.filter(province_id=0).delete()
    ComplaintDurationStat.objects.filter(province_id=0).delete()
    ComplaintStat.objects.bulk_create([
        ComplaintStat(month=r["month"], province_id=0, category_id=r["category_id"], agency_id=0, district_id=0,
                      status=r["status"], timeliness=r["timeliness"], n=r["t"])
        for r in ComplaintStat.objects.filter(province_id__gt=0, category_id__gt=0)
        .values("month", "category_id", "status", "timeliness").annotate(t=Sum("n")).order_by() if r["t"]],
        batch_size=2000)
    ComplaintDurationStat.objects.bulk_create([
        ComplaintDurationStat(month=r["month"], province_id=0, category_id=r["category_id"], agency_id=0,
                              district_id=0, metric=r["metric"], bucket=r["bucket"], n=r["t"])
        for r in ComplaintDurationStat.objects.filter(province_id__gt=0)
        .values("month", "category_id", "metric", "bucket").annotate(t=Sum("n")).order_by() if r["t"]],
        batch_size=2000)
