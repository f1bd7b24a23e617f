"""Who may see and change agendas, opinions and meetings.

- Strategy staff (provincial admin) of a province manage everything of that province.
- The governor / vice governors (executive) of the province see everything of the province and may
  approve the minutes of a meeting they chair.
- Coordinators and heads of an agency see the candidate agendas of their province, propose agendas,
  answer the requests for opinions addressed to their agency and see the meetings they are invited to.
- A delegate (organizations.Delegation, "attend meetings") sees the meetings of the person they attend for.
- Another province's objects are 404; citizens and anonymous people are refused.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from salaklang.agendas.models import Agenda, Attendee, Meeting
from salaklang.core import workflow
from salaklang.core.access import get_visible
from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Delegation, Organization, Role
from salaklang.organizations.roles import can_manage_province, delegations_to, principal_for


def staff_province_ids(user) -> set[int]:
    """Provinces whose agendas and meetings the person manages (strategy staff)."""
    return roles_of(user).admin_province_ids


def agency_org_ids(user) -> set[int]:
    return roles_of(user).org_ids(Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD)


def agency_province_ids(user) -> set[int]:
    return roles_of(user).province_ids_with(Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD)


def can_use_agendas(user) -> bool:
    roles = roles_of(user)
    return bool(roles.is_national_admin or roles.admin_province_ids or roles_of(user).executive_province_ids
                or agency_org_ids(user))


# --- agendas -------------------------------------------------------------------------------
def visible_agendas(user) -> QuerySet[Agenda]:
    roles = roles_of(user)
    if roles.is_national_admin:
        return Agenda.objects.all()
    q = Q(province_id__in=staff_province_ids(user) | roles_of(user).executive_province_ids)
    q |= Q(province_id__in=agency_province_ids(user)) & ~Q(status=Agenda.Status.PROPOSED)
    q |= Q(proposed_by_id__in=agency_org_ids(user))
    return Agenda.objects.filter(q)


def can_manage_agenda(user, agenda: Agenda) -> bool:
    return can_manage_province(user, agenda.province_id)


def can_withdraw_agenda(user, agenda: Agenda) -> bool:
    """Strategy staff withdraw an agenda; the proposing agency its own proposal while it awaits them."""
    if not workflow.can_transition_to(agenda, Agenda.Status.WITHDRAWN):
        return False
    return can_manage_agenda(user, agenda) or (agenda.status == Agenda.Status.PROPOSED
                                               and agenda.proposed_by_id in agency_org_ids(user))


def can_edit_agenda(user, agenda: Agenda) -> bool:
    """Strategy staff while it is open; the proposing agency while it awaits the strategy staff."""
    if not agenda.is_editable:
        return False
    if can_manage_agenda(user, agenda):
        return True
    return agenda.status == Agenda.Status.PROPOSED and agenda.proposed_by_id in agency_org_ids(user)


def proposing_orgs_for_any(user) -> QuerySet[Organization]:
    """Every organization the person may propose an agenda for (any province)."""
    staff = staff_province_ids(user)
    q = Q(pk__in=agency_org_ids(user), province__isnull=False)
    q |= Q(province_id__in=staff, kind__in=[Organization.Kind.AGENCY, Organization.Kind.UNIT,
                                            Organization.Kind.PROVINCE])
    return Organization.objects.filter(q, is_active=True).order_by("province_id", "depth", "name_th")


def provinces_for(user) -> QuerySet[Organization]:
    """Provinces the person can work in (propose agendas, see matrices)."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True)
    ids = staff_province_ids(user) | roles_of(user).executive_province_ids | agency_province_ids(user)
    return Organization.objects.filter(pk__in=ids, kind=Organization.Kind.PROVINCE)


def access_agenda(user, pk: int, *, for_write: bool = False) -> Agenda:
    agenda = get_visible(visible_agendas(user).select_related(
        "province", "proposed_by", "national_strategy", "created_by", "selected_by_item__meeting"), pk)
    if for_write and not can_edit_agenda(user, agenda):
        raise PermissionDenied
    return agenda


def can_view_matrix(user, province_id: int) -> bool:
    roles = roles_of(user)
    return roles.is_national_admin or province_id in (staff_province_ids(user) | roles_of(user).executive_province_ids)


# --- opinions ------------------------------------------------------------------------------
def can_answer_for(user, organization_id: int) -> bool:
    """Coordinators and the head of the agency answer (a delegate of the head through a Delegation)."""
    return organization_id in agency_org_ids(user) or delegated_principal(user, organization_id) is not None


def answering_delegations(user) -> QuerySet[Delegation]:
    """The delegations active today under which the person answers for the head of an agency (who still is)."""
    return delegations_to(user, Delegation.Scope.APPROVE_SUBMISSIONS, roles=[Role.AGENCY_HEAD])


def delegated_principal(user, organization_id: int):
    """The head of ``organization_id`` the person acts for today under an active delegation, or None."""
    return principal_for(user, organization_id, Delegation.Scope.APPROVE_SUBMISSIONS, roles=[Role.AGENCY_HEAD])


# --- meetings ------------------------------------------------------------------------------
def _attend_principal_ids(user) -> list[int]:
    return list(delegations_to(user, Delegation.Scope.ATTEND_MEETINGS).values_list("delegator_id", flat=True))


def visible_meetings(user) -> QuerySet[Meeting]:
    roles = roles_of(user)
    if roles.is_national_admin:
        return Meeting.objects.all()
    if not roles.grants:
        return Meeting.objects.none()
    q = Q(province_id__in=staff_province_ids(user) | roles_of(user).executive_province_ids)
    invited = Attendee.objects.filter(
        Q(person=user) | Q(delegate=user) | Q(organization_id__in=agency_org_ids(user))
        | Q(person_id__in=_attend_principal_ids(user))).values("meeting_id")
    q |= Q(pk__in=invited)
    return Meeting.objects.filter(q).filter(Q(province_id__in=staff_province_ids(user))
                                            | ~Q(status=Meeting.Status.DRAFT))


def can_manage_meeting(user, meeting: Meeting) -> bool:
    return can_manage_province(user, meeting.province_id)


def can_approve_minutes(user, meeting: Meeting) -> bool:
    return can_manage_meeting(user, meeting) or (meeting.chair_id is not None and meeting.chair_id == user.pk)


def can_write_minutes(user, meeting: Meeting) -> bool:
    return can_manage_meeting(user, meeting) or (meeting.minute_taker_id is not None
                                                  and meeting.minute_taker_id == user.pk)


def access_meeting(user, pk: int, *, for_write: bool = False) -> Meeting:
    meeting = get_visible(visible_meetings(user).select_related(
        "committee", "province", "chair", "minute_taker", "checker", "created_by"), pk)
    if for_write and not can_manage_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def attend_principal_ids(user) -> list[int]:
    """The people ``user`` attends meetings for today (for ``can_set_delegate`` over many attendees)."""
    return _attend_principal_ids(user)


def can_set_delegate(user, attendee: Attendee, *, principal_ids: list[int] | None = None) -> bool:
    """Strategy staff; the invited person themself; or the delegate of the invited person (attend meetings).
    ``principal_ids`` (from ``attend_principal_ids``) spares a query per attendee on a list."""
    if can_manage_meeting(user, attendee.meeting):
        return True
    if attendee.person_id is None:
        return attendee.organization_id in roles_of(user).org_ids(Role.AGENCY_HEAD)
    if attendee.person_id == user.pk:
        return True
    return attendee.person_id in (_attend_principal_ids(user) if principal_ids is None else principal_ids)
