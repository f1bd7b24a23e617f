"""The one-page scorecard PDF for the provincial meeting (WeasyPrint, Sarabun, B.E. dates).

One landscape A4 page at the scale of a province's HPP work (3 agendas × 20 indicators): the rows (agenda
headings, mechanism headings, indicators) are split here into two side-by-side columns of about equal
height, so WeasyPrint lays out two plain tables (CSS multi-column balancing re-lays the content several
times and doubled the render time). Status cells are filled with the status colour and carry the label.

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


NAME_CHARS_PER_LINE = 80  # what fits in the indicator column of one half page at the PDF's type size


def _row_height(row: dict) -> float:
    if row["kind"] == "indicator":
        ind = row["row"].indicator
        return 1 + (len(ind.name) + len(ind.unit) + 3) // NAME_CHARS_PER_LINE
    return 1.25 if row["kind"] == "plan" else 1.0


ROOMY_LINES = 30  # up to this many lines, one column at a larger type size fills the page better


def page_columns(plans: list, columns: int | None = None) -> list[list[dict]]:
    """The scorecard's rows split into ``columns`` runs of about equal height (default: one column up to
    ROOMY_LINES lines, else two), in reading order; a heading is never the last row of a column."""
    rows: list[dict] = []
    for block in plans:
        rows.append({"kind": "plan", "title": block.plan.agenda.title})
        for mech in block.mechanisms:
            if mech.rows:
                rows.append({"kind": "mechanism", "label": mech.label})
                rows += [{"kind": "indicator", "row": r} for r in mech.rows]
    total = sum(_row_height(r) for r in rows)
    if columns is None:
        columns = 1 if total <= ROOMY_LINES else 2
    out: list[list[dict]] = [[]]
    used = 0.0
    for row in rows:
        if used >= total / columns * len(out) and len(out) < columns:
            moved = []
            while out[-1] and out[-1][-1]["kind"] != "indicator":  # keep headings with their first rows
                moved.insert(0, out[-1].pop())
            out.append(moved)
        out[-1].append(row)
        used += _row_height(row)
    return [c for c in out if c]


def scorecard_pdf(province: Organization, fy: int) -> bytes:
    with translation.override("th"):
        data = queries.province_scorecard(province, fy, with_charts=False)
    now = timezone.now()
    key = f"plans:scorecard-pdf:{_fingerprint(data, timezone.localdate(now))}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_scorecard_pdf(data, now)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def render_scorecard_pdf(data: dict, printed_at) -> bytes:
    """The PDF of ``queries.province_scorecard(...)`` data, uncached."""
    columns = page_columns(data["plans"])
    return render_pdf("plans/scorecard_pdf.html", {**data, "columns": columns, "roomy": len(columns) == 1,
                                                   "printed_at": printed_at})
