"""What the agenda services share: who to notify."""

from __future__ import annotations

from collections.abc import Iterable

from salaklang.accounts.models import User
from salaklang.organizations.models import Role
from salaklang.organizations.roles import people_with_roles


def strategy_staff(province_id: int) -> list[User]:
    return list(people_with_roles([Role.PROVINCIAL_ADMIN], organizations=[province_id]))


def agency_people(organization_ids: Iterable[int]) -> list[User]:
    """Coordinators and heads of the given organizations (who receive requests addressed to them)."""
    return list(people_with_roles([Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD], organizations=organization_ids))
