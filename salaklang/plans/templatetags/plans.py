"""{{ status|status_chip }}: a scorecard status as a chip with a symbol and a text label (never colour alone)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

CHIPS = {
    "on_track": ("chip-ok", "✔"),
    "at_risk": ("chip-warn", "▲"),
    "off_track": ("chip-bad", "✖"),
    "no_data": ("chip-muted", "–"),
}


def status_label(status: str) -> str:
    return {"on_track": _("On track"), "at_risk": _("At risk"), "off_track": _("Off track")}.get(
        str(status), _("No data"))


@register.filter
def status_chip(status) -> str:
    key = str(status) if str(status) in CHIPS else "no_data"
    css, symbol = CHIPS[key]
    return format_html('<span class="chip {}" data-status="{}">{} {}</span>', css, key, symbol, status_label(key))
