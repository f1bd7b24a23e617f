from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "salaklang.participation"
    label = "participation"
    verbose_name = _("Public participation")

    def ready(self) -> None:
        from salaklang.core import dashboard
        from salaklang.core.nav import NavItem, register
        from salaklang.participation.dashboard import panel

        register(NavItem("participation", _("Public consultations"), "participation:list", lambda u: True, order=60))
        dashboard.register(panel)
