"""The citizen's own complaints, the public dashboard and its open data."""

from __future__ import annotations

import csv
import json

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salaklang.complaints import queries
from salaklang.complaints.forms import (
    DashboardFilterForm,
)
from salaklang.complaints.models import Complaint
from salaklang.complaints.views.limits import (
    PAGE_SIZE,
    limited,
    too_many,
)
from salaklang.organizations.models import Organization


# --- the citizen's own complaints ----------------------------------------------------------------
@require_GET
def mine(request):
    qs = Complaint.objects.filter(user=request.user).order_by("-received_at", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/mine.html", {"page": page})


# --- public dashboard and open data -----------------------------------------------------------------
def _dashboard_filters(request) -> tuple[DashboardFilterForm, Organization | None, int | None]:
    form = DashboardFilterForm(request.GET or None, years=queries.years_available())
    province = year = None
    if form.is_valid():
        province, year = form.cleaned_data.get("province"), form.cleaned_data.get("year")
    return form, province, year


@login_not_required
@require_GET
def dashboard(request):
    form, province, year = _dashboard_filters(request)
    data = queries.dashboard(province=province, year=year)
    return render(request, "complaints/dashboard.html", {"form": form, "d": data, "province": province,
                                                         "query": request.GET.urlencode()})


@login_not_required
@require_GET
def open_data(request, fmt: str):
    if limited(request, "opendata", "COMPLAINTS_OPEN_DATA_RATE"):
        return too_many(request)
    if fmt not in ("csv", "json"):
        raise Http404
    _form, province, year = _dashboard_filters(request)
    rows = queries.open_data_rows(province=province, year=year)
    name = f"complaints-{province.code if province else 'all'}-{year or 'last12'}"
    if fmt == "json":
        body = json.dumps({"license": "Open Government Licence (Thailand)", "fields": list(rows[0]) if rows else [],
                           "rows": rows}, ensure_ascii=False)
        return HttpResponse(body, content_type="application/json; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.json"'})
    response = HttpResponse(content_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    response.write("\ufeff")  # Excel opens UTF-8 Thai correctly with a BOM
    writer = csv.DictWriter(response, fieldnames=["month", "province", "category", "category_name", "agency",
                                                  "district", "status", "timeliness", "count"])
    writer.writeheader()
    writer.writerows(rows)
    return response
