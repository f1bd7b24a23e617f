from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


class AuditConfig(SalaklangAppConfig):
    name = "salaklang.audit"
    verbose_name = _("Audit trail")
    imports = ("signals",)  # sign-ins are audited

    def nav_items(self) -> list:
        from salaklang.audit.access import can_view_audit
        from salaklang.core.nav import NavItem

        return [NavItem("audit", _("Audit trail"), "audit:log", can_view_audit, order=90)]
