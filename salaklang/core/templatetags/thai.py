"""Template filters for Thai formatting; loaded as a builtin, so no {% load %} is needed.

    {{ meeting.date|bdate }}            3 ธันวาคม พ.ศ. 2564    (English: 3 December 2021)
    {{ meeting.date|bdate:"weekday" }}  วันศุกร์ที่ 3 ธันวาคม พ.ศ. 2564
    {{ meeting.date|bdate:"short" }}    3 ธ.ค. 64
    {{ entry.at|bdatetime }}            3 ธ.ค. 64 14:05 น.
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
