"""Who may manage item lists and evidence, and who sees what.

National admins: everything. A province's strategy staff: their province's list and every organization of their
province. An agency head or coordinator: the evidence of their own organization. Anything else is a 404.
Public pages show only published evidence of active organizations.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from salaklang.core.access import get_visible
from salaklang.openinfo.models import AssessmentYear, Evidence
from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Organization, Role
from salaklang.organizations.roles import can_manage_province, province_id_of

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
    if can_manage_province(user, province_id_of(org)):
        return True
    roles = roles_of(user)
    return any(roles.has(role, org.pk) for role in ANSWERING_ROLES)


def can_see_board(user) -> bool:
    roles = roles_of(user)
    return roles.is_admin or bool(
        roles.org_ids(Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR))


def access_year(user, pk, *, for_write: bool = False) -> AssessmentYear:
    year = get_visible(AssessmentYear.objects.select_related("province"), pk)
    roles = roles_of(user)
    if year.province_id and not (roles.is_national_admin or year.province_id in roles.province_ids):
        raise Http404
    if for_write and not can_manage_list(user, year.province_id):
        raise PermissionDenied
    return year


def _active_org(user, code: str, allowed) -> Organization:
    """An active organization by code that ``allowed(user, org)`` lets this person work on; 404 otherwise."""
    try:
        org = Organization.objects.select_related("province").get(code=code, is_active=True)
    except Organization.DoesNotExist:
        raise Http404 from None
    if not allowed(user, org):
        raise Http404
    return org


def access_org_for_answer(user, code: str) -> Organization:
    return _active_org(user, code, can_answer)


def access_evidence(user, pk) -> Evidence:
    ev = get_visible(Evidence.objects.select_related("organization", "item__year"), pk)
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
    return can_manage_province(user, province_id_of(org)) or roles_of(user).has(Role.AGENCY_HEAD, org.pk)


def access_org_for_assign(user, code: str) -> Organization:
    return _active_org(user, code, can_assign)
