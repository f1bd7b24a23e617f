import datetime as dt

from django import template
from django.utils.translation import get_language

from salaklang.core import thai

register = template.Library()


@register.filter
def bmonth(value):
    """'ธันวาคม 2569' in Thai, 'December 2026' in English."""
    if not isinstance(value, dt.date):
        return value
    if (get_language() or "th").startswith("th"):
        return f"{thai.MONTHS_FULL[value.month - 1]} {value.year + 543}"
    return f"{value:%B} {value.year}"
