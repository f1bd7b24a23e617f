from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "salaklang.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from salaklang.audit import signals  # noqa: F401  (sign-ins are audited)
        from salaklang.audit.access import can_view_audit
        from salaklang.core.nav import NavItem, register

        register(NavItem("audit", _("Audit trail"), "audit:log", can_view_audit, order=90))
