"""Trend charts as server-rendered inline SVG geometry (no JavaScript: the CSP forbids inline script and
external libraries). The template ``plans/_trend.html`` draws what ``trend()`` computes."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from salaklang.plans import periods as P
from salaklang.plans.scorecard import Point

WIDTH, HEIGHT = 240, 72
PAD_X, PAD_TOP, PAD_BOTTOM = 8, 8, 16


def _fmt(v: Decimal | None) -> str:
    if v is None:
        return "—"
    text = f"{v:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def trend(points: list[Point], *, baseline: Decimal, unit: str, name: str) -> dict:
    if not points:
        return {}
    numbers = [baseline] + [p.target for p in points if p.target is not None] + [p.actual for p in points
                                                                                  if p.actual is not None]
    low, high = min(numbers), max(numbers)
    if high == low:
        high = low + 1
    span_x = (WIDTH - 2 * PAD_X) / max(len(points) - 1, 1)
    usable = HEIGHT - PAD_TOP - PAD_BOTTOM

    def y(v: Decimal) -> float:
        return round(PAD_TOP + usable * float((high - v) / (high - low)), 1)

    def x(i: int) -> float:
        return round(PAD_X + i * span_x, 1)

    target_points = " ".join(f"{x(i)},{y(p.target)}" for i, p in enumerate(points) if p.target is not None)
    actual = [(x(i), y(p.actual), i, p) for i, p in enumerate(points) if p.actual is not None]
    labels = [P.Period.parse(p.period).short_label for p in points]
    summary = "; ".join(
        _("%(period)s target %(target)s actual %(actual)s") % {
            "period": labels[i], "target": _fmt(p.target), "actual": _fmt(p.actual)}
        for i, p in enumerate(points) if p.actual is not None or p.target is not None)
    return {
        "width": WIDTH, "height": HEIGHT,
        "target_points": target_points,
        "actual_points": " ".join(f"{ax},{ay}" for ax, ay, _i, _p in actual),
        "dots": [{"x": ax, "y": ay, "title": f"{labels[i]}: {_fmt(p.actual)} {unit}"} for ax, ay, i, p in actual],
        "first_label": labels[0], "last_label": labels[-1], "label_y": HEIGHT - 3, "last_x": WIDTH - PAD_X,
        "aria": _("Trend of %(name)s (%(unit)s): %(summary)s") % {"name": name, "unit": unit,
                                                                  "summary": summary or _("no data")},
    }
