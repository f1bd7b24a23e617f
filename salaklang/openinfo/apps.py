from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpeninfoConfig(AppConfig):
    name = "salaklang.openinfo"
    label = "openinfo"
    verbose_name = _("Open information centre and ITA")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from salaklang.core import workflow
        from salaklang.openinfo.models import Evidence

        workflow.register(Evidence, transitions=Evidence.TRANSITIONS)

        from salaklang.core.nav import NavItem, register
        from salaklang.openinfo import access, jobs  # noqa: F401  (jobs registers the reminder job)

        register(NavItem("ita", _("ITA disclosures"), "openinfo:manage", access.can_see_board, order=37))
