"""Routing by the centre: the category routes (cached per process), assign, split, merge, and route changes."""

from __future__ import annotations

import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.complaints import access, stats
from salaklang.complaints.models import (
    Category,
    CategoryRoute,
    Complaint,
    ComplaintEvent,
)
from salaklang.complaints.services.codes import new_code
from salaklang.complaints.services.common import (
    S,
    _change_status,
    _event,
    _internal_note,
    _lock,
    _mark_first_response,
    _notify_citizen,
    _notify_staff,
)
from salaklang.core import workflow
from salaklang.organizations.models import Organization

# --- routes (cached per process; cleared on change) ------------------------------------------------
_ROUTES: dict[tuple[int, int], tuple[float, int | None]] = {}


_ROUTE_TTL = 60.0


def route_for(province_id: int, category_id: int) -> int | None:
    key = (province_id, category_id)
    hit = _ROUTES.get(key)
    if hit and time.monotonic() - hit[0] < _ROUTE_TTL:
        return hit[1]
    org_id = (CategoryRoute.objects.filter(province_id=province_id, category_id=category_id)
              .values_list("organization_id", flat=True).first())
    _ROUTES[key] = (time.monotonic(), org_id)
    return org_id


@receiver(post_save, sender=CategoryRoute)
@receiver(post_delete, sender=CategoryRoute)
def _route_changed(**kwargs) -> None:
    _ROUTES.clear()


# --- routing (the centre) ---------------------------------------------------------------------------
def _check_target(c: Complaint, organization: Organization) -> None:
    if organization.province_id != c.province_id or organization.kind == Organization.Kind.PROVINCE:
        raise ValidationError({"organization": _("Choose an agency or district office of this province.")})


@transaction.atomic
def complaint_assign(*, complaint: Complaint, actor, organization: Organization, note: str = "") -> Complaint:
    """The centre sends (or re-sends) a complaint to the responsible organization."""
    c = _lock(complaint)
    if not access.can_route(actor, c):
        raise PermissionDenied
    if not c.is_open:  # closed ones go back to the agency only when the complainant reopens them
        raise ValidationError(workflow.refusal(c))
    workflow.ensure(c, S.ASSIGNED)
    _check_target(c, organization)
    if c.agency_id == organization.pk and c.status in (S.ASSIGNED, S.IN_PROGRESS):
        # sent again to the agency that has it: a second public event and e-mail, nothing gained
        raise ValidationError({"organization": _("This complaint is already with %(organization)s.") % {
            "organization": organization.name}})
    before, old_status, old_agency = stats.contribution(c), c.status, c.agency_id
    c.agency = organization
    _change_status(c, S.ASSIGNED, actor, "complaint_assigned", fields=["agency"], message=note,
                   changes={"agency": [old_agency, organization.pk]})
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.ASSIGNED, actor=actor, from_status=old_status, to_status=S.ASSIGNED,
           organization=organization)
    _internal_note(c, actor, note, organization=organization)
    _notify_staff(c, _("A complaint has been assigned to you: %(code)s") % {"code": c.code}, note=note)
    if old_status != S.ASSIGNED:
        _notify_citizen(c, _("Your complaint %(code)s has been sent to the responsible agency.") % {"code": c.code})
    return c


