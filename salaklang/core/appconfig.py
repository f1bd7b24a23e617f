"""What an app of Salaklang registers when Django starts, declared on its AppConfig instead of written out again in
each ``ready()``.

    class CallsConfig(SalaklangAppConfig):
        name = "salaklang.calls"
        verbose_name = _("Calls for proposals")
        audit_verbs = {"call_created": _("created the call"), ...}
        audit_verb_patterns = {r"reminder_\\w+": _("sent a reminder ...")}
        imports = ("jobs",)

        def nav_items(self):
            from salaklang.calls import access  # apps are loaded: access modules may import models now
            return [NavItem("calls", _("Calls for proposals"), "calls:list", access.can_use_calls, order=10)]

``ready()`` then, in this order: registers the app's workflows (``<app>.workflows.register()``, when the app has a
``workflows`` module), its audit verbs and verb patterns (``salaklang.audit.verbs``), imports the modules named in
``imports`` for what they register on import (jobs, signal receivers, caches), registers its menu entries
(``salaklang.core.nav``) and its dashboard panel (``<app>.dashboard.panel``, when the app has a ``dashboard``
module), and last calls ``connect()`` for anything else (follow-ups of another app's workflow, schedules).
The label is Django's default (the last part of ``name``)."""

from __future__ import annotations

from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import module_has_submodule


class SalaklangAppConfig(AppConfig):
    # Imported into an app's apps.py, this base must not count as a second candidate when Django picks the app's
    # config: the base is not a default, each subclass is (unless it says otherwise).
    default = False

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    audit_verbs: dict[str, object] = {}  # verb → lazy label (the audit trail's wording)
    audit_verb_patterns: dict[str, object] = {}  # regular expression (whole verb) → lazy label
    imports: tuple[str, ...] = ()  # submodules imported for what they register

    def nav_items(self) -> list:
        """The app's menu entries (``salaklang.core.nav.NavItem``)."""
        return []

    def connect(self) -> None:
        """Anything else the app registers (called last)."""

    def _submodule(self, name: str):
        return import_module(f"{self.name}.{name}") if module_has_submodule(self.module, name) else None

    def ready(self) -> None:
        from salaklang.audit import verbs
        from salaklang.core import dashboard, nav

        workflows = self._submodule("workflows")
        if workflows is not None:
            workflows.register()
        verbs.register(self.audit_verbs)
        for pattern, label in self.audit_verb_patterns.items():
            verbs.register_pattern(pattern, label)
        for name in self.imports:
            import_module(f"{self.name}.{name}")
        for item in self.nav_items():
            nav.register(item)
        panels = self._submodule("dashboard")
        if panels is not None:
            dashboard.register(panels.panel)
        self.connect()
