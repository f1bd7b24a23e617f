"""Who may see and change action plans, progress reports and scorecards.

- A province's strategy staff (provincial admin) manage its plans and accept or return reports.
- The governor / vice governor (executive) of the province read plans, reports and the scorecard.
- The national office (national staff) reads every province and the national side-by-side scorecard.
- Agencies of the province read the plans; coordinators and heads of an owner organization report
  for it and see its reports. Another province's plans answer 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from salaklang.core.access import get_visible
from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Delegation, Organization, Role
from salaklang.organizations.roles import can_manage_province, principals_by_organization
from salaklang.plans.models import Plan, ProgressReport

REPORTER_ROLES = (Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD)


def can_create_plans(user) -> bool:
    """Whoever manages some province (organizations.roles.can_manage_province)."""
    return roles_of(user).is_admin


def can_manage_plan(user, plan: Plan) -> bool:
    return can_manage_province(user, plan.province_id)


def delegated_reporting(user) -> dict[int, object]:
    """Organizations the person reports for under an active delegation (scope "report progress" or "all")
    from a coordinator or head of that organization: {organization id: the principal}."""
    return principals_by_organization(user, Delegation.Scope.REPORT_PROGRESS, roles=REPORTER_ROLES, cache=True)


def reporting_org_ids(user) -> set[int]:
    return roles_of(user).org_ids(*REPORTER_ROLES) | set(delegated_reporting(user))


def can_report_for(user, organization_id: int) -> bool:
    return organization_id in reporting_org_ids(user)


def reporting_principal(user, organization_id: int):
    """None when the person reports under their own role; the delegator when under a delegation;
    PermissionDenied otherwise."""
    if organization_id in roles_of(user).org_ids(*REPORTER_ROLES):
        return None
    principal = delegated_reporting(user).get(organization_id)
    if principal is None:
        raise PermissionDenied
    return principal


def can_read_scorecard(user, province_id: int) -> bool:
    roles = roles_of(user)
    return (roles.is_national_staff or province_id in roles.admin_province_ids
            or province_id in roles_of(user).executive_province_ids)


def can_see_national(user) -> bool:
    return roles_of(user).is_national_staff


# --- navigation -------------------------------------------------------------------------------
def can_see_plans_nav(user) -> bool:
    return roles_of(user).is_government_staff


def can_see_scorecard_nav(user) -> bool:
    roles = roles_of(user)
    return roles.is_national_staff or bool(roles.admin_province_ids) or bool(roles_of(user).executive_province_ids)


def scorecard_province_ids(user) -> set[int]:
    return roles_of(user).admin_province_ids | roles_of(user).executive_province_ids


# --- plans ------------------------------------------------------------------------------------
def visible_plans(user) -> QuerySet[Plan]:
    roles = roles_of(user)
    if roles.is_national_staff:
        return Plan.objects.all()
    return Plan.objects.filter(province_id__in=roles.province_ids)


def access_plan(user, pk: int, *, for_write: bool = False) -> Plan:
    plan = get_visible(visible_plans(user).select_related("agenda", "province", "created_by"), pk)
    if for_write and not can_manage_plan(user, plan):
        raise PermissionDenied
    return plan


def selectable_agendas(user):
    """Selected agendas of the provinces the person manages that have no plan yet."""
    from salaklang.agendas.models import Agenda

    roles = roles_of(user)
    qs = Agenda.objects.filter(status=Agenda.Status.SELECTED, plan__isnull=True)
    if not roles.is_national_admin:
        qs = qs.filter(province_id__in=roles.admin_province_ids)
    return qs.select_related("province").order_by("-fiscal_year", "title")


# --- reports ----------------------------------------------------------------------------------
def can_view_report(user, report: ProgressReport) -> bool:
    if can_report_for(user, report.organization_id):
        return True
    return can_read_scorecard(user, report.plan.province_id) or roles_of(user).is_superuser


def visible_reports(user) -> QuerySet[ProgressReport]:
    roles = roles_of(user)
    if roles.is_national_staff:
        return ProgressReport.objects.all()
    q = Q(organization_id__in=reporting_org_ids(user))
    q |= Q(plan__province_id__in=roles.admin_province_ids | roles_of(user).executive_province_ids)
    return ProgressReport.objects.filter(q)


def access_report(user, pk: int) -> ProgressReport:
    report = get_visible(ProgressReport.objects.select_related("plan__province", "plan__agenda", "organization",
                                                   "submitted_by", "reviewed_by"), pk)
    if not can_view_report(user, report):
        raise Http404
    return report


def access_province_scorecard(user, pk: int) -> Organization:
    try:
        province = Organization.objects.get(pk=pk, kind=Organization.Kind.PROVINCE)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if can_read_scorecard(user, province.pk):
        return province
    if province.pk in roles_of(user).province_ids:
        raise PermissionDenied  # an agency of the province: knows it exists, may not read it
    raise Http404