@transaction.atomic
def complaint_split(*, complaint: Complaint, actor, organizations: list[Organization], note: str = "") -> list[Complaint]:
    """Split to several agencies: one child complaint per agency, each with its own code, linked to the parent."""
    c = _lock(complaint)
    if not access.can_route(actor, c):
        raise PermissionDenied
    targets = list({o.pk: o for o in organizations}.values())
    if len(targets) < 2:
        raise ValidationError({"organizations": _("Choose at least two agencies to split a complaint.")})
    workflow.ensure(c, S.SPLIT)
    for org in targets:
        _check_target(c, org)
    now = timezone.now()
    before, old_status = stats.contribution(c), c.status
    children = []
    for org in targets:
        child = Complaint(
            province_id=c.province_id, category_id=c.category_id, subject=c.subject, description=c.description,
            channel=c.channel, status=S.ASSIGNED, agency=org, district_id=c.district_id,
            district_name=c.district_name, subdistrict=c.subdistrict, address=c.address, latitude=c.latitude,
            longitude=c.longitude, share_point=c.share_point, user_id=c.user_id, is_anonymous=c.is_anonymous,
            contact_name=c.contact_name, contact_email=c.contact_email, contact_phone=c.contact_phone,
            consent_sensitive_at=c.consent_sensitive_at, entered_by_id=c.entered_by_id, parent=c,
            received_at=c.received_at, received_date=c.received_date, ack_due=c.ack_due, resolve_due=c.resolve_due,
            external_ref=c.external_ref, action_salt=c.action_salt)
        for _attempt in range(5):
            child.code = new_code(c.province, c.received_at)
            try:
                with transaction.atomic():
                    child.save(force_insert=True)
                break
            except IntegrityError:
                child.pk = None
        _event(child, ComplaintEvent.Kind.SPLIT, actor=actor, to_status=S.ASSIGNED, organization=org, related=c,
               text=c.code, at=now)
        _internal_note(child, actor, note, organization=org, at=now)
        stats.apply(None, stats.contribution(child))
        children.append(child)
    _mark_first_response(c, now)
    c.closed_at = now
    _change_status(c, S.SPLIT, actor, "complaint_split", fields=["acknowledged_at", "first_response_hours", "closed_at"],
                   changes={"children": [None, [ch.code for ch in children]]}, message=note)
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.SPLIT, actor=actor, from_status=old_status, to_status=S.SPLIT,
           text=", ".join(ch.code for ch in children))
    _internal_note(c, actor, note)
    for child in children:
        _notify_staff(child, _("A complaint has been assigned to you: %(code)s") % {"code": child.code})
    _notify_citizen(c, _("Your complaint %(code)s has been split into %(n)s parts, one for each agency.") % {
        "code": c.code, "n": len(children)})
    return children


@transaction.atomic
def complaint_merge(*, complaint: Complaint, actor, into: Complaint, note: str = "") -> Complaint:
    """Merge a duplicate into another complaint: both keep their codes; the duplicate shows 'merged into X'."""
    if complaint.pk == into.pk:
        raise ValidationError({"into": _("A complaint cannot be merged into itself.")})
    first, second = sorted([complaint.pk, into.pk])
    locked = {x.pk: x for x in Complaint.objects.select_for_update(of=("self",)).select_related(
        "province", "agency", "category").filter(pk__in=[first, second]).order_by("pk")}
    c, target = locked[complaint.pk], locked[into.pk]
    if not access.can_route(actor, c) or target.province_id != c.province_id:
        raise PermissionDenied
    workflow.ensure(c, S.MERGED)
    if target.status in (S.MERGED, S.SPLIT):
        raise ValidationError({"into": _("Choose a complaint that is still handled itself.")})
    now = timezone.now()
    before, old_status = stats.contribution(c), c.status
    c.merged_into, c.closed_at = target, now
    _mark_first_response(c, now)
    _change_status(c, S.MERGED, actor, "complaint_merged", message=note,
                   fields=["merged_into", "closed_at", "acknowledged_at", "first_response_hours"],
                   changes={"merged_into": [None, target.code]})
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.MERGED, actor=actor, from_status=old_status, to_status=S.MERGED, related=target,
           text=target.code)
    _event(target, ComplaintEvent.Kind.MERGED_IN, actor=actor, related=c, text=c.code)
    _internal_note(c, actor, note)
    _notify_citizen(c, _("Your complaint %(code)s is handled together with %(other)s.") % {
        "code": c.code, "other": target.code})
    return c


# --- routes (the centre or the province's strategy staff) -------------------------------------------
@transaction.atomic
def routes_update(*, actor, province: Organization, routes: dict[int, int | None]) -> int:
    """Set the default responsible organization of categories in a province ({category id: organization id or
    None to remove}). Returns how many routes changed; each change is audited."""
    if not access.can_manage_routes(actor, province.pk):
        raise PermissionDenied
    allowed = set(Organization.objects.filter(province_id=province.pk, is_active=True).exclude(
        kind=Organization.Kind.PROVINCE).values_list("pk", flat=True))
    current = {r.category_id: r for r in CategoryRoute.objects.select_for_update().filter(province=province)}
    categories = set(Category.objects.filter(pk__in=list(routes)).values_list("pk", flat=True))
    changed = 0
    for category_id, org_id in routes.items():
        if category_id not in categories:
            continue
        if org_id is not None and org_id not in allowed:
            raise ValidationError({"routes": _("Choose an agency or district office of this province.")})
        route = current.get(category_id)
        old = route.organization_id if route else None
        if old == org_id:
            continue
        if org_id is None:
            route.delete()
        elif route is None:
            route = CategoryRoute.objects.create(province=province, category_id=category_id, organization_id=org_id)
        else:
            route.organization_id = org_id
            route.save(update_fields=["organization"])
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=province, verb="complaint_route_changed",
               organization=province, changes={"category": [None, category_id], "organization": [old, org_id]})
        changed += 1
    _ROUTES.clear()
    return changed
