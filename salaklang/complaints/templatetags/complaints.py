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
        return f"{thai.MONTHS_FULL[value.month - 1]} {thai.be_year(value)}"
    return f"{value:%B} {value.year}"


@register.filter
def hours_or_days(value):
    """24 → '24 ชั่วโมง'; 293 → '12.2 วัน' (days from two days up)."""
    from django.utils.translation import gettext as _

    if value is None:
        return "—"
    hours = float(value)
    if hours < 48:
        return _("%(n)s hours") % {"n": f"{hours:.0f}"}
    return _("%(n)s days") % {"n": f"{hours / 24:.1f}"}
