from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendasConfig(AppConfig):
    name = "salaklang.agendas"
    label = "agendas"
    verbose_name = _("HPP agendas")

    def ready(self) -> None:
        from salaklang.agendas import access, jobs  # noqa: F401  (jobs registers the reminders)
        from salaklang.agendas.dashboard import panel
        from salaklang.core import dashboard
        from salaklang.core.nav import NavItem, register

        register(NavItem("agendas", _("Policy agendas"), "agendas:list", access.can_use_agendas, order=30))
        register(NavItem("meetings", _("Meetings"), "agendas:meetings", access.can_use_agendas, order=31))
        dashboard.register(panel)
