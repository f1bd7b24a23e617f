from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "salaklang.calls"
    label = "calls"
    verbose_name = _("Calls for proposals")

    def ready(self) -> None:
        from salaklang.calls import jobs  # noqa: F401  (registers the reminder job)
        from salaklang.calls.dashboard import panel
        from salaklang.core import dashboard
        from salaklang.core.nav import NavItem, register
        from salaklang.organizations.access import roles_of

        register(NavItem("calls", _("Calls for proposals"), "calls:list",
                         lambda u: roles_of(u).is_government_staff, order=10))
        dashboard.register(panel)
