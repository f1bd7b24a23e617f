"""What the agenda services share: the status change, the province of an organization, who to notify."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.organizations.models import (
    Organization,
    Role,
)


def _transition(obj, status: str) -> None:
    if not obj.can_transition_to(status):
        raise ValidationError(_("This action is not possible now (status: %(status)s).") % {
            "status": obj.get_status_display()})


def _province_of(org: Organization) -> int | None:
    return org.pk if org.kind == Organization.Kind.PROVINCE else org.province_id


def strategy_staff(province_id: int) -> list[User]:
    return list(User.objects.filter(memberships__organization_id=province_id, memberships__is_active=True,
                                    memberships__role=Role.PROVINCIAL_ADMIN, is_active=True).distinct())


def agency_people(organization_ids: Iterable[int]) -> list[User]:
    """Coordinators and heads of the given organizations (who receive requests addressed to them)."""
    return list(User.objects.filter(
        memberships__organization_id__in=list(organization_ids), memberships__is_active=True, is_active=True,
        memberships__role__in=[Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD]).distinct())
