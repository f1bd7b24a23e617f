"""The readiness board's cells, written in Python: a province's board has about 1,500 cells (36 organizations × 43
items), and the template engine's cost per variable and filter (or ``format_html``'s per call) made them most of the
page's time. Escaping is the standard library's ``html.escape`` over each distinct value once."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django import template
from django.utils.safestring import mark_safe

from salaklang.core.templatetags.thai import bdate

register = template.Library()


@lru_cache(maxsize=4096)
def _e(value: str) -> str:
    return escape(str(value), quote=True)


@register.simple_tag(takes_context=True)
def board_cells(context, row: dict) -> str:
    """The ``<td>`` of one board row: status class and label, a link to assign when the person may, owner, due date."""
    url = _e(row.get("assign_url") or "")
    dates: dict = context.render_context.setdefault("ita_board_dates", {})  # one bdate per distinct due date
    out = []
    for c in row["cells"]:
        owner, due_on, code = c.get("owner") or "", c.get("due_on"), _e(c["code"])
        if due_on and due_on not in dates:
            dates[due_on] = bdate(due_on, "short")
        due = dates[due_on] if due_on else ""
        label = _e(c["label"])
        if url:
            title = c["code"] + (f" · {owner}" if owner else "") + (f" · {due}" if due else "")
            label = f'<a href="{url}?item={code}" title="{_e(title)}">{label}</a>'
        extra = (f'<br><small class="owner">{_e(owner)}</small>' if owner else "") + (
            f'<br><small class="due">{_e(due)}</small>' if due else "")
        out.append(f'<td class="st st-{_e(c["status"])}" data-code="{code}">{label}{extra}</td>')
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped by _e
