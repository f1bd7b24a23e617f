"""Navigation that depends on the person's roles.

Each app registers its entries in its AppConfig.ready() with ``register(NavItem(...))``; the
context processor shows the entries whose ``visible(user)`` is true, in ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str  # a lazy translation
    url_name: str
    visible: Callable[[object], bool] = field(default=lambda user: True)
    order: int = 100


_ITEMS: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.key] = item


def items_for(user) -> list[dict]:
    out = []
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.key)):
        try:
            if not item.visible(user):
                continue
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"key": item.key, "label": item.label, "url": url})
    return out
