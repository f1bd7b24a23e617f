"""The one-page scorecard PDF for the provincial meeting (WeasyPrint, Sarabun, B.E. dates).

WeasyPrint needs a few hundred milliseconds for a page of 60 indicators, and the same scorecard is fetched
by everyone preparing the same meeting, so the PDF is cached under a key made of everything it shows
(content-addressed: accepting a report or changing a target changes the key; no invalidation to forget)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation

from salaklang.documents.pdf import render_pdf
from salaklang.organizations.models import Organization
from salaklang.plans import queries

CACHE_SECONDS = 24 * 3600


def _fingerprint(data: dict, today) -> str:
    parts = [str(data["province"].pk), data["province"].name_th, str(data["fy"]), today.isoformat()]
    for block in data["plans"]:
        parts += [str(block.plan.pk), block.plan.title, block.plan.agenda.title]
        for mech in block.mechanisms:
            for row in mech.rows:
                ind = row.indicator
                parts += [str(ind.pk), ind.name, ind.unit, row.latest.period, str(row.latest.target),
                          str(row.latest.actual), row.latest.status.value]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def scorecard_pdf(province: Organization, fy: int) -> bytes:
    with translation.override("th"):
        data = queries.province_scorecard(province, fy, with_charts=False)
    now = timezone.now()
    key = f"plans:scorecard-pdf:{_fingerprint(data, timezone.localdate(now))}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf("plans/scorecard_pdf.html", {**data, "printed_at": now})
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
