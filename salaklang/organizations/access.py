"""Who may see and change organizations, people, committees and delegations.

Rules live here, in Python, never in templates. ``access_*`` helpers return the object or raise:
404 where the person may not know it exists, 403 where they may see it but not change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from salaklang.core.access import get_visible
from salaklang.organizations.models import Committee, Delegation, Membership, Organization, Role
from salaklang.organizations.roles import province_id_of


@dataclass(frozen=True)
class Grant:
    role: str
    organization_id: int
    province_id: int | None
    kind: str


@dataclass
class RoleSet:
    """The active role grants of one person, loaded with one query."""

    is_superuser: bool = False
    grants: tuple[Grant, ...] = field(default_factory=tuple)

    @classmethod
    def for_user(cls, user) -> RoleSet:
        if not getattr(user, "is_authenticated", False):
            return cls()
        rows = Membership.objects.filter(user=user, is_active=True, organization__is_active=True).values_list(
            "role", "organization_id", "organization__province_id", "organization__kind"
        )
        return cls(is_superuser=user.is_superuser, grants=tuple(Grant(*row) for row in rows))

    def has(self, role: str, organization_id: int | None = None) -> bool:
        return any(g.role == role and (organization_id is None or g.organization_id == organization_id)
                   for g in self.grants)

    def org_ids(self, *roles: str) -> set[int]:
        return {g.organization_id for g in self.grants if not roles or g.role in roles}

    @property
    def is_national_admin(self) -> bool:
        return self.is_superuser or self.has(Role.NATIONAL_ADMIN)

    @property
    def is_national_staff(self) -> bool:
        return self.is_superuser or any(g.kind == Organization.Kind.NATION for g in self.grants)

    def province_ids_with(self, *roles: str) -> set[int]:
        """The provinces of the organizations where the person holds one of ``roles``."""
        return {g.province_id for g in self.grants if g.role in roles and g.province_id}

    @property
    def admin_province_ids(self) -> set[int]:
        return self.province_ids_with(Role.PROVINCIAL_ADMIN)

    @property
    def executive_province_ids(self) -> set[int]:
        return self.province_ids_with(Role.EXECUTIVE)

    @property
    def province_ids(self) -> set[int]:
        return {g.province_id for g in self.grants if g.province_id}

    @property
    def is_government_staff(self) -> bool:
        return self.is_superuser or bool(self.grants)

    @property
    def is_admin(self) -> bool:
        """A national admin, or the admin of at least one province."""
        return self.is_national_admin or bool(self.admin_province_ids)

    def is_admin_of_province(self, province_id: int | None) -> bool:
        return self.is_national_admin or (province_id is not None and province_id in self.admin_province_ids)


def roles_of(user) -> RoleSet:
    return user.roles if getattr(user, "is_authenticated", False) else RoleSet()


def require_government_staff(user) -> None:
    """Pages of the administration: any person with a role in an organization (citizens get 403)."""
    if not roles_of(user).is_government_staff:
        raise PermissionDenied


# --- organizations -------------------------------------------------------------------------
def visible_organizations(user) -> QuerySet[Organization]:
    roles = roles_of(user)
    qs = Organization.objects.all()
    if roles.is_national_staff:
        return qs
    if not roles.grants:
        return qs.none()
    return qs.filter(Q(province_id__in=roles.province_ids) | Q(kind=Organization.Kind.NATION))


def can_manage_organization(user, org: Organization) -> bool:
    """National admins manage the nation and provinces; a province's strategy staff manage the
    agencies, districts and local bodies of that province; nobody edits another province."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return True
    if org.kind in (Organization.Kind.NATION, Organization.Kind.PROVINCE):
        return False
    return org.province_id in roles.admin_province_ids


def can_manage_letterhead(user, org: Organization) -> bool:
    """The emblem and address lines of an organization's letters: whoever manages the organization, the
    province's own strategy staff for the province (its letters are signed at the provincial hall), and the
    head of the organization for their own office."""
    roles = roles_of(user)
    if can_manage_organization(user, org):
        return True
    if org.kind == Organization.Kind.PROVINCE and org.pk in roles.admin_province_ids:
        return True
    return roles.has(Role.AGENCY_HEAD, org.pk)


def access_letterhead(user, pk: int) -> Organization:
    org = access_organization(user, pk)
    if not can_manage_letterhead(user, org):
        raise PermissionDenied
    return org


def can_create_under(user, parent: Organization | None, kind: str) -> bool:
    roles = roles_of(user)
    if roles.is_national_admin:
        return True
    if parent is None or kind in (Organization.Kind.NATION, Organization.Kind.PROVINCE):
        return False
    return province_id_of(parent) in roles.admin_province_ids


def access_organization(user, pk: int, *, for_write: bool = False) -> Organization:
    org = get_visible(visible_organizations(user).select_related("parent", "province"), pk)
    if for_write and not can_manage_organization(user, org):
        raise PermissionDenied
    return org


def manageable_province_ids(user) -> set[int] | None:
    """None means every province (national admin)."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return None
    return roles.admin_province_ids


def in_managed_provinces(user, queryset: QuerySet, province_field: str = "province_id") -> QuerySet:
    """``queryset`` narrowed to the provinces ``user`` administers (``province_field`` names a row's province):
    all of it for a national admin, none of it for someone who administers no province."""
    provinces = manageable_province_ids(user)
    if provinces is None:
        return queryset
    return queryset.filter(**{f"{province_field}__in": provinces}) if provinces else queryset.none()


# --- people --------------------------------------------------------------------------------
def can_manage_people(user) -> bool:
    return roles_of(user).is_admin


def visible_people(user):
    """National admins see everyone; provincial admins see the people holding a role in their province."""
    from salaklang.accounts.models import User

    if manageable_province_ids(user) is None:
        return User.objects.all()
    members = in_managed_provinces(user, Membership.objects.all(), "organization__province_id")
    return User.objects.filter(pk__in=members.values("user_id"))


def access_person(user, pk: int, *, for_write: bool = False):
    person = get_visible(visible_people(user), pk)
    if for_write and not can_manage_people(user):
        raise PermissionDenied
    if for_write and person.is_superuser and not user.is_superuser:
        raise PermissionDenied
    return person


# --- committees ----------------------------------------------------------------------------
def visible_committees(user) -> QuerySet[Committee]:
    return Committee.objects.filter(organization__in=visible_organizations(user))


def can_manage_committee(user, committee_org: Organization) -> bool:
    roles = roles_of(user)
    if roles.is_national_admin:
        return True
    return province_id_of(committee_org) in roles.admin_province_ids


def access_committee(user, pk: int, *, for_write: bool = False) -> Committee:
    committee = get_visible(visible_committees(user).select_related("organization"), pk)
    if for_write and not can_manage_committee(user, committee.organization):
        raise PermissionDenied
    return committee


# --- delegation ----------------------------------------------------------------------------
def visible_delegations(user) -> QuerySet[Delegation]:
    roles = roles_of(user)
    if roles.is_national_admin:
        return Delegation.objects.all()
    q = Q(delegator=user) | Q(delegate=user)
    if roles.admin_province_ids:
        q |= Q(organization__province_id__in=roles.admin_province_ids)
    return Delegation.objects.filter(q)


def can_delegate_for(user, delegator, organization: Organization) -> bool:
    """A person delegates their own duties; strategy staff may record it for people of their province."""
    roles = roles_of(user)
    if delegator.pk == user.pk:
        return Membership.objects.filter(user=user, organization=organization, is_active=True).exists()
    if roles.is_national_admin:
        return True
    return province_id_of(organization) in roles.admin_province_ids
