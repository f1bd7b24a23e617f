"""The organization tree written in one pass in Python (issue 12's bench: the recursive ``{% include %}`` of a node
template — about 70 includes and 400 label look-ups for a province — made the province's tree page the slowest of
the foundation pages). Same markup as the template it replaces; every value is escaped."""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def org_tree(roots) -> str:
    """``<li>`` items of ``roots`` (``queries.Node``: ``org`` and ``children``), nested in ``<ul>``."""
    inactive = f' <span class="chip chip-muted">{escape(gettext("inactive"))}</span>'
    kinds: dict[str, str] = {}
    detail = reverse("organizations:detail", args=[0]).removesuffix("0/")
    out: list[str] = []

    def node(n) -> None:
        org = n.org
        kind = kinds.get(org.kind)
        if kind is None:
            kind = kinds[org.kind] = escape(str(org.get_kind_display()))
        out.append(f'<li>\n  <a href="{detail}{org.pk}/">{escape(org.name)}</a>\n'
                   f'  <span class="muted">{kind} · {escape(org.code)}</span>\n')
        if not org.is_active:
            out.append(f"  {inactive}\n")
        if n.children:
            out.append("  <ul>")
            for child in n.children:
                node(child)
            out.append("</ul>\n")
        out.append("</li>")

    for root in roots:
        node(root)
    return mark_safe("".join(out))  # noqa: S308 — every value is escaped above
