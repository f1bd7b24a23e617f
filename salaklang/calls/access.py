"""Who may see and change calls and proposals."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from salaklang.calls.models import Call, CallTarget, PlanLink, Proposal
from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Delegation, Organization, Role
from salaklang.organizations.roles import can_manage_province, principal_for, province_id_of


def can_issue_for(user, issuer: Organization) -> bool:
    """National admins issue for the national office; a province's strategy staff for their province."""
    roles = roles_of(user)
    if issuer.kind == Organization.Kind.NATION:
        return roles.is_national_admin
    return roles.is_superuser or province_id_of(issuer) in roles.admin_province_ids


def issuers_for(user) -> QuerySet[Organization]:
    roles = roles_of(user)
    q = Q(pk__in=roles.admin_province_ids)
    if roles.is_national_admin:
        q |= Q(kind=Organization.Kind.NATION)
    return Organization.objects.filter(q, is_active=True).order_by("depth", "name_th")


def can_manage_call(user, call: Call) -> bool:
    return can_issue_for(user, call.issuer)


def can_draft_for(user, organization: Organization) -> bool:
    """Coordinators and heads of the answering organization draft; for a province answering a national call,
    the province's strategy staff."""
    roles = roles_of(user)
    if roles.has(Role.AGENCY_COORDINATOR, organization.pk) or roles.has(Role.AGENCY_HEAD, organization.pk):
        return True
    return organization.kind == Organization.Kind.PROVINCE and organization.pk in roles.admin_province_ids


def approving_principal(user, organization: Organization):
    """Who approves a proposal of ``organization``: None when the person is its head; the head they act for
    under an active "approve submissions" delegation (the head still holding the role); PermissionDenied
    otherwise."""
    if roles_of(user).has(Role.AGENCY_HEAD, organization.pk):
        return None
    principal = principal_for(user, organization.pk, Delegation.Scope.APPROVE_SUBMISSIONS, roles=[Role.AGENCY_HEAD])
    if principal is None:
        raise PermissionDenied
    return principal


def can_approve(user, proposal: Proposal) -> bool:
    """The approve button: a proposal awaiting approval, and the person may approve for its organization."""
    if proposal.status != Proposal.Status.AWAITING_APPROVAL:
        return False
    try:
        approving_principal(user, proposal.organization)
    except PermissionDenied:
        return False
    return True


def can_manage_plan_link(user, kind: str, province: Organization | None) -> bool:
    """National admins keep the National Strategy and every province's plan; strategy staff keep their own
    province's development plan."""
    if roles_of(user).is_national_admin:
        return True
    return kind == PlanLink.Kind.PROVINCIAL_PLAN and province is not None and can_manage_province(user, province.pk)


def my_answering_org_ids(user) -> set[int]:
    roles = roles_of(user)
    return roles.org_ids(Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD) | roles.admin_province_ids


def visible_calls(user) -> QuerySet[Call]:
    roles = roles_of(user)
    if roles.is_national_admin:
        return Call.objects.all()
    q = Q(issuer_id__in=roles.admin_province_ids) | Q(issuer__province_id__in=roles.admin_province_ids)
    answering = my_answering_org_ids(user)
    addressed = CallTarget.objects.filter(organization_id__in=answering).values("call_id")
    q |= Q(pk__in=addressed, status__in=[Call.Status.PUBLISHED, Call.Status.CLOSED, Call.Status.IN_REVIEW,
                                         Call.Status.DECIDED])
    q |= Q(issuer_id__in=roles.executive_province_ids)
    return Call.objects.filter(q)


def access_call(user, pk: int, *, for_write: bool = False) -> Call:
    try:
        call = visible_calls(user).select_related("issuer__province", "created_by").get(pk=pk)
    except (Call.DoesNotExist, ValueError):
        raise Http404 from None
    if for_write and not can_manage_call(user, call):
        raise PermissionDenied
    return call


# A proposal is its agency's draft until the head approves it: only the answering organization sees it in these
# states. Once submitted (and after the issuer returned it) the issuer's staff and the province's executives see
# it. This one rule serves the pages, the documents, the attachments and the API (list and detail).
SEEN_BY_ISSUER = Proposal.SEEN_BY_ISSUER


def visible_proposals(user) -> QuerySet[Proposal]:
    """Every proposal ``user`` may read (one query, no tree walk)."""
    roles = roles_of(user)
    if roles.is_superuser:
        return Proposal.objects.all()
    q = Q(organization_id__in=my_answering_org_ids(user))
    provinces = set(roles.admin_province_ids)
    provinces |= roles.executive_province_ids
    issuer = Q(call__issuer_id__in=provinces) | Q(call__issuer__province_id__in=provinces)
    if roles.is_national_admin:
        issuer |= Q(call__issuer__kind=Organization.Kind.NATION)
    q |= issuer & Q(status__in=SEEN_BY_ISSUER)
    return Proposal.objects.filter(q)


def visible_proposals_of_call(user, call: Call) -> QuerySet[Proposal]:
    """``visible_proposals`` within one loaded call (its ``issuer`` selected): the issuer's part of the rule is decided
    here on the loaded call, so the statement filters the proposals' own columns and joins nothing. Joined to the call
    and its issuer, PostgreSQL expected a handful of rows from any filter and sorted every proposal of the call
    (issue 16). ``test_access_rule.py`` checks that both give the same rows."""
    roles = roles_of(user)
    proposals = Proposal.objects.filter(call=call)
    if roles.is_superuser:
        return proposals
    q = Q(organization_id__in=my_answering_org_ids(user))
    issuer = call.issuer
    provinces = roles.admin_province_ids | roles.executive_province_ids
    if (issuer.pk in provinces or issuer.province_id in provinces
            or (roles.is_national_admin and issuer.kind == Organization.Kind.NATION)):
        q |= Q(status__in=SEEN_BY_ISSUER)
    return proposals.filter(q)


def can_view_proposal(user, proposal: Proposal) -> bool:
    return visible_proposals(user).filter(pk=proposal.pk).exists()


def proposal_visible(user, proposal: Proposal) -> bool:
    """``visible_proposals`` for one loaded proposal (its ``call.issuer`` selected): the same rule, in Python, with
    no query. ``test_access_rule.py`` checks that both agree for every demo role and proposal state."""
    roles = roles_of(user)
    if roles.is_superuser or proposal.organization_id in my_answering_org_ids(user):
        return True
    if proposal.status not in SEEN_BY_ISSUER:
        return False
    issuer = proposal.call.issuer
    provinces = roles.admin_province_ids | roles.executive_province_ids
    return (issuer.pk in provinces or issuer.province_id in provinces
            or (roles.is_national_admin and issuer.kind == Organization.Kind.NATION))


def access_proposal(user, pk: int) -> Proposal:
    """The proposal by its key, then the visibility rule on the loaded row: the rule as a WHERE clause (ORs over
    the call's issuer) cost the detail page 4–5 ms to build, compile and plan for one row."""
    try:
        # what the pages show (a forwarded proposal's original, the creator and the target are loaded when used:
        # rarely, and joining them cost every page view a wider statement to compile and read)
        proposal = Proposal.objects.select_related(
            "call__issuer", "organization", "national_strategy", "provincial_plan").get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
    if not proposal_visible(user, proposal):
        raise Http404
    return proposal
