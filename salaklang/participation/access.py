"""Who may see and change consultations.

* Everyone (signed in or not) sees published consultations and their response.
* A province's strategy staff (provincial_admin) and national admins manage the consultations of
  that province, drafts included; a draft of another province is a 404 for them.
* Signed-in citizen accounts comment and support while a consultation is open.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from salaklang.core.access import get_visible
from salaklang.organizations.access import roles_of
from salaklang.organizations.roles import can_manage_province
from salaklang.participation.models import Comment, Consultation


def can_create(user) -> bool:
    return roles_of(user).is_admin


def manageable_provinces_q(user) -> Q | None:
    """None: no province; Q(): every province (national admin)."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return Q()
    if roles.admin_province_ids:
        return Q(province_id__in=roles.admin_province_ids)
    return None


def visible_consultations(user) -> QuerySet[Consultation]:
    public = Q(status__in=Consultation.PUBLIC_STATUSES)
    managed = manageable_provinces_q(user)
    if managed is None:
        return Consultation.objects.filter(public)
    return Consultation.objects.filter(public | managed)


def managed_consultations(user) -> QuerySet[Consultation]:
    managed = manageable_provinces_q(user)
    if managed is None:
        return Consultation.objects.none()
    return Consultation.objects.filter(managed)


def access_consultation(user, pk, *, for_write: bool = False) -> Consultation:
    consultation = get_visible(visible_consultations(user).select_related("province"), pk)
    if for_write and not can_manage_province(user, consultation.province_id):
        raise PermissionDenied
    return consultation


def access_comment(user, consultation: Consultation, pk, *, for_write: bool = False) -> Comment:
    comment = get_visible(consultation.comments.select_related("author", "question"), pk)
    if for_write and not can_manage_province(user, consultation.province_id):
        raise PermissionDenied
    return comment


def can_participate(user) -> bool:
    """Comments and supports come from signed-in citizen accounts (one person, one account)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_citizen)
