"""Who may manage item lists and evidence, and who sees what.

National admins: everything. A province's strategy staff: their province's list and every organization of their
province. An agency head or coordinator: the evidence of their own organization. Anything else is a 404.
Public pages show only published evidence of active organizations.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from salaklang.openinfo.models import AssessmentYear, Evidence
from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Organization, Role

ANSWERING_ROLES = (Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR, Role.PROVINCIAL_ADMIN, Role.PORTAL_EDITOR)


def can_manage_list(user, province_id: int | None) -> bool:
    roles = roles_of(user)
    if roles.is_national_admin:
        return True
    return province_id is not None and province_id in roles.admin_province_ids


def board_province_ids(user) -> set[int] | None:
    """The provinces whose board the person sees: None = all (national admins); else a set (maybe empty)."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return None
    return set(roles.admin_province_ids)


def can_answer(user, org: Organization) -> bool:
    roles = roles_of(user)
    if roles.is_national_admin or org.province_id in roles.admin_province_ids:
        return True
    return any(roles.has(role, org.pk) for role in ANSWERING_ROLES)


def can_see_board(user) -> bool:
    roles = roles_of(user)
    return roles.is_national_admin or bool(roles.admin_province_ids) or bool(
        roles.org_ids(Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR))


def access_year(user, pk, *, for_write: bool = False) -> AssessmentYear:
    try:
        year = AssessmentYear.objects.select_related("province").get(pk=pk)
    except (AssessmentYear.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    roles = roles_of(user)
    if year.province_id and not (roles.is_national_admin or year.province_id in roles.province_ids):
        raise Http404
    if for_write and not can_manage_list(user, year.province_id):
        raise PermissionDenied
    return year


def access_org_for_answer(user, code: str) -> Organization:
    try:
        org = Organization.objects.select_related("province").get(code=code, is_active=True)
    except Organization.DoesNotExist:
        raise Http404 from None
    if not can_answer(user, org):
        raise Http404
    return org


def access_evidence(user, pk) -> Evidence:
    try:
        ev = Evidence.objects.select_related("organization", "item__year").get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_answer(user, ev.organization):
        raise Http404
    return ev


def public_org(code: str) -> Organization:
    try:
        return Organization.objects.select_related("province", "parent").get(code=code, is_active=True)
    except Organization.DoesNotExist:
        raise Http404 from None


def can_open_file(user, ev: Evidence) -> bool:
    if ev.status == Evidence.Status.PUBLISHED:
        return True
    return getattr(user, "is_authenticated", False) and can_answer(user, ev.organization)


def can_assign(user, org: Organization) -> bool:
    """Owner and due date of an organization's items: national admins, the province's strategy staff, the agency
    head for their agency."""
    roles = roles_of(user)
    if roles.is_national_admin or org.province_id in roles.admin_province_ids:
        return True
    return roles.has(Role.AGENCY_HEAD, org.pk)


def access_org_for_assign(user, code: str) -> Organization:
    try:
        org = Organization.objects.select_related("province").get(code=code, is_active=True)
    except Organization.DoesNotExist:
        raise Http404 from None
    if not can_assign(user, org):
        raise Http404
    return org
