from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "salaklang.participation"
    label = "participation"
    verbose_name = _("Public participation")

    def ready(self) -> None:
        from salaklang.audit import verbs
        from salaklang.participation import workflows

        workflows.register()

        verbs.register({
            "published": _("published"), "withdrawn": _("withdrew"), "response published": _("published the response"),
            "commented": _("commented"), "supported": _("gave support"), "support withdrawn": _("withdrew support"),
            "hidden": _("hid a comment"), "restored": _("restored a comment"),
            "comments exported": _("exported the comments"),
        })
        from salaklang.core import dashboard
        from salaklang.core.nav import NavItem, register
        from salaklang.participation.dashboard import panel

        register(NavItem("participation", _("Public consultations"), "participation:list", lambda u: True, order=60))
        dashboard.register(panel)
