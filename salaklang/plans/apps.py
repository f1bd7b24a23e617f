from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "salaklang.plans"
    label = "plans"
    verbose_name = _("HPP action plans and scorecards")

    def ready(self) -> None:
        from salaklang.audit import verbs
        from salaklang.plans import workflows

        workflows.register()

        verbs.register({
            "plan_created": _("created the action plan"), "plan_updated": _("changed the action plan"),
            "plan_activated": _("started the action plan"), "plan_closed": _("closed the action plan"),
            "activity_added": _("added an activity"), "activity_updated": _("changed an activity"),
            "indicator_added": _("added an indicator"), "indicator_updated": _("changed an indicator"),
            "report_drafted": _("drafted a progress report"), "report_submitted": _("submitted a progress report"),
            "report_accepted": _("accepted a progress report"), "report_returned": _("returned a progress report"),
            "evidence_added": _("added evidence"),
        })
        verbs.register_pattern(r"report_reminder_\w+", _("reminded the owner of a progress report"))
        from salaklang.core import dashboard
        from salaklang.core.nav import NavItem, register
        from salaklang.plans import access, jobs  # noqa: F401  (jobs registers the reminder job)
        from salaklang.plans.dashboard import panel

        register(NavItem("plans", _("Action plans"), "plans:list", access.can_see_plans_nav, order=35))
        register(NavItem("scorecard", _("Scorecard"), "plans:scorecard_home", access.can_see_scorecard_nav, order=36))
        dashboard.register(panel)
