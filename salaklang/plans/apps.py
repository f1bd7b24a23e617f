from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "salaklang.plans"
    label = "plans"
    verbose_name = _("HPP action plans and scorecards")

    def ready(self) -> None:
        from salaklang.core import dashboard
        from salaklang.core.nav import NavItem, register
        from salaklang.plans import access, jobs  # noqa: F401  (jobs registers the reminder job)
        from salaklang.plans.dashboard import panel

        register(NavItem("plans", _("Action plans"), "plans:list", access.can_see_plans_nav, order=35))
        register(NavItem("scorecard", _("Scorecard"), "plans:scorecard_home", access.can_see_scorecard_nav, order=36))
        dashboard.register(panel)
