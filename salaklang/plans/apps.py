from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


class PlansConfig(SalaklangAppConfig):
    name = "salaklang.plans"
    verbose_name = _("HPP action plans and scorecards")
    audit_verbs = {
        "plan_created": _("created the action plan"), "plan_updated": _("changed the action plan"),
        "plan_activated": _("started the action plan"), "plan_closed": _("closed the action plan"),
        "activity_added": _("added an activity"), "activity_updated": _("changed an activity"),
        "indicator_added": _("added an indicator"), "indicator_updated": _("changed an indicator"),
        "report_drafted": _("drafted a progress report"), "report_submitted": _("submitted a progress report"),
        "report_accepted": _("accepted a progress report"), "report_returned": _("returned a progress report"),
        "evidence_added": _("added evidence"),
    }
    audit_verb_patterns = {r"report_reminder_\w+": _("reminded the owner of a progress report")}
    imports = ("jobs",)  # the reminder job

    def nav_items(self) -> list:
        from salaklang.core.nav import NavItem
        from salaklang.plans import access

        return [NavItem("plans", _("Action plans"), "plans:list", access.can_see_plans_nav, order=35),
                NavItem("scorecard", _("Scorecard"), "plans:scorecard_home", access.can_see_scorecard_nav, order=36)]
