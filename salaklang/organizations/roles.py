"""Organization rules every app shares — the one home for each of them.

- ``province_id_of`` / ``province_of``: the province an organization belongs to (itself for a province,
  None for the nation).
- ``people_with_roles``: the active people holding one of some roles in some organizations (or anywhere in
  some provinces) — who to notify, who may be chosen.
- ``can_manage_province``: whether a person runs the work of a province (plans, agendas, meetings,
  consultations, complaint routes): the province's strategy staff, national admins and superusers
  (docs/decisions/organizations.md).
- ``roles_version`` / ``bump_roles_version``: a number every change of a membership or a delegation raises
  (signal receivers below, so services, imports and tests all count); answers kept across requests carry it.
- Delegation (ปฏิบัติราชการแทน): ``delegations_to``, ``principals_by_organization``, ``principal_for``,
  ``principal_ids_by_organization`` (the same, kept across requests) and ``acting_for``. A delegation counts only while it is active *and* its delegator still holds an active role
  (one of ``roles`` when given) in the delegation's organization: someone who moved on no longer lends
  their duties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from salaklang.organizations.models import Delegation, Membership, Organization


# --- the province of an organization -----------------------------------------------------------------
def province_id_of(org: Organization | None) -> int | None:
    """The id of the province ``org`` belongs to: its own for a province, None for the nation (no query)."""
    if org is None:
        return None
    return org.own_province_id


def province_of(org: Organization | None) -> Organization | None:
    """The province ``org`` belongs to (itself for a province; ``org.province`` otherwise — select it)."""
    if org is None:
        return None
    return org if org.kind == Organization.Kind.PROVINCE else org.province


# --- who runs a province -----------------------------------------------------------------------------
def can_manage_province(user, province_id: int | None) -> bool:
    """The province's strategy staff (provincial admin), national admins and superusers. The same answer in
    every app; ``province_id`` None (the nation) is only for national admins."""
    from salaklang.organizations.access import roles_of

    return roles_of(user).is_admin_of_province(province_id)


# --- people with a role ----------------------------------------------------------------------------
def _ids(values) -> list[int]:
    return [v.pk if isinstance(v, Organization) else v for v in values]


def people_with_roles(roles: Iterable[str], *, organizations: Iterable | None = None,
                      provinces: Iterable | None = None) -> QuerySet:
    """Active people holding an active membership with one of ``roles`` in one of ``organizations`` (objects
    or ids) or in any organization of ``provinces``; each person once. Give at least one of the two."""
    from salaklang.accounts.models import User

    if organizations is None and provinces is None:
        raise TypeError("people_with_roles needs organizations or provinces")
    where = Q(pk__in=[])
    if organizations is not None:
        where |= Q(organization_id__in=_ids(organizations))
    if provinces is not None:
        where |= Q(organization__province_id__in=_ids(provinces))
    holders = Membership.objects.filter(where, role__in=list(roles), is_active=True).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True)


# --- delegation --------------------------------------------------------------------------------------
def _delegator_holds(roles: Iterable[str] | None) -> Exists:
    held = Membership.objects.filter(user_id=OuterRef("delegator_id"), organization_id=OuterRef("organization_id"),
                                     is_active=True)
    if roles is not None:
        held = held.filter(role__in=list(roles))
    return Exists(held)


def delegations_to(user, scope: str, *, roles: Iterable[str] | None = None,
                   day: dt.date | None = None) -> QuerySet[Delegation]:
    """The delegations active on ``day`` (today) that let ``user`` act in ``scope`` (or "all duties"), whose
    delegator still holds an active role (one of ``roles``) in the delegation's organization."""
    if not getattr(user, "is_authenticated", False):
        return Delegation.objects.none()
    return (Delegation.objects.active_on(day or timezone.localdate())
            .filter(delegate=user, scope__in=[scope, Delegation.Scope.ALL])
            .filter(_delegator_holds(roles)))


