"""Writing the index: one object, a list of ids, or a whole kind (``manage.py search_reindex``).

Rows are written with one multi-row upsert statement per batch (``INSERT … ON CONFLICT (kind, object_id) DO
UPDATE … WHERE something changed``), on SQLite and PostgreSQL alike: a row whose text, title and facets are the
same is not rewritten, so a full reindex over an up-to-date index does not churn the FTS5 table or the trigram
GIN indexes. Measured rates: docs/performance.md (``search_bench --reindex-rate``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone

from salaklang.search.extract import preloaded
from salaklang.search.kinds import REGISTRY, Kind
from salaklang.search.models import SearchDocument
from salaklang.search.normalize import clean, thai_digits_to_arabic

MAX_BODY = 20_000
# Columns of one index row, in the order _values() gives them.
COLUMNS = ("kind", "object_id", "organization_id", "province_id", "fiscal_year", "date", "label", "title", "body",
           "url", "title_norm", "text_norm", "indexed_at")
# What decides that a row changed (title_norm and text_norm follow from title and body).
COMPARED = ("organization_id", "province_id", "fiscal_year", "date", "label", "title", "body", "url")
ROWS_PER_STATEMENT = 200  # 13 parameters each: 2,600 per statement, under every database's limit


def _fold(text: str) -> str:
    return thai_digits_to_arabic(text).casefold()


def _values(kind: Kind, obj) -> tuple | None:
    """The index row of one object as a tuple of COLUMNS without indexed_at; None: not searchable."""
    data = kind.build(obj)
    if data is None:
        return None
    title = clean(data["title"]).replace("\n", " ")[:500] or "—"
    body = clean(data.get("body", ""))[:MAX_BODY]
    return (kind.name, obj.pk, data.get("organization_id"), data.get("province_id"), data.get("fiscal_year"),
            data.get("date"), str(data.get("label") or "")[:100], title, body, data["url"][:300], _fold(title)[:500],
            _fold(f"{title}\n{body}"))


def row_for(kind: Kind, obj, now=None) -> SearchDocument | None:
    values = _values(kind, obj)
    if values is None:
        return None
    return SearchDocument(**dict(zip(COLUMNS, (*values, now or timezone.now()), strict=True)))


def _rows(kind: Kind, objs: list) -> list[tuple]:
    """The index rows of a batch of objects; their attached files' texts read in one query."""
    names = [n for o in objs for n in kind.files(o)] if kind.files else []
    with preloaded(names):
        return [v for v in (_values(kind, o) for o in objs) if v is not None]


def _upsert_sql(n: int) -> str:
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    one = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[2:])
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    changed = " OR ".join(f"{table}.{c} {distinct} excluded.{c}" for c in COMPARED)
    return (f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES {', '.join([one] * n)} "  # noqa: S608
            f"ON CONFLICT (kind, object_id) DO UPDATE SET {updates} WHERE {changed}")


def _write(kind: Kind, rows: list[tuple], drop_ids: Iterable[int], now=None) -> None:
    drop_ids = list(drop_ids)
    now = now or timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    with transaction.atomic():
        if drop_ids:
            SearchDocument.objects.filter(kind=kind.name, object_id__in=drop_ids).delete()
        with connection.cursor() as cur:
            for i in range(0, len(rows), ROWS_PER_STATEMENT):
                chunk = rows[i:i + ROWS_PER_STATEMENT]
                params = []
                for r in chunk:
                    params.extend(r[:5])
                    params.append(adapt(r[5]))
                    params.extend(r[6:])
                    params.append(adapt(now))
                cur.execute(_upsert_sql(len(chunk)), params)


def index_ids(kind_name: str, ids: Iterable[int]) -> int:
    """(Re-)index these objects of one kind now; ids that are gone or no longer searchable leave the index."""
    kind = REGISTRY[kind_name]
    ids = {int(i) for i in ids}
    if not ids:
        return 0
    rows = _rows(kind, list(kind.queryset().filter(pk__in=ids)))
    kept = {r[1] for r in rows}
    _write(kind, rows, ids - kept)
    return len(rows)


def reindex_kind(kind_name: str, *, batch: int = 1000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild one kind in batches of objects in primary-key order, each batch its own transaction (the site
    keeps serving and searching): one query per batch for the objects (plus their prefetches), one for the texts
    of their files, one upsert per 200 rows. Rows of objects that no longer exist or are no longer searchable
    are dropped per batch (the key range the batch covered) and after the last one; a row written meanwhile by
    the indexing task (``indexed_at`` after the start) is never dropped."""
    kind = REGISTRY[kind_name]
    started = timezone.now()
    qs = kind.queryset().order_by("pk")
    total = kind.model.objects.count()
    done = written = 0
    last = 0
    stale = SearchDocument.objects.filter(kind=kind.name, indexed_at__lt=started)
    while True:
        objs = list(qs.filter(pk__gt=last)[:batch])
        if not objs:
            break
        first, last = last, objs[-1].pk
        rows = _rows(kind, objs)
        kept = {r[1] for r in rows}
        _write(kind, rows, {o.pk for o in objs} - kept)
        stale.filter(object_id__gt=first, object_id__lte=last).exclude(object_id__in={o.pk for o in objs}).delete()
        done += len(objs)
        written += len(rows)
        if progress:
            progress(done, total)
    stale.filter(object_id__gt=last).delete()
    return written


def optimize() -> None:
    """After a rebuild: merge the FTS5 segments a rebuild leaves behind (SQLite; every row deleted and written
    again left queries ~1.7× slower at 60,000 documents until merged: 0.7 s) and refresh the planner's statistics
    for the index table (both databases)."""
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            for fts in ("search_fts", "search_title_fts"):
                cur.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")  # noqa: S608
        cur.execute(f"ANALYZE {table}")
