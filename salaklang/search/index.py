"""Writing the index: one object, a list of ids, or a whole kind (``manage.py search_reindex``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from salaklang.search.kinds import REGISTRY, Kind
from salaklang.search.models import SearchDocument
from salaklang.search.normalize import THAI_DIGITS, clean

MAX_BODY = 20_000
FIELDS = ["organization_id", "province_id", "fiscal_year", "date", "label", "title", "body", "url", "title_norm",
          "text_norm", "indexed_at"]


def _fold(text: str) -> str:
    return text.translate(THAI_DIGITS).casefold()


def row_for(kind: Kind, obj, now=None) -> SearchDocument | None:
    data = kind.build(obj)
    if data is None:
        return None
    title = clean(data["title"]).replace("\n", " ")[:500] or "—"
    body = clean(data.get("body", ""))[:MAX_BODY]
    return SearchDocument(
        kind=kind.name, object_id=obj.pk, organization_id=data.get("organization_id"),
        province_id=data.get("province_id"), fiscal_year=data.get("fiscal_year"), date=data.get("date"),
        label=str(data.get("label") or "")[:100], title=title, body=body, url=data["url"][:300],
        title_norm=_fold(title)[:500], text_norm=_fold(f"{title}\n{body}"), indexed_at=now or timezone.now())


def _write(kind: Kind, rows: list[SearchDocument], drop_ids: Iterable[int]) -> None:
    drop_ids = list(drop_ids)
    with transaction.atomic():
        if drop_ids:
            SearchDocument.objects.filter(kind=kind.name, object_id__in=drop_ids).delete()
        if rows:
            SearchDocument.objects.bulk_create(rows, update_conflicts=True, unique_fields=["kind", "object_id"],
                                               update_fields=FIELDS)


def index_ids(kind_name: str, ids: Iterable[int]) -> int:
    """(Re-)index these objects of one kind now; ids that are gone or no longer searchable leave the index."""
    kind = REGISTRY[kind_name]
    ids = {int(i) for i in ids}
    if not ids:
        return 0
    objs = list(kind.queryset().filter(pk__in=ids))
    now = timezone.now()
    rows = [r for r in (row_for(kind, o, now) for o in objs) if r is not None]
    kept = {r.object_id for r in rows}
    _write(kind, rows, ids - kept)
    return len(rows)


def reindex_kind(kind_name: str, *, batch: int = 1000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild one kind in batches (each its own transaction, so the site keeps serving and searching), then
    drop the rows of objects that no longer exist or are no longer searchable."""
    kind = REGISTRY[kind_name]
    started = timezone.now()
    qs = kind.queryset().order_by("pk")
    total = kind.model.objects.count()
    done = written = 0
    last = 0
    while True:
        objs = list(qs.filter(pk__gt=last)[:batch])
        if not objs:
            break
        last = objs[-1].pk
        now = timezone.now()
        rows = [r for r in (row_for(kind, o, now) for o in objs) if r is not None]
        kept = {r.object_id for r in rows}
        _write(kind, rows, {o.pk for o in objs} - kept)
        done += len(objs)
        written += len(rows)
        if progress:
            progress(done, total)
    SearchDocument.objects.filter(kind=kind.name, indexed_at__lt=started).delete()
    return written
