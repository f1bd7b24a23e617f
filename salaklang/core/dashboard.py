"""Dashboard panels: each app registers ``panel(request) -> dict | None`` in its AppConfig.ready().

A panel returns ``{"template": "calls/_dashboard_panel.html", "order": 10, **context}`` or None
when it has nothing for this person. Keep each panel to a constant number of queries.
"""

from collections.abc import Callable

_PANELS: list[Callable] = []


def register(panel: Callable) -> None:
    if panel not in _PANELS:
        _PANELS.append(panel)


def panels_for(request) -> list[dict]:
    out = [p for p in (panel(request) for panel in _PANELS) if p]
    return sorted(out, key=lambda p: p.get("order", 100))
