"""Template filters for Thai formatting; loaded as a builtin, so no {% load %} is needed.

    {{ meeting.date|bdate }}            3 ธันวาคม พ.ศ. 2564    (English: 3 December 2021)
    {{ meeting.date|bdate:"weekday" }}  วันศุกร์ที่ 3 ธันวาคม พ.ศ. 2564
    {{ meeting.date|bdate:"short" }}    3 ธ.ค. 64
    {{ entry.at|bdatetime }}            3 ธ.ค. 64 14:05 น.
    {{ meeting.start_time|btime }}      09.30 น.               (English: 9:30)
    {{ m.start_time|btimerange:m.end_time }}  09.30–12.00 น.   (English: 9:30–12:00)
    {{ proposal.budget|money }}         150,000.00 บาท         (English: 150,000.00 baht)
    {{ value|decimal }}                 1,234.50 (grouped, 2 decimals, no unit)
    {{ 0.037|percent }}                 3.7%
    {{ number|thaidigits }}             ๑๒๓
    {{ some_date|fiscalyear }}          2565
    {{ amount|bahttext }}               หนึ่งร้อยบาทถ้วน
"""

import datetime as dt

from django import template
from django.utils.translation import get_language

from salaklang.core import thai

register = template.Library()


def _is_thai() -> bool:
    return (get_language() or "th").startswith("th")


@register.filter
def bdate(value, style: str = "full"):
    if not value:
        return ""
    if not isinstance(value, dt.date):
        return value
    return thai.display_date(value, style)


@register.filter
def bdatetime(value):
    if not value:
        return ""
    if not isinstance(value, dt.datetime):
        return bdate(value, "short")
    return thai.display_datetime(value)


@register.filter
def thaidigits(value):
    return thai.thai_digits(value)


@register.filter
def fiscalyear(value):
    if not value:
        return ""
    fy = thai.fiscal_year(value)
    return fy.be if _is_thai() else fy.be - thai.BE_OFFSET


@register.filter
def bahttext(value):
    if value in (None, ""):
        return ""
    return thai.baht_text(value)


@register.filter
def beyear(value):
    """A fiscal/B.E. year number shown in the user's language (2565 or FY2022)."""
    if value in (None, ""):
        return ""
    return value if _is_thai() else f"{int(value) - thai.BE_OFFSET}"


@register.filter
def btime(value):
    """A clock time in the reader's language (Thai 09.30 น., English 9:30)."""
    if value in (None, ""):
        return ""
    return thai.display_time(value)


@register.filter
def btimerange(start, end):
    """``{{ m.start_time|btimerange:m.end_time }}`` → Thai 09.30–12.00 น., English 9:30–12:00."""
    if start in (None, ""):
        return ""
    return thai.display_time_range(start, end or None)


@register.filter
def money(value, unit: str = "baht"):
    """An amount with grouping and 2 decimals and the unit in the reader's language; ``money:""`` omits it."""
    return thai.format_money(value, unit=bool(unit))


@register.filter(name="decimal")
def decimal_filter(value, places=2):
    """A number with grouping and ``places`` decimals (2 by default): 2 → "2.00", 11200 → "11,200.00"."""
    try:
        return thai.format_number(value, int(places))
    except (TypeError, ValueError):
        return value


@register.filter
def percent(value, places=1):
    """A fraction 0–1 as a percentage: 0.037 → "3.7%"."""
    try:
        return thai.format_percent(value, int(places))
    except (TypeError, ValueError):
        return value


@register.filter
def number(value):
    """A figure for a person: 8500 → "8,500", 2.5 → "2.50"; text that is not a number stays as typed."""
    return thai.format_quantity(value)
