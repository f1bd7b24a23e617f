"""Navigation that depends on the person's roles.

Each app registers its entries in its AppConfig.ready() with ``register(NavItem(...))``; the
context processor shows the entries whose ``visible(user)`` is true, in ``order``.

Staff see many entries (strategy staff: fifteen), so ``menu_for`` groups them by the work — calls & review,
agendas & plans, complaints, organization — into disclosure menus (a button with aria-expanded; the script is
static/salaklang/js/salaklang.js) when a person has more than ``MAX_FLAT`` entries. A group with a single entry
stays a plain link; a citizen's few entries are never grouped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext_lazy


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
    _ORDERED.clear()


_URLS: dict[str, str | None] = {}  # url name → path, reversed once per process (issue 16: a cost of every page)
_ORDERED: list[NavItem] = []


def _url(name: str) -> str | None:
    if name not in _URLS:
        try:
            _URLS[name] = reverse(name)
        except NoReverseMatch:
            _URLS[name] = None
    return _URLS[name]


def items_for(user) -> list[dict]:
    """The entries this person may see. Each rule is evaluated on every request (some depend on more than the roles,
    e.g. a delegation that gives a complaints inbox); the entries' order and URLs are computed once per process."""
    if len(_ORDERED) != len(_ITEMS):
        _ORDERED[:] = sorted(_ITEMS.values(), key=lambda i: (i.order, i.key))
        _URLS.clear()
    out = []
    for item in _ORDERED:
        url = _url(item.url_name)
        if url is None or not item.visible(user):
            continue
        out.append({"key": item.key, "label": item.label, "url": url})
    return out


# --- groups ------------------------------------------------------------------------------------------
MAX_FLAT = 6
GROUPS: dict[str, object] = {  # key → label (lazy), in the order they appear
    "work_calls": pgettext_lazy("nav", "Calls & review"),
    "work_agendas": pgettext_lazy("nav", "Agendas & plans"),
    "work_complaints": pgettext_lazy("nav", "Complaints"),
    "work_public": pgettext_lazy("nav", "Website & ITA"),
    "work_organization": pgettext_lazy("nav", "Organization"),
}
# Which group each entry belongs to (entries not listed stay at the top level, e.g. the dashboard).
GROUP_OF: dict[str, str] = {
    "calls": "work_calls", "reviews": "work_calls",
    "agendas": "work_agendas", "meetings": "work_agendas", "plans": "work_agendas", "scorecard": "work_agendas",
    "participation": "work_agendas",
    "complaints_inbox": "work_complaints", "complaints_routes": "work_complaints",
    "complaints_dashboard": "work_complaints", "complaints_new": "work_complaints",
    "complaints_track": "work_complaints", "complaints_mine": "work_complaints",
    "organizations": "work_organization", "people": "work_organization", "committees": "work_organization",
    "delegations": "work_organization", "audit": "work_organization",
    "portal": "work_public", "ita": "work_public",
}


def menu_for(user, current_path: str = "") -> list[dict]:
    """The entries as the header shows them: ``{"key", "label", "url", "current"}`` links, and
    ``{"group": key, "label", "items": [...], "current"}`` menus (only for people with many entries)."""
    items = items_for(user)
    for item in items:
        item["current"] = bool(current_path) and current_path == item["url"]
    if len(items) <= MAX_FLAT:
        return items
    members: dict[str, list[dict]] = {}
    for item in items:
        if item["key"] in GROUP_OF:
            members.setdefault(GROUP_OF[item["key"]], []).append(item)
    out: list[dict] = []
    placed: set[str] = set()
    for item in items:
        group = GROUP_OF.get(item["key"])
        if group is None or len(members[group]) == 1:
            out.append(item)
        elif group not in placed:
            placed.add(group)
            rows = members[group]
            current = any(r["current"] or (current_path.startswith(r["url"]) and r["url"] != "/") for r in rows)
            out.append({"group": group, "label": GROUPS[group], "items": rows, "current": current})
    return out