def principals_by_organization(user, scope: str, *, roles: Iterable[str] | None = None,
                               day: dt.date | None = None, cache: bool = False) -> dict[int, object]:
    """{organization id: the person ``user`` acts for there} under ``delegations_to`` (one query; the oldest
    delegation wins when there are several). With ``cache`` the answer is kept on the user object for the
    request (for pages that ask per row; services, which must see the current state, do not cache)."""
    key = (scope, tuple(sorted(roles)) if roles is not None else None, day)
    store = user.__dict__.setdefault("_principals_by_organization", {}) if cache and getattr(
        user, "is_authenticated", False) else {}
    if key in store:
        return store[key]
    out: dict[int, object] = {}
    for d in delegations_to(user, scope, roles=roles, day=day).select_related("delegator").order_by("pk"):
        out.setdefault(d.organization_id, d.delegator)
    store[key] = out
    return out


# --- answers kept across requests ------------------------------------------------------------------
VERSION_KEY = "organizations:roles-version"


def roles_version() -> int:
    return cache.get(VERSION_KEY) or 0


def bump_roles_version(**_kwargs) -> None:
    """Every answer kept with an older number is stale. Raised at once and again when the transaction commits,
    so that an answer read in between (seeing the change before it was committed) does not survive it."""
    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not set yet (or evicted): any new number will do, older answers carry 0 or less
            cache.set(VERSION_KEY, int(timezone.now().timestamp() * 1000), None)

    bump()
    transaction.on_commit(bump)


def _connect() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in (Membership, Delegation):
        post_save.connect(bump_roles_version, sender=model, dispatch_uid=f"roles-version-save-{model.__name__}")
        post_delete.connect(bump_roles_version, sender=model, dispatch_uid=f"roles-version-delete-{model.__name__}")


_connect()


def principal_ids_by_organization(user, scope: str, *, roles: Iterable[str] | None = None) -> dict[int, int]:
    """{organization id: principal id} of ``principals_by_organization`` for today, kept on the user object for
    the request and in the cache across requests under ``roles_version`` (one cache read instead of the
    delegation query; the menu asks on every page). Not kept from inside a transaction, which may not commit."""
    if not getattr(user, "is_authenticated", False):
        return {}
    role_key = tuple(sorted(roles)) if roles is not None else None
    day = timezone.localdate()
    store = user.__dict__.setdefault("_principal_ids_by_organization", {})
    if (scope, role_key) in store:
        return store[(scope, role_key)]
    key = f"organizations:principals:{user.pk}:{scope}:{','.join(role_key or ('*',))}"
    found = cache.get_many([VERSION_KEY, key])
    version, kept = found.get(VERSION_KEY) or 0, found.get(key)
    if kept is not None and kept[0] == version and kept[1] == day.isoformat():
        out = kept[2]
    else:
        out = {org_id: principal.pk
               for org_id, principal in principals_by_organization(user, scope, roles=roles, cache=True).items()}
        if not connection.in_atomic_block:
            cache.set(key, (version, day.isoformat(), out), 24 * 3600)
    store[(scope, role_key)] = out
    return out


def principal_for(user, organization_id: int | None, scope: str, *, roles: Iterable[str] | None = None,
                  day: dt.date | None = None):
    """The person ``user`` acts for in ``organization_id`` under a delegation of ``scope``, or None (one query)."""
    if organization_id is None:
        return None
    row = (delegations_to(user, scope, roles=roles, day=day).filter(organization_id=organization_id)
           .select_related("delegator").order_by("pk").first())
    return row.delegator if row else None


def acting_for(actor, principal, scope: str, *, organization=None, roles: Iterable[str] | None = None,
               day: dt.date | None = None) -> Delegation | None:
    """The active delegation that lets ``actor`` act for ``principal`` in ``scope`` (or "all duties"), the
    principal still holding a role (one of ``roles``) in its organization; or None."""
    if actor is None or principal is None or actor.pk == principal.pk:
        return None
    qs = delegations_to(actor, scope, roles=roles, day=day).filter(delegator=principal)
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.select_related("organization").order_by("pk").first()


def principals_of(actor, scope: str, *, day: dt.date | None = None) -> list[tuple[object, Delegation]]:
    """Everyone ``actor`` may act for on ``day`` in ``scope``: a list of (principal, delegation)."""
    rows = delegations_to(actor, scope, day=day).select_related("delegator", "organization").order_by("pk")
    return [(d.delegator, d) for d in rows]
