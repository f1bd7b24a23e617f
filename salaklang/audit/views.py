import csv

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from salaklang.audit.access import can_view_audit, unseal
from salaklang.audit.forms import AuditFilterForm
from salaklang.audit.models import AuditEntry
from salaklang.audit.queries import filtered_entries
from salaklang.audit.services import record


def _form(request):
    if not can_view_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, filters


def audit_log(request):
    form, filters = _form(request)
    page = Paginator(filtered_entries(request.user, filters), settings.PAGE_SIZES["audit"]).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    revealed = unseal(request.user, [e for e in entries if _is_sealed(e)])
    for e in entries:
        e.is_sealed = _is_sealed(e)
        e.revealed = revealed.get(e.pk)
    attach_change_rows(entries)
    response = render(request, "audit/log.html", {"form": form, "page": page, "entries": entries},
                      status=400 if form.errors else 200)
    response["Cache-Control"] = "private, no-store"
    return response


def _organization_fields(object_type: str) -> set[str]:
    """The change keys of an entry's model that hold an organization's id (``agency``, ``agency_id``, ``issuer`` …)."""
    from django.apps import apps

    from salaklang.organizations.models import Organization

    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return set()
    keys = set()
    for f in model._meta.get_fields():
        if getattr(f, "many_to_one", False) and f.concrete and f.related_model is Organization:
            keys |= {f.name, f.attname}
    return keys


def attach_change_rows(entries) -> None:
    """``e.change_rows``: (field, old, new) with an organization's id shown as its name — the names of the whole
    page in one query (``agency: — → 38`` told the reader nothing)."""
    from salaklang.organizations.models import Organization

    fields_of: dict[str, set[str]] = {}
    wanted: set[int] = set()
    for e in entries:
        keys = fields_of.setdefault(e.object_type, _organization_fields(e.object_type))
        changes = e.changes if isinstance(e.changes, dict) else {}
        for key, pair in changes.items():
            if key in keys and isinstance(pair, list | tuple):
                wanted |= {v for v in pair if isinstance(v, int) and not isinstance(v, bool)}
    names = {o.pk: o.name for o in Organization.objects.filter(pk__in=wanted).only("pk", "name_th", "name_en")} \
        if wanted else {}
    for e in entries:
        keys = fields_of[e.object_type]
        rows = []
        for key, pair in (e.changes.items() if isinstance(e.changes, dict) else []):
            old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
            if key in keys:
                old, new = (names.get(v, v) if isinstance(v, int) else v for v in (old, new))
            rows.append((key, old, new))
        e.change_rows = rows


def _is_sealed(entry) -> bool:
    return hasattr(entry, "sealed")  # the reverse one-to-one raises (an AttributeError) when absent


class _Echo:
    def write(self, value):
        return value


def audit_export_csv(request):
    form, filters = _form(request)
    rows = filtered_entries(request.user, filters)
    record(actor=request.user, action=AuditEntry.Action.EXPORT, obj=request.user, verb="audit_exported",
           changes={"filters": {k: str(v) for k, v in filters.items() if v}})
    writer = csv.writer(_Echo())
    header = ["at", "actor", "on_behalf_of", "action", "event", "object_type", "object_id", "object", "organization",
              "changes", "ip_address"]

    def stream():
        yield "\ufeff"  # BOM: Excel opens Thai UTF-8 correctly
        yield writer.writerow(header)
        for chunk in _chunks(rows.iterator(chunk_size=2000), 2000):
            revealed = unseal(request.user, [e for e in chunk if _is_sealed(e)])
            for e in chunk:
                shown = revealed.get(e.pk)
                sealed = _is_sealed(e)
                actor = (shown["actor"] or "") if shown else (SEALED if sealed else
                                                             (e.actor.username if e.actor else ""))
                ip = (shown["ip_address"] or "") if shown else ("" if sealed else e.ip_address or "")
                yield writer.writerow([
                    timezone.localtime(e.at).isoformat(timespec="seconds"),
                    actor, e.on_behalf_of.username if e.on_behalf_of else "",
                    e.action, e.verb, e.object_type, e.object_id, _safe(e.object_repr),
                    e.organization.code if e.organization else "", _safe(str(e.changes)), ip])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


SEALED = "(sealed)"


def _chunks(iterable, size: int):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas in exported text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
