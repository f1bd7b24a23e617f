"""Scorecard status rule and indicator math (pure functions, no database).

Rule (documented in docs/decisions/plans.md):
- The actual value of an indicator at a period is either the sum of the reported
  period values up to that period (``cumulative``) or the last reported value
  (``latest``).
- Progress from baseline towards the period target:
  ``p = (actual - baseline) / (target - baseline)``; the sign of the gap carries the
  direction, so "lower is better" works without a special case.
- If target == baseline (hold the level): met when actual is at least as good as the
  target in the indicator's direction.
- on track: p >= 1 (target met); at risk: AT_RISK_FROM <= p < 1; off track: p < AT_RISK_FROM;
  no data: nothing reported.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

AT_RISK_FROM = Decimal("0.8")


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Aggregation(StrEnum):
    CUMULATIVE = "cumulative"
    LATEST = "latest"


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


def actual_value(values: list[Decimal | None], aggregation: Aggregation) -> Decimal | None:
    """Actual value after the given periods (in order; None = not reported)."""
    reported = [v for v in values if v is not None]
    if not reported:
        return None
    if aggregation == Aggregation.CUMULATIVE:
        return sum(reported, Decimal(0))
    return reported[-1]


def progress(*, actual: Decimal, baseline: Decimal, target: Decimal) -> Decimal | None:
    """Share of the way from baseline to target; None when target == baseline."""
    if target == baseline:
        return None
    return (actual - baseline) / (target - baseline)


def status(
    *,
    actual: Decimal | None,
    baseline: Decimal,
    target: Decimal,
    direction: Direction,
) -> Status:
    if actual is None:
        return Status.NO_DATA
    p = progress(actual=actual, baseline=baseline, target=target)
    if p is None:
        met = actual >= target if direction == Direction.HIGHER else actual <= target
        return Status.ON_TRACK if met else Status.OFF_TRACK
    if p >= 1:
        return Status.ON_TRACK
    if p >= AT_RISK_FROM:
        return Status.AT_RISK
    return Status.OFF_TRACK


class Point(NamedTuple):
    period: str
    target: Decimal | None
    actual: Decimal | None  # None when nothing was reported for that period


class Latest(NamedTuple):
    period: str  # "" when nothing was reported
    actual: Decimal | None
    target: Decimal | None
    status: Status


def series(
    *,
    periods: list[str],
    targets: dict[str, Decimal],
    values: dict[str, Decimal],
    aggregation: Aggregation,
) -> list[Point]:
    """Target and actual (per ``aggregation``) at each period, in order, for the trend chart."""
    out = []
    seen: list[Decimal | None] = []
    for key in periods:
        seen.append(values.get(key))
        actual = actual_value(seen, aggregation) if key in values else None
        out.append(Point(key, targets.get(key), actual))
    return out


def latest(
    *,
    periods: list[str],
    targets: dict[str, Decimal],
    values: dict[str, Decimal],
    baseline: Decimal,
    direction: Direction,
    aggregation: Aggregation,
) -> Latest:
    """Status at the latest period with a reported (accepted) value: its target against the actual then."""
    reported = [p for p in periods if p in values]
    if not reported:
        return Latest("", None, None, Status.NO_DATA)
    last = reported[-1]
    actual = actual_value([values.get(p) for p in periods[: periods.index(last) + 1]], aggregation)
    target = targets.get(last)
    if target is None:
        return Latest(last, actual, None, Status.NO_DATA)
    return Latest(last, actual, target,
                  status(actual=actual, baseline=baseline, target=target, direction=Direction(direction)))
