"""Reporting periods of a plan (pure functions, no database).

Periods follow the Thai fiscal year (1 October – 30 September, named by its B.E. end year):
quarter 1 is October–December, month 1 is October. A period is stored as a sortable key:
``2570Q1`` … ``2570Q4`` or ``2570M01`` … ``2570M12``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from salaklang.core.thai import BE_OFFSET, MONTHS_SHORT

MONTHLY = "monthly"
QUARTERLY = "quarterly"

_KEY = re.compile(r"^(?P<fy>\d{4})(?:Q(?P<q>[1-4])|M(?P<m>0[1-9]|1[0-2]))$")


def _month_start(fy_be: int, fiscal_month: int) -> dt.date:
    """Fiscal month 1 = October of the previous C.E. year."""
    ce = fy_be - BE_OFFSET
    month = (fiscal_month + 8) % 12 + 1  # 1→10, 3→12, 4→1, 12→9
    year = ce - 1 if month >= 10 else ce
    return dt.date(year, month, 1)


def _month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


@dataclass(frozen=True, order=True)
class Period:
    key: str
    fiscal_year: int
    number: int  # quarter 1–4 or fiscal month 1–12
    frequency: str

    @classmethod
    def parse(cls, key: str) -> Period:
        m = _KEY.match(key or "")
        if not m:
            raise ValueError(f"not a period key: {key!r}")
        if m.group("q"):
            return cls(key, int(m.group("fy")), int(m.group("q")), QUARTERLY)
        return cls(key, int(m.group("fy")), int(m.group("m")), MONTHLY)

    @property
    def start(self) -> dt.date:
        if self.frequency == QUARTERLY:
            return _month_start(self.fiscal_year, (self.number - 1) * 3 + 1)
        return _month_start(self.fiscal_year, self.number)

    @property
    def end(self) -> dt.date:
        if self.frequency == QUARTERLY:
            return _month_end(_month_start(self.fiscal_year, self.number * 3))
        return _month_end(self.start)

    def due(self, days_after_end: int) -> dt.date:
        return self.end + dt.timedelta(days=days_after_end)

    @property
    def label(self) -> str:
        """'ไตรมาส 1/2570 (ต.ค.–ธ.ค. 69)' or 'ต.ค. 68' (English: 'Q1 FY2027 (Oct–Dec 2026)', 'Oct 2025')."""
        if _english():
            first, last = self.start, self.end
            if self.frequency == QUARTERLY:
                return f"Q{self.number} FY{self.fiscal_year - BE_OFFSET} ({first:%b}–{last:%b} {last.year})"
            return f"{first:%b} {first.year}"
        if self.frequency == QUARTERLY:
            first, last = self.start, self.end
            return (f"ไตรมาส {self.number}/{self.fiscal_year} "
                    f"({MONTHS_SHORT[first.month - 1]}–{MONTHS_SHORT[last.month - 1]} {(last.year + BE_OFFSET) % 100:02d})")
        return f"{MONTHS_SHORT[self.start.month - 1]} {(self.start.year + BE_OFFSET) % 100:02d}"

    @property
    def name(self) -> str:
        """The period without its months, where a row lists several: 'ไตรมาส 1/2570' (English 'Q1 FY2027');
        a month is already short ('ต.ค. 68', 'Oct 2025')."""
        if self.frequency != QUARTERLY:
            return self.label
        if _english():
            return f"Q{self.number} FY{self.fiscal_year - BE_OFFSET}"
        return f"ไตรมาส {self.number}/{self.fiscal_year}"

    @property
    def short_label(self) -> str:
        if _english():
            if self.frequency == QUARTERLY:
                return f"Q{self.number}/{(self.fiscal_year - BE_OFFSET) % 100:02d}"
            return f"{self.start:%b}{self.start.year % 100:02d}"
        if self.frequency == QUARTERLY:
            return f"Q{self.number}/{self.fiscal_year % 100:02d}"
        return f"{MONTHS_SHORT[self.start.month - 1]}{(self.start.year + BE_OFFSET) % 100:02d}"

    def __str__(self) -> str:
        return self.label


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "th").startswith("en")


def make_key(fiscal_year: int, number: int, frequency: str) -> str:
    return f"{fiscal_year}Q{number}" if frequency == QUARTERLY else f"{fiscal_year}M{number:02d}"


def periods_of(fiscal_year_from: int, fiscal_year_to: int, frequency: str) -> list[Period]:
    """Every period of the fiscal years from..to (inclusive), in order."""
    count = 4 if frequency == QUARTERLY else 12
    return [Period(make_key(fy, n, frequency), fy, n, frequency)
            for fy in range(fiscal_year_from, fiscal_year_to + 1) for n in range(1, count + 1)]


def period_containing(day: dt.date, frequency: str) -> Period:
    ce_end = day.year + 1 if day.month >= 10 else day.year
    fy = ce_end + BE_OFFSET
    fiscal_month = (day.month - 10) % 12 + 1
    number = (fiscal_month - 1) // 3 + 1 if frequency == QUARTERLY else fiscal_month
    return Period(make_key(fy, number, frequency), fy, number, frequency)
