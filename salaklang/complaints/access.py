"""Who may see and change complaints.

* The Damrongdhama centre of a province (complaint officers, ``Role.COMPLAINT_OFFICER`` in any organization of
  the province) sees and routes every complaint of that province, identity included.
* The responsible agency (its head and coordinators) sees and handles the complaints assigned to it.
* Everybody else — other agencies, other provinces, citizens — gets 404 on the staff pages; citizens follow
  their complaints on the public tracking page (no personal data) and in "my complaints" (their own).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from salaklang.complaints.models import Complaint, DataRequest
from salaklang.core.access import get_visible
from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Role

HANDLER_ROLES = (Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR)


def centre_province_ids(user) -> set[int]:
    roles = roles_of(user)
    return {g.province_id for g in roles.grants if g.role == Role.COMPLAINT_OFFICER and g.province_id}


def is_centre_officer(user, province_id: int | None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return roles_of(user).is_superuser or (province_id is not None and province_id in centre_province_ids(user))


def delegations(user) -> dict[int, int]:
    """{organization id: principal id}: the organizations this person handles complaints for under an active
    "all duties" delegation from one of their heads or coordinators (ปฏิบัติราชการแทน). Loaded once per request,
    and only for government staff."""
    if not getattr(user, "is_authenticated", False) or not roles_of(user).grants:
        return {}
    from salaklang.organizations.models import Delegation
    from salaklang.organizations.roles import principal_ids_by_organization

    return principal_ids_by_organization(user, Delegation.Scope.ALL, roles=HANDLER_ROLES)


def handler_org_ids(user) -> set[int]:
    return roles_of(user).org_ids(*HANDLER_ROLES) | set(delegations(user))


def principal_for(user, c: Complaint):
    """The person ``user`` acts for on this complaint (under delegation), or None when acting in their own role."""
    if c.agency_id is None or c.agency_id in roles_of(user).org_ids(*HANDLER_ROLES) or can_route(user, c):
        return None
    from salaklang.organizations.models import Delegation
    from salaklang.organizations.roles import principals_by_organization

    return principals_by_organization(user, Delegation.Scope.ALL, roles=HANDLER_ROLES, cache=True).get(c.agency_id)


def head_org_ids(user) -> set[int]:
    return roles_of(user).org_ids(Role.AGENCY_HEAD)


def is_complaint_staff(user) -> bool:
    """Has an inbox: a centre officer or the head/coordinator of some organization."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles = roles_of(user)
    return bool(roles.is_superuser or centre_province_ids(user) or roles.org_ids(*HANDLER_ROLES) or delegations(user))


def can_manage_routes(user, province_id: int | None) -> bool:
    """The province's complaint officers and its strategy staff (provincial admins) set the routes."""
    if not getattr(user, "is_authenticated", False) or province_id is None:
        return False
    return is_centre_officer(user, province_id) or roles_of(user).is_admin_of_province(province_id)


def route_province_ids(user) -> set[int]:
    return centre_province_ids(user) | roles_of(user).admin_province_ids


def visible_complaints(user) -> QuerySet[Complaint]:
    roles = roles_of(user)
    if roles.is_superuser:
        return Complaint.objects.all()
    provinces, orgs = centre_province_ids(user), handler_org_ids(user)
    if not provinces and not orgs:
        return Complaint.objects.none()
    return Complaint.objects.filter(Q(province_id__in=provinces) | Q(agency_id__in=orgs))


def can_route(user, c: Complaint) -> bool:
    return is_centre_officer(user, c.province_id)


def can_handle(user, c: Complaint) -> bool:
    return can_route(user, c) or (c.agency_id is not None and c.agency_id in handler_org_ids(user))


def can_see_identity(user, c: Complaint) -> bool:
    """Only the staff handling the case: the centre and the assigned agency."""
    return can_handle(user, c)


def access_complaint(user, pk, *, for_write: bool = False) -> Complaint:
    c = get_visible(visible_complaints(user).select_related(
        "province", "agency", "category", "district", "merged_into", "parent", "user", "entered_by"), pk)
    if for_write and not can_handle(user, c):
        raise PermissionDenied
    return c


def visible_data_requests(user) -> QuerySet[DataRequest]:
    if roles_of(user).is_superuser:
        return DataRequest.objects.all()
    return DataRequest.objects.filter(province_id__in=centre_province_ids(user))


def access_data_request(user, pk) -> DataRequest:
    return get_visible(visible_data_requests(user).select_related("complaint"), pk)
