import csv

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from salaklang.audit.access import can_view_audit
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
    page = Paginator(filtered_entries(request.user, filters), 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"form": form, "page": page}, status=400 if form.errors else 200)


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
        for e in rows.iterator(chunk_size=2000):
            yield writer.writerow([
                timezone.localtime(e.at).isoformat(timespec="seconds"),
                e.actor.username if e.actor else "", e.on_behalf_of.username if e.on_behalf_of else "",
                e.action, e.verb, e.object_type, e.object_id, _safe(e.object_repr),
                e.organization.code if e.organization else "", _safe(str(e.changes)), e.ip_address or ""])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate():%Y%m%d}.csv"'
    return response


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas in exported text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
