"""The workflows of action plans and progress reports (tables on the models, registered with
salaklang.core.workflow). ``allowed`` answers "may this person make this change" for the buttons of a page;
the services check the same rules themselves before they call ``workflow.transition``."""

from __future__ import annotations

from salaklang.core import workflow
from salaklang.plans import access
from salaklang.plans.models import Plan, ProgressReport


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


def _plan_allowed(plan: Plan, user, to: str) -> bool:
    return _signed_in(user) and access.can_manage_plan(user, plan)


def _report_allowed(report: ProgressReport, user, to: str) -> bool:
    if not _signed_in(user):
        return False
    if to == ProgressReport.Status.SUBMITTED:  # the reporting organization (or its delegate), while the plan runs
        return report.plan.takes_reports and access.can_report_for(user, report.organization_id)
    return access.can_manage_plan(user, report.plan)  # accept or return: the plan's strategy staff


def register() -> None:
    workflow.register(Plan, transitions=Plan.TRANSITIONS, allowed=_plan_allowed)
    workflow.register(ProgressReport, transitions=ProgressReport.TRANSITIONS, allowed=_report_allowed)
