"""organizations.roles: the one home of the province of an organization, people with roles, who manages a
province and the principal a delegate acts for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from salaklang.core.testing import make_org, make_province, make_user
from salaklang.organizations import roles
from salaklang.organizations.models import Delegation, Membership, Organization, Role


@pytest.fixture
def world(db):
    nation = make_org(Organization.Kind.NATION, code="NAT")
    province = make_province(nation, code="PRV")
    agency = make_org(Organization.Kind.AGENCY, parent=province, code="PRV-A")
    unit = make_org(Organization.Kind.UNIT, parent=agency, code="PRV-A-U")
    other = make_province(nation, code="OTH")
    return {
        "nation": nation, "province": province, "agency": agency, "unit": unit, "other": other,
        "head": make_user("r.head", roles=[(agency, Role.AGENCY_HEAD)]),
        "coord": make_user("r.coord", roles=[(agency, Role.AGENCY_COORDINATOR)]),
        "strategy": make_user("r.strategy", roles=[(province, Role.PROVINCIAL_ADMIN)]),
        "national": make_user("r.national", roles=[(nation, Role.NATIONAL_ADMIN)]),
        "superuser": make_user("r.super", is_superuser=True),
        "citizen": make_user("r.citizen", kind="citizen"),
    }


def test_province_of_every_kind(world):
    p = world["province"]
    assert roles.province_id_of(p) == p.pk and roles.province_of(p) == p
    assert roles.province_id_of(world["agency"]) == p.pk and roles.province_of(world["agency"]) == p
    assert roles.province_id_of(world["unit"]) == p.pk
    assert roles.province_id_of(world["nation"]) is None and roles.province_of(world["nation"]) is None
    assert roles.province_id_of(None) is None


def test_can_manage_province_is_strategy_staff_national_admins_and_superusers(world):
    p, other = world["province"].pk, world["other"].pk
    assert roles.can_manage_province(world["strategy"], p)
    assert not roles.can_manage_province(world["strategy"], other)
    assert roles.can_manage_province(world["national"], p) and roles.can_manage_province(world["national"], other)
    assert roles.can_manage_province(world["superuser"], other)
    for who in ("head", "coord", "citizen"):
        assert not roles.can_manage_province(world[who], p)
    assert not roles.can_manage_province(world["strategy"], None)


def test_people_with_roles_by_organization_and_by_province(world):
    agency = world["agency"]
    assert set(roles.people_with_roles([Role.AGENCY_HEAD], organizations=[agency])) == {world["head"]}
    both = roles.people_with_roles([Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR], organizations=[agency.pk])
    assert set(both) == {world["head"], world["coord"]}
    in_province = roles.people_with_roles([Role.AGENCY_HEAD, Role.PROVINCIAL_ADMIN], provinces=[world["province"]])
    assert set(in_province) == {world["head"], world["strategy"]}
    # someone holding two roles there appears once
    Membership.objects.create(user=world["head"], organization=agency, role=Role.AGENCY_COORDINATOR)
    assert list(roles.people_with_roles([Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR], organizations=[agency])
                ).count(world["head"]) == 1
    # inactive memberships and inactive people do not count
    Membership.objects.filter(user=world["coord"]).update(is_active=False)
    world["head"].is_active = False
    world["head"].save(update_fields=["is_active"])
    assert not roles.people_with_roles([Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR], organizations=[agency]).exists()
    with pytest.raises(TypeError):
        roles.people_with_roles([Role.AGENCY_HEAD])


def _delegate(world, scope=Delegation.Scope.APPROVE_SUBMISSIONS, **fields):
    today = timezone.localdate()
    return Delegation.objects.create(delegator=world["head"], delegate=world["coord"], organization=world["agency"],
                                     scope=scope, start_date=fields.pop("start", today),
                                     end_date=fields.pop("end", today), **fields)


def test_principal_for_scope_dates_and_the_delegators_role(world):
    d = _delegate(world)
    coord, agency = world["coord"], world["agency"]
    assert roles.principal_for(coord, agency.pk, "approve_submissions", roles=[Role.AGENCY_HEAD]) == world["head"]
    assert roles.acting_for(coord, world["head"], "approve_submissions", organization=agency) == d
    fresh = coord
    assert roles.principal_for(fresh, agency.pk, "report_progress") is None
    assert roles.principal_for(fresh, agency.pk, "approve_submissions", roles=[Role.AGENCY_COORDINATOR]) is None
    assert roles.principal_for(fresh, world["other"].pk, "approve_submissions") is None
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert roles.acting_for(coord, world["head"], "approve_submissions", day=tomorrow) is None
    # the head moved on: the delegation no longer lends the duty
    Membership.objects.filter(user=world["head"]).update(is_active=False)
    fresh = type(coord).objects.get(pk=coord.pk)
    assert roles.principal_for(fresh, agency.pk, "approve_submissions") is None
    assert roles.acting_for(fresh, world["head"], "approve_submissions") is None
    assert roles.principals_of(fresh, "approve_submissions") == []


def test_all_duties_covers_every_scope_and_revoked_does_not(world):
    d = _delegate(world, scope=Delegation.Scope.ALL)
    coord = world["coord"]
    assert roles.principals_of(coord, "attend_meetings") == [(world["head"], d)]
    d.revoked_at = timezone.now()
    d.save(update_fields=["revoked_at"])
    assert roles.acting_for(coord, world["head"], "attend_meetings") is None
    assert roles.acting_for(coord, coord, "attend_meetings") is None
    assert roles.delegations_to(make_user(), "all").count() == 0


def test_principals_by_organization_caches_only_when_asked(world):
    coord = world["coord"]
    assert roles.principals_by_organization(coord, "approve_submissions", cache=True) == {}
    _delegate(world)
    assert roles.principals_by_organization(coord, "approve_submissions") == {world["agency"].pk: world["head"]}
    assert roles.principals_by_organization(coord, "approve_submissions", cache=True) == {}  # kept for the request


def _fresh(user):
    return type(user).objects.get(pk=user.pk)  # a new request: nothing kept on the object


def test_principal_ids_are_kept_across_requests_until_a_membership_or_delegation_changes(world, monkeypatch):
    from types import SimpleNamespace

    from django.core.cache import cache

    from salaklang.core.testing import count_queries

    cache.clear()
    # each step as a request outside a transaction would run it (the test itself runs inside one)
    monkeypatch.setattr(roles, "connection", SimpleNamespace(in_atomic_block=False))
    coord, head, agency = world["coord"], world["head"], world["agency"]
    scope, held = Delegation.Scope.ALL, [Role.AGENCY_HEAD]
    assert roles.principal_ids_by_organization(_fresh(coord), scope, roles=held) == {}
    d = _delegate(world, scope=scope)  # saved (and committed): the number moves, the kept answer is stale
    assert roles.principal_ids_by_organization(_fresh(coord), scope, roles=held) == {agency.pk: head.pk}
    again = _fresh(coord)
    with count_queries() as q:
        assert roles.principal_ids_by_organization(again, scope, roles=held) == {agency.pk: head.pk}
    assert not any("delegation" in x["sql"] for x in q.captured_queries)  # kept: no delegation query
    # the head moves on (a membership saved): the delegation no longer counts, at once
    membership = Membership.objects.get(user=head, organization=agency)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    assert roles.principal_ids_by_organization(_fresh(coord), scope, roles=held) == {}
    membership.is_active = True
    membership.save(update_fields=["is_active"])
    assert roles.principal_ids_by_organization(_fresh(coord), scope, roles=held) == {agency.pk: head.pk}
    d.revoked_at = timezone.now()
    d.save(update_fields=["revoked_at"])
    assert roles.principal_ids_by_organization(_fresh(coord), scope, roles=held) == {}
    # the same answer as the uncached rule, for another role set
    assert roles.principal_ids_by_organization(_fresh(coord), scope) == {
        o: p.pk for o, p in roles.principals_by_organization(_fresh(coord), scope).items()}
    cache.clear()


def test_principal_ids_read_inside_a_transaction_are_not_kept(world):
    from django.core.cache import cache
    from django.db import transaction

    cache.clear()  # the delegation below is rolled back (to a savepoint): an answer kept from it would outlive it
    coord, scope = world["coord"], Delegation.Scope.ALL
    with transaction.atomic():
        _delegate(world, scope=scope)
        assert roles.principal_ids_by_organization(_fresh(coord), scope) == {world["agency"].pk: world["head"].pk}
        transaction.set_rollback(True)
    assert roles.principal_ids_by_organization(_fresh(coord), scope) == {}
    cache.clear()
