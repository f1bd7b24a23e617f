"""The one-page scorecard PDF for the provincial meeting (WeasyPrint, Sarabun, B.E. dates)."""

from __future__ import annotations

from django.utils import timezone, translation

from salaklang.documents.pdf import render_pdf
from salaklang.organizations.models import Organization
from salaklang.plans import queries


def scorecard_pdf(province: Organization, fy: int) -> bytes:
    with translation.override("th"):
        data = queries.province_scorecard(province, fy, with_charts=False)
    return render_pdf("plans/scorecard_pdf.html", {**data, "printed_at": timezone.now()})
