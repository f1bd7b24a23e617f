"""Reads of the organization tree and people, scoped by what the viewer may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from salaklang.accounts.models import User
from salaklang.organizations import access
from salaklang.organizations.models import Committee, CommitteeMember, Delegation, Membership, Organization


@dataclass
class Node:
    org: Organization
    children: list[Node] = field(default_factory=list)


def tree(user, *, q: str = "", kind: str = "", province_id: int | None = None, national_only: bool = False) -> list[Node]:
    """The visible tree built from one query. With a search, matching nodes keep their ancestors.
    ``national_only``: the national offices and their units (not the provinces)."""
    qs = access.visible_organizations(user).only(
        "id", "code", "kind", "name_th", "name_en", "short_name", "parent_id", "province_id", "depth", "is_active",
        "letter_prefix", "registry_code")
    if province_id:
        qs = qs.filter(Q(province_id=province_id) | Q(kind=Organization.Kind.NATION))
    elif national_only:
        qs = qs.filter(province__isnull=True).exclude(kind=Organization.Kind.PROVINCE)
    orgs = list(qs.order_by("depth", "name_th"))
    by_id = {o.pk: o for o in orgs}
    keep: set[int] | None = None
    if q or kind:
        needle = q.strip().lower()
        keep = set()
        for o in orgs:
            text_ok = not needle or needle in o.name_th.lower() or needle in (o.name_en or "").lower() or \
                needle in o.code.lower() or needle in (o.short_name or "").lower()
            if text_ok and (not kind or o.kind == kind):
                node = o
                while node is not None and node.pk not in keep:
                    keep.add(node.pk)
                    node = by_id.get(node.parent_id)
    nodes = {o.pk: Node(o) for o in orgs if keep is None or o.pk in keep}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.org.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def province_summaries(user) -> QuerySet[Organization]:
    """Provinces the viewer may see, with their counts (one query)."""
    return (
        access.visible_organizations(user)
        .filter(kind=Organization.Kind.PROVINCE)
        .annotate(n_agencies=Count("children", filter=Q(children__kind=Organization.Kind.AGENCY), distinct=True))
        .order_by("name_th")
    )


def organization_detail(org: Organization) -> dict:
    memberships = (
        Membership.objects.filter(organization=org, is_active=True).select_related("user").order_by("role", "user__first_name")
    )
    children = org.children.order_by("kind", "name_th")
    committees = Committee.objects.filter(organization=org).annotate(n_members=Count("members"))
    return {"memberships": memberships, "children": children, "committees": committees}


def people(user, *, q: str = "", organization=None, role: str = "", kind: str = "staff") -> QuerySet[User]:
    qs = access.visible_people(user)
    if kind in ("staff", "citizen"):
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(username__icontains=q)
                       | Q(email__icontains=q) | Q(first_name_en__icontains=q) | Q(last_name_en__icontains=q))
    membership_filter = Q(memberships__is_active=True)
    if organization is not None:
        membership_filter &= Q(memberships__organization=organization)
    if role:
        membership_filter &= Q(memberships__role=role)
    if organization is not None or role:
        qs = qs.filter(pk__in=User.objects.filter(membership_filter).values("pk"))
    active = Membership.objects.filter(is_active=True).select_related("organization").order_by("organization__name_th")
    return qs.prefetch_related(Prefetch("memberships", queryset=active, to_attr="active_memberships")).order_by(
        "first_name", "last_name", "pk")


def committee_members(committee: Committee) -> QuerySet[CommitteeMember]:
    return committee.members.select_related("person", "represented_organization").order_by("sort_order", "id")


def delegations_for(user) -> QuerySet[Delegation]:
    return access.visible_delegations(user).select_related("delegator", "delegate", "organization", "created_by")


def delegation_groups(user, rows) -> dict[str, list]:
    """{'given': [...], 'received': [...], 'others': [...]} without empty groups (a plain dict: templates
    look up `.items` as a key first, which a defaultdict would create)."""
    groups: dict[str, list] = defaultdict(list)
    for d in rows:
        if d.delegator_id == user.pk:
            groups["given"].append(d)
        elif d.delegate_id == user.pk:
            groups["received"].append(d)
        else:
            groups["others"].append(d)
    return dict(groups)


def head_of(org: Organization) -> User | None:
    """The person who signs for ``org`` when known: its head (agency head), or for a province its governor (an
    executive whose position is ผู้ว่าราชการจังหวัด…, before the vice governors). None when nobody is recorded."""
    from salaklang.organizations.models import Role

    rows = list(Membership.objects.filter(organization=org, is_active=True, user__is_active=True,
                                          role__in=[Role.AGENCY_HEAD, Role.EXECUTIVE])
                .select_related("user").order_by("pk"))

    def rank(m: Membership) -> int:
        title = (m.user.position_title or "").strip()
        if title.startswith("ผู้ว่าราชการ"):
            return 0
        return 1 if m.role == Role.AGENCY_HEAD else 2 if not title.startswith("รอง") else 3

    rows.sort(key=rank)
    return rows[0].user if rows else None
