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
    response = render(request, "audit/log.html", {"form": form, "page": page, "entries": entries},
                      status=400 if form.errors else 200)
    response["Cache-Control"] = "private, no-store"
    return response


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
