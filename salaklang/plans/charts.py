"""Trend charts as server-rendered inline SVG (no JavaScript: the CSP forbids inline script and external
libraries; no inline style either, only SVG presentation attributes). Built here with ``format_html`` (every
text escaped) because sixty charts through template includes cost more than the rest of the page."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from salaklang.plans.scorecard import Point

WIDTH, HEIGHT = 240, 72
PAD_X, PAD_TOP, PAD_BOTTOM = 8, 8, 16


def _fmt(v: Decimal | None) -> str:
    if v is None:
        return "—"
    text = f"{v:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def trend(points: list[Point], *, baseline: Decimal, unit: str, name: str, labels: dict[str, str]) -> SafeString:
    """The chart of one indicator: target (dashed) and actual (solid, a dot per accepted value)."""
    if not points:
        return SafeString("")
    numbers = [baseline] + [p.target for p in points if p.target is not None] + [
        p.actual for p in points if p.actual is not None]
    low, high = float(min(numbers)), float(max(numbers))
    if high == low:
        high = low + 1
    span_x = (WIDTH - 2 * PAD_X) / max(len(points) - 1, 1)
    scale = (HEIGHT - PAD_TOP - PAD_BOTTOM) / (high - low)

    def xy(i: int, v: Decimal) -> str:
        return f"{PAD_X + i * span_x:.1f},{PAD_TOP + (high - float(v)) * scale:.1f}"

    target = " ".join(xy(i, p.target) for i, p in enumerate(points) if p.target is not None)
    actual = [(i, p) for i, p in enumerate(points) if p.actual is not None]
    each = _("%(period)s target %(target)s actual %(actual)s")
    summary = "; ".join(
        each % {
            "period": labels[p.period], "target": _fmt(p.target), "actual": _fmt(p.actual)}
        for p in points if p.actual is not None or p.target is not None)
    aria = _("Trend of %(name)s (%(unit)s): %(summary)s") % {"name": name, "unit": unit,
                                                             "summary": summary or _("no data")}
    axis_y = HEIGHT - PAD_BOTTOM
    lines = ""
    if target:
        lines += f'<polyline points="{target}" fill="none" stroke="#666" stroke-width="1.5" stroke-dasharray="4 3"/>'
    if actual:
        lines += ('<polyline points="' + " ".join(xy(i, p.actual) for i, p in actual)
                  + '" fill="none" stroke="#1d4e89" stroke-width="2"/>')
        for i, p in actual:
            x, y = xy(i, p.actual).split(",")
            title = escape(f"{labels[p.period]}: {_fmt(p.actual)} {unit}")
            lines += f'<circle cx="{x}" cy="{y}" r="3" fill="#1d4e89"><title>{title}</title></circle>'
    # one format_html for the chart: the numbers are ours and every text in ``lines`` went through escape()
    return format_html(
        '<svg class="trend" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{aria}" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<line x1="0" y1="{axis}" x2="{w}" y2="{axis}" stroke="#999" stroke-width="1"/>{lines}'
        '<text x="2" y="{ly}" font-size="9" fill="#333">{first}</text>'
        '<text x="{lx}" y="{ly}" font-size="9" fill="#333" text-anchor="end">{last}</text></svg>',
        w=WIDTH, h=HEIGHT, aria=aria, axis=axis_y, lines=SafeString(lines), ly=HEIGHT - 3, lx=WIDTH - PAD_X,
        first=labels[points[0].period], last=labels[points[-1].period])
