"""State changes of complaints: one keyword-only function per action (permission, transition, audit, notify).

Contract used by the web forms, Open311 and the REST API:

``complaint_submit(*, province, category, subject, description, channel, actor=None, user=None, district=None,
district_name="", subdistrict="", address="", latitude=None, longitude=None, share_point=False, anonymous=False,
contact_name="", contact_email="", contact_phone="", consent_sensitive=False, external_ref="", received_at=None,
attachments=()) -> Complaint``

* ``province`` and ``category`` are model instances (``category.code`` is the Open311 service code); ``channel``
  is a ``Complaint.Channel`` value. ``user`` is the complainant's account when signed in; ``actor`` is whoever
  entered it (the citizen, a centre officer for phone/walk-in/letter/LINE/Facebook/1111/1567, or None for an
  API client). Staff channels require ``actor`` to be a complaint officer of that province.
* Raises ``django.core.exceptions.ValidationError`` (with a field dict) for bad input: coordinates outside
  Thailand, a sensitive category without consent, a district of another province, empty subject, ...
* Cheap: four INSERTs in one transaction (route lookup cached per process, holidays cached); the
  citizen's receipt and the agency's notifications are sent by a task queued after the commit.
* Routing: the category's route in the province (``CategoryRoute``) assigns the agency at once (status
  ``assigned``); without a route the complaint waits for the centre (status ``received``).
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.complaints import access, stats
from salaklang.complaints.deadlines import add_working_days
from salaklang.complaints.models import (
    Category,
    CategoryRoute,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    DataRequest,
    EscalationLog,
    Extension,
)
from salaklang.core.thai import display_date
from salaklang.core.uploads import atomic_with_files, files_removed_on_rollback
from salaklang.organizations.models import Organization

S = Complaint.Status

# Crockford's base32: no I, L, O, U (so 0/O and 1/I/L cannot be confused; we read them leniently).
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
THAILAND_LAT = (Decimal("5.5"), Decimal("20.5"))
THAILAND_LON = (Decimal("97.3"), Decimal("105.7"))


def setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def reopen_days() -> int:
    return int(setting("COMPLAINTS_REOPEN_DAYS", 30))


def retention_days() -> int:
    return int(setting("COMPLAINTS_RETENTION_DAYS", 5 * 365))


# --- tracking codes --------------------------------------------------------------------------
def new_code(province: Organization, when: dt.datetime | None = None) -> str:
    """``PNA-6912-K7QF-9XMB``: province code, B.E. year and month, 40 random bits in base32."""
    when = timezone.localtime(when) if when else timezone.localtime()
    prefix = "".join(ch for ch in province.code.upper() if ch.isalnum())[:6] or "TH"
    rand = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
    return f"{prefix}-{(when.year + 543) % 100:02d}{when.month:02d}-{rand[:4]}-{rand[4:]}"


def normalize_code(text: str) -> str:
    """What a person typed → the stored form (upper case, O→0, I/L→1, dashes where they belong)."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(raw) < 13:
        return ""
    prefix, rest = raw[:-12], raw[-12:]
    rest = rest.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    return f"{prefix}-{rest[:4]}-{rest[4:8]}-{rest[8:]}"


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


# --- helpers ---------------------------------------------------------------------------------------
def _hours(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, math.floor((end - start).total_seconds() / 3600))


def check_point(latitude: Any, longitude: Any) -> tuple[Decimal | None, Decimal | None]:
    """Both or neither; inside Thailand's bounding box; six decimals."""
    if latitude in (None, "") and longitude in (None, ""):
        return None, None
    if latitude in (None, "") or longitude in (None, ""):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    try:
        lat = Decimal(str(latitude)).quantize(Decimal("0.000001"))
        lon = Decimal(str(longitude)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"latitude": _("Latitude and longitude must be numbers.")}) from None
    if not (THAILAND_LAT[0] <= lat <= THAILAND_LAT[1] and THAILAND_LON[0] <= lon <= THAILAND_LON[1]):
        raise ValidationError({"latitude": _(
            "The point is outside Thailand (latitude 5.5–20.5 N, longitude 97.3–105.7 E). "
            "Check the numbers or leave them empty.")})
    return lat, lon


def _event(c: Complaint, kind: str, *, actor=None, text: str = "", from_status: str = "", to_status: str = "",
           organization=None, related=None, at=None, on_behalf_of=None) -> ComplaintEvent:
    """One timeline line. Whether the citizen sees it follows from its kind (``ComplaintEvent.PUBLIC_KINDS``)."""
    return ComplaintEvent.objects.create(
        complaint=c, kind=kind, at=at or timezone.now(), actor=actor if getattr(actor, "is_authenticated", False)
        else None, text=text, from_status=from_status, to_status=to_status,
        organization=organization, related=related, on_behalf_of=on_behalf_of)


def _internal_note(c: Complaint, actor, note: str, **kw) -> None:
    if note:
        _event(c, ComplaintEvent.Kind.INTERNAL_NOTE, actor=actor, text=note, **kw)


def _audit(c: Complaint, actor, verb: str, *, action: str = AuditEntry.Action.TRANSITION, changes=None,
           message: str = "", organization=None, on_behalf_of=None, sealed: bool = False) -> None:
    record(actor=actor, action=action, obj=c, verb=verb, changes=changes or {}, message=message,
           on_behalf_of=on_behalf_of, organization=organization or (c.agency if c.agency_id else c.province),
           sealed=sealed)


def _citizen_actor(c: Complaint, actor):
    """The actor to name on the timeline for something the complainant did: nobody on an anonymous complaint."""
    return None if c.is_anonymous else actor


# --- the filer's private key (rate, reopen) ------------------------------------------------------------
def action_key(c: Complaint) -> str:
    """The secret that lets the filer act on the complaint without an account: an HMAC of the tracking code and
    the complaint's salt with the site's secret key. Given once in the receipt (page and e-mail); the code alone,
    which Open311 lists publicly, is not enough."""
    from django.utils.crypto import salted_hmac

    return salted_hmac("salaklang.complaints.action", f"{c.code}:{c.action_salt}",
                       algorithm="sha256").hexdigest()[:32]


def check_action_key(c: Complaint, key: str) -> bool:
    from django.utils.crypto import constant_time_compare

    return bool(key) and bool(c.action_salt) and constant_time_compare(action_key(c), (key or "").strip()[:64])


def _lock(c: Complaint) -> Complaint:
    return (Complaint.objects.select_for_update(of=("self",)).select_related("province", "agency", "category")
            .get(pk=c.pk))


def _mark_first_response(c: Complaint, now: dt.datetime) -> None:
    if c.acknowledged_at is None:
        c.acknowledged_at = now
        c.first_response_hours = _hours(c.received_at, now)


def _close(c: Complaint, status: str, now: dt.datetime) -> None:
    c.status = status
    c.closed_at = now
    _mark_first_response(c, now)
    c.resolution_hours = _hours(c.received_at, now)
    c.closed_on_time = timezone.localdate(now) <= c.resolve_due


def _save(c: Complaint, fields: list[str]) -> None:
    c.save(update_fields=[*fields, "updated_at"])


def _tracking_url(c: Complaint) -> str:
    return reverse("complaints:track", kwargs={"code": c.code})


def _notify_citizen(c: Complaint, title: str, body: str = "") -> None:
    """In-app (and e-mail) when signed in; otherwise an e-mail to the address given, after the commit."""
    from salaklang.complaints.tasks import notify_citizen

    if c.anonymised_at or (not c.user_id and not c.contact_email):
        return
    pk, title, body = c.pk, str(title), str(body)
    transaction.on_commit(lambda: notify_citizen.enqueue(pk, title, body))


def _notify_staff(c: Complaint, title: str, *, org_ids: list[int] | None = None, centre: bool = False,
                  heads_only: bool = False) -> None:
    from salaklang.complaints.tasks import notify_staff

    ids = org_ids if org_ids is not None else ([c.agency_id] if c.agency_id else [])
    pk, title = c.pk, str(title)
    transaction.on_commit(lambda: notify_staff.enqueue(pk, title, ids, centre, heads_only))


# --- intake ------------------------------------------------------------------------------------------
def complaint_submit(
    *,
    province: Organization,
    category: Category,
    subject: str,
    description: str,
    channel: str,
    actor=None,
    user=None,
    district: Organization | None = None,
    district_name: str = "",
    subdistrict: str = "",
    address: str = "",
    latitude: Any = None,
    longitude: Any = None,
    share_point: bool = False,
    anonymous: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    consent_sensitive: bool = False,
    external_ref: str = "",
    received_at: dt.datetime | None = None,
    attachments: list | tuple = (),
) -> Complaint:
    """File a complaint (see the module docstring for the contract)."""
    errors: dict[str, str] = {}
    subject, description = (subject or "").strip(), (description or "").strip()
    if not subject:
        errors["subject"] = _("Give the complaint a subject.")
    if not description:
        errors["description"] = _("Describe the problem.")
    if channel not in Complaint.Channel.values:
        errors["channel"] = _("Unknown channel.")
    if province is None or province.kind != Organization.Kind.PROVINCE:
        errors["province"] = _("Choose a province.")
    if category is None or not category.is_active:
        errors["category"] = _("Choose a category.")
    elif category.is_sensitive and not consent_sensitive:
        errors["consent_sensitive"] = _(
            "This category usually carries sensitive data (such as health): tick the consent box to continue.")
    if district is not None and province is not None and district.province_id != province.pk:
        errors["district"] = _("This district is not in the chosen province.")
    if channel in Complaint.STAFF_CHANNELS and province is not None and not access.is_centre_officer(actor, province.pk):
        raise PermissionDenied
    try:
        lat, lon = check_point(latitude, longitude)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        lat = lon = None
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    received_at = received_at or now
    received_date = timezone.localdate(received_at)
    agency_id = route_for(province.pk, category.pk)
    if anonymous:
        contact_name = contact_email = contact_phone = ""
        user = None
    c = Complaint(
        province=province, category=category, subject=subject[:200], description=description, channel=channel,
        status=S.ASSIGNED if agency_id else S.RECEIVED, agency_id=agency_id, district=district,
        district_name=(district.name_th if district else district_name)[:120], subdistrict=subdistrict[:120],
        address=address[:300], latitude=lat, longitude=lon, share_point=bool(share_point and lat is not None),
        user=user if getattr(user, "is_authenticated", False) else None, is_anonymous=bool(anonymous),
        contact_name=contact_name[:200], contact_email=contact_email[:254], contact_phone=contact_phone[:40],
        consent_sensitive_at=now if (category.is_sensitive and consent_sensitive) else None,
        entered_by=actor if (getattr(actor, "is_authenticated", False) and channel in Complaint.STAFF_CHANNELS)
        else None,
        external_ref=external_ref[:100], received_at=received_at, received_date=received_date,
        ack_due=add_working_days(received_date, category.ack_days),
        resolve_due=add_working_days(received_date, category.resolve_days),
    )
    # No savepoint around the insert: a code collision (about 2 in a million at national scale) rolls the
    # whole attempt back and it is retried with a new code.
    for attempt in range(3):
        c.pk = None
        c.code = new_code(province, received_at)
        c.action_salt = secrets.token_hex(16)
        try:
            with files_removed_on_rollback(), transaction.atomic():
                _submit_write(c, actor=actor, channel=channel, province=province, agency_id=agency_id,
                              attachments=attachments)
        except IntegrityError:
            if attempt == 2 or not Complaint.objects.filter(code=c.code).exists():
                raise
            continue
        return c
    raise AssertionError("unreachable")


def _submit_write(c: Complaint, *, actor, channel: str, province: Organization, agency_id: int | None,
                  attachments) -> None:
    from salaklang.complaints.tasks import complaint_received
    from salaklang.complaints.uploads import store_upload

    c.save(force_insert=True)
    staff_entry = channel in Complaint.STAFF_CHANNELS
    _event(c, ComplaintEvent.Kind.SUBMITTED, actor=actor if staff_entry else _citizen_actor(c, actor),
           to_status=c.status, at=c.received_at, text=c.get_channel_display())
    # A citizen's filing (web, app, API) is sealed in the audit trail: who and from where is personal data.
    _audit(c, actor, "complaint_submitted", action=AuditEntry.Action.CREATE, organization=province,
           changes={"channel": [None, channel], "status": [None, c.status], "agency": [None, agency_id]},
           sealed=not staff_entry)
    stats.apply(None, stats.contribution(c))
    for upload in attachments:
        store_upload(complaint=c, upload=upload, kind=ComplaintAttachment.Kind.EVIDENCE, actor=actor,
                     keep_location=c.share_point)
    pk = c.pk
    transaction.on_commit(lambda: complaint_received.enqueue(pk))


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
    if not c.can_transition_to(S.ASSIGNED):
        raise ValidationError(_("This action is not possible now (status: %(status)s).") % {
            "status": c.get_status_display()})
    _check_target(c, organization)
    before, old_status, old_agency = stats.contribution(c), c.status, c.agency_id
    c.status, c.agency = S.ASSIGNED, organization
    _save(c, ["status", "agency"])
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.ASSIGNED, actor=actor, from_status=old_status, to_status=S.ASSIGNED,
           organization=organization)
    _internal_note(c, actor, note, organization=organization)
    _audit(c, actor, "complaint_assigned", changes={"agency": [old_agency, organization.pk],
                                                    "status": [old_status, S.ASSIGNED]}, message=note)
    _notify_staff(c, _("A complaint has been assigned to you: %(code)s") % {"code": c.code})
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
    if not c.can_transition_to(S.SPLIT):
        raise ValidationError(_("This action is not possible now (status: %(status)s).") % {
            "status": c.get_status_display()})
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
    c.status = S.SPLIT
    _mark_first_response(c, now)
    c.closed_at = now
    _save(c, ["status", "acknowledged_at", "first_response_hours", "closed_at"])
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.SPLIT, actor=actor, from_status=old_status, to_status=S.SPLIT,
           text=", ".join(ch.code for ch in children))
    _internal_note(c, actor, note)
    _audit(c, actor, "complaint_split", changes={"status": [old_status, S.SPLIT],
                                                 "children": [None, [ch.code for ch in children]]}, message=note)
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
    if not c.can_transition_to(S.MERGED):
        raise ValidationError(_("This action is not possible now (status: %(status)s).") % {
            "status": c.get_status_display()})
    if target.status in (S.MERGED, S.SPLIT):
        raise ValidationError({"into": _("Choose a complaint that is still handled itself.")})
    now = timezone.now()
    before, old_status = stats.contribution(c), c.status
    c.status, c.merged_into, c.closed_at = S.MERGED, target, now
    _mark_first_response(c, now)
    _save(c, ["status", "merged_into", "closed_at", "acknowledged_at", "first_response_hours"])
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.MERGED, actor=actor, from_status=old_status, to_status=S.MERGED, related=target,
           text=target.code)
    _event(target, ComplaintEvent.Kind.MERGED_IN, actor=actor, related=c, text=c.code)
    _internal_note(c, actor, note)
    _audit(c, actor, "complaint_merged", changes={"status": [old_status, S.MERGED], "merged_into": [None, target.code]},
           message=note)
    _notify_citizen(c, _("Your complaint %(code)s is handled together with %(other)s.") % {
        "code": c.code, "other": target.code})
    return c


# --- handling (the agency) ----------------------------------------------------------------------
AGENCY_TARGETS = {S.IN_PROGRESS, S.FORWARDED, S.RESOLVED, S.NOT_RESOLVED, S.REJECTED}
REASON_REQUIRED = {S.NOT_RESOLVED, S.REJECTED, S.FORWARDED}


@transaction.atomic
def complaint_transition(*, complaint: Complaint, actor, status: str, note: str = "", reason: str = "") -> Complaint:
    """The responsible agency (or the centre) moves a complaint on: in progress, forwarded, resolved (ยุติ),
    not resolved (ไม่ยุติ) or rejected — the last three close it; not resolved, rejected and forwarded need a reason."""
    c = _lock(complaint)
    if not access.can_handle(actor, c):
        raise PermissionDenied
    if status not in AGENCY_TARGETS or not c.can_transition_to(status):
        raise ValidationError(_("This action is not possible now (status: %(status)s).") % {
            "status": c.get_status_display()})
    reason = (reason or "").strip()
    if status in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    now = timezone.now()
    before, old_status = stats.contribution(c), c.status
    fields = ["status", "acknowledged_at", "first_response_hours"]
    if status in Complaint.CLOSED:
        _close(c, status, now)
        c.outcome_reason = reason or note
        fields += ["closed_at", "resolution_hours", "closed_on_time", "outcome_reason"]
    else:
        c.status = status
        _mark_first_response(c, now)
    _save(c, fields)
    stats.apply(before, stats.contribution(c))
    text = "\n".join(p for p in (reason, note) if p)
    principal = access.principal_for(actor, c)
    _event(c, ComplaintEvent.Kind.STATUS, actor=actor, from_status=old_status, to_status=status, text=text,
           organization=c.agency, on_behalf_of=principal)
    _audit(c, actor, f"complaint_{status}", changes={"status": [old_status, status]}, message=text,
           on_behalf_of=principal)
    _notify_citizen(c, _("Your complaint %(code)s: %(status)s") % {"code": c.code, "status": c.get_status_display()},
                    text)
    return c


@transaction.atomic
def complaint_note(*, complaint: Complaint, actor, text: str, is_public: bool) -> ComplaintEvent:
    """A note on the timeline: public (the citizen sees it, counts as a first response) or internal."""
    c = _lock(complaint)
    if not access.can_handle(actor, c):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    if is_public and c.acknowledged_at is None:
        before = stats.contribution(c)
        _mark_first_response(c, timezone.now())
        _save(c, ["acknowledged_at", "first_response_hours"])
        stats.apply(before, stats.contribution(c))
    principal = access.principal_for(actor, c)
    kind = ComplaintEvent.Kind.NOTE if is_public else ComplaintEvent.Kind.INTERNAL_NOTE
    event = _event(c, kind, actor=actor, text=text, organization=c.agency, on_behalf_of=principal)
    _audit(c, actor, "complaint_note_public" if is_public else "complaint_note_internal",
           action=AuditEntry.Action.UPDATE, on_behalf_of=principal)
    if is_public:
        _notify_citizen(c, _("News on your complaint %(code)s") % {"code": c.code}, text)
    return event


@transaction.atomic
def complaint_extend(*, complaint: Complaint, actor, new_due: dt.date, reason: str) -> Extension:
    """Extend the resolve-by date (later than the current one), with the reason recorded."""
    c = _lock(complaint)
    if not access.can_handle(actor, c):
        raise PermissionDenied
    if not c.is_open:
        raise ValidationError(_("Only an open complaint can be extended."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    if new_due <= c.resolve_due:
        raise ValidationError({"new_due": _("The new date must be later than the current one.")})
    ext = Extension.objects.create(complaint=c, old_due=c.resolve_due, new_due=new_due, reason=reason,
                                   actor=actor if getattr(actor, "is_authenticated", False) else None)
    old = c.resolve_due
    c.resolve_due = new_due
    c.extension_count += 1
    _save(c, ["resolve_due", "extension_count"])
    principal = access.principal_for(actor, c)
    _event(c, ComplaintEvent.Kind.EXTENDED, actor=actor, text=f"{display_date(old)} → {display_date(new_due)}: {reason}",
           organization=c.agency, on_behalf_of=principal)
    _audit(c, actor, "complaint_extended", action=AuditEntry.Action.UPDATE,
           changes={"resolve_due": [old, new_due]}, message=reason, on_behalf_of=principal)
    _notify_citizen(c, _("The deadline of your complaint %(code)s has been extended.") % {"code": c.code}, reason)
    return ext


# --- the citizen after closing ---------------------------------------------------------------------
@transaction.atomic
def complaint_rate(*, complaint: Complaint, rating: int, comment: str = "", actor=None) -> Complaint:
    """Rate the handling 1–5 once the complaint is closed (once)."""
    c = _lock(complaint)
    if not c.is_closed:
        raise ValidationError(_("You can rate the handling once the complaint is closed."))
    if c.rating is not None:
        raise ValidationError(_("This complaint has already been rated."))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose from 1 to 5 stars.")})
    c.rating, c.rating_comment, c.rated_at = rating, (comment or "").strip()[:2000], timezone.now()
    _save(c, ["rating", "rating_comment", "rated_at"])
    _event(c, ComplaintEvent.Kind.RATED, actor=_citizen_actor(c, actor), text=str(rating))
    _audit(c, actor, "complaint_rated", action=AuditEntry.Action.UPDATE, changes={"rating": [None, rating]},
           sealed=True)
    return c


def can_reopen(c: Complaint, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (c.status in (S.RESOLVED, S.NOT_RESOLVED) and c.closed_at is not None
            and now - c.closed_at <= dt.timedelta(days=reopen_days()))


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, reason: str, actor=None) -> Complaint:
    """The citizen reopens a closed complaint within the reopen period; it goes back to the agency with a new
    deadline and the reopen count grows."""
    c = _lock(complaint)
    if not can_reopen(c):
        raise ValidationError(_("This complaint can no longer be reopened (allowed for %(days)s days after closing).")
                              % {"days": reopen_days()})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell us why the problem is not solved.")})
    before, old_status = stats.contribution(c), c.status
    today = timezone.localdate()
    c.status = S.ASSIGNED if c.agency_id else S.RECEIVED
    c.closed_at = None
    c.resolution_hours = None
    c.closed_on_time = None
    c.reopen_count += 1
    c.resolve_due = add_working_days(today, c.category.resolve_days)
    _save(c, ["status", "closed_at", "resolution_hours", "closed_on_time", "reopen_count", "resolve_due"])
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.REOPENED, actor=_citizen_actor(c, actor), from_status=old_status,
           to_status=c.status, text=reason)
    _audit(c, actor, "complaint_reopened", changes={"status": [old_status, c.status]}, message=reason, sealed=True)
    _notify_staff(c, _("A complaint has been reopened by the complainant: %(code)s") % {"code": c.code}, centre=True)
    return c


# --- attachments --------------------------------------------------------------------------------
@atomic_with_files
def complaint_attach(*, complaint: Complaint, actor, upload, kind: str) -> ComplaintAttachment:
    """Staff add a before/after photo or a document (before/after photos are shown publicly)."""
    from salaklang.complaints.uploads import store_upload

    c = _lock(complaint)
    if not access.can_handle(actor, c):
        raise PermissionDenied
    if kind not in ComplaintAttachment.Kind.values or kind == ComplaintAttachment.Kind.EVIDENCE:
        raise ValidationError({"kind": _("Choose what the file shows.")})
    att = store_upload(complaint=c, upload=upload, kind=kind, actor=actor, keep_location=False)
    _audit(c, actor, "complaint_attachment_added", action=AuditEntry.Action.UPDATE,
           changes={"attachment": [None, att.original_name]}, on_behalf_of=access.principal_for(actor, c))
    return att


# --- privacy ------------------------------------------------------------------------------------
def record_personal_view(*, complaint: Complaint, actor, what: str = "contact") -> None:
    """Every view of a complainant's identity writes an audit entry."""
    record(actor=actor, action=AuditEntry.Action.VIEW_PERSONAL, obj=complaint, verb=f"complaint_personal_{what}",
           organization=complaint.agency if complaint.agency_id else complaint.province)


def _anonymise(c: Complaint, *, actor=None, reason: str) -> None:
    c.contact_name = c.contact_email = c.contact_phone = ""
    c.user = None
    c.address = ""
    c.latitude = c.longitude = None
    c.share_point = False
    c.description = _("(removed to protect personal data)")
    c.external_ref = ""
    c.anonymised_at = timezone.now()
    _save(c, ["contact_name", "contact_email", "contact_phone", "user", "address", "latitude", "longitude",
              "share_point", "description", "external_ref", "anonymised_at"])
    ComplaintEvent.objects.filter(complaint=c, kind=ComplaintEvent.Kind.INTERNAL_NOTE).update(text="")
    for att in list(c.attachments.filter(kind=ComplaintAttachment.Kind.EVIDENCE)):
        att.file.delete(save=False)
        att.delete()
    _event(c, ComplaintEvent.Kind.ANONYMISED, actor=actor, text=reason)
    record(actor=actor, action=AuditEntry.Action.DELETE, obj=c, verb="complaint_anonymised",
           organization=c.agency if c.agency_id else c.province, message=reason)


def anonymise_expired(*, now: dt.datetime | None = None) -> int:
    """Remove personal data of complaints closed longer ago than the retention period. Statistics stay
    (the rollup and the category, place and dates are kept). Idempotent."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=retention_days())
    ids = list(Complaint.objects.filter(anonymised_at__isnull=True, closed_at__lt=cutoff)
               .values_list("pk", flat=True)[:5000])
    done = 0
    for pk in ids:
        with transaction.atomic():
            c = Complaint.objects.select_for_update(of=("self",)).select_related("agency", "province").get(pk=pk)
            if c.anonymised_at is None:
                _anonymise(c, reason=_("Retention period ended"))
                done += 1
    return done


@transaction.atomic
def data_request_create(*, complaint: Complaint, kind: str, email: str = "", requester=None,
                        message: str = "") -> DataRequest:
    """A person asks for a copy or the deletion of their data; staff must answer within 30 days."""
    if kind not in DataRequest.Kind.values:
        raise ValidationError({"kind": _("Choose what you ask for.")})
    req = DataRequest.objects.create(
        complaint=complaint, province_id=complaint.province_id, kind=kind, requester_email=email,
        requester=requester if getattr(requester, "is_authenticated", False) else None, message=message[:4000],
        due=timezone.localdate() + dt.timedelta(days=30))
    record(actor=requester, action=AuditEntry.Action.CREATE, obj=req, verb="data_request_created",
           organization=complaint.province, sealed=True)
    _notify_staff(complaint, _("A personal data request on %(code)s must be answered within 30 days.") % {
        "code": complaint.code}, org_ids=[], centre=True)
    return req


@transaction.atomic
def data_request_handle(*, data_request: DataRequest, actor, status: str, response: str) -> DataRequest:
    """Staff of the centre answer a request (handled or refused with the reason). A handled deletion
    anonymises the complaint."""
    req = DataRequest.objects.select_for_update(of=("self",)).select_related("complaint").get(pk=data_request.pk)
    if not access.is_centre_officer(actor, req.province_id):
        raise PermissionDenied
    if req.status != DataRequest.Status.OPEN:
        raise ValidationError(_("This request has already been answered."))
    if status not in (DataRequest.Status.HANDLED, DataRequest.Status.REFUSED):
        raise ValidationError({"status": _("Choose an answer.")})
    response = (response or "").strip()
    if status == DataRequest.Status.REFUSED and not response:
        raise ValidationError({"response": _("Give the reason.")})
    req.status, req.response, req.handled_at, req.handled_by = status, response, timezone.now(), actor
    req.save(update_fields=["status", "response", "handled_at", "handled_by", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=req, verb=f"data_request_{status}",
           organization=req.complaint.province if req.complaint.province_id else None, message=response)
    if status == DataRequest.Status.HANDLED and req.kind == DataRequest.Kind.DELETION:
        c = Complaint.objects.select_for_update(of=("self",)).select_related("agency", "province").get(
            pk=req.complaint_id)
        if c.anonymised_at is None:
            _anonymise(c, actor=actor, reason=_("Deleted at the person's request"))
    if req.requester_email:
        from salaklang.notifications.tasks import send_plain_email

        subject = _("Your personal data request: %(status)s") % {"status": req.get_status_display()}
        body, to = response, [req.requester_email]
        transaction.on_commit(lambda: send_plain_email.enqueue(str(subject), body, to))
    return req


# --- escalation (periodic) --------------------------------------------------------------------------
def escalate_overdue(*, today: dt.date | None = None) -> int:
    """Escalate each overdue complaint once per deadline (acknowledge / resolve) to the agency head and the
    centre. The EscalationLog's unique key makes the job idempotent; a new deadline after an extension may
    escalate again."""
    today = today or timezone.localdate()
    count = 0
    def not_yet(kind: str, field: str):
        return ~Exists(EscalationLog.objects.filter(complaint_id=OuterRef("pk"), kind=kind, due=OuterRef(field)))

    ack = Complaint.objects.filter(not_yet(EscalationLog.Kind.ACKNOWLEDGE, "ack_due"),
                                   status__in=[S.RECEIVED, S.ASSIGNED], acknowledged_at__isnull=True,
                                   ack_due__lt=today).values_list("pk", "ack_due")
    resolve = Complaint.objects.filter(not_yet(EscalationLog.Kind.RESOLVE, "resolve_due"),
                                       status__in=Complaint.OPEN, resolve_due__lt=today).values_list(
        "pk", "resolve_due")
    for kind, rows in ((EscalationLog.Kind.ACKNOWLEDGE, ack), (EscalationLog.Kind.RESOLVE, resolve)):
        for pk, due in list(rows[:5000]):  # a backlog is worked off over the following runs
            with transaction.atomic():
                _log, created = EscalationLog.objects.get_or_create(complaint_id=pk, kind=kind, due=due)
                if not created:
                    continue
                c = Complaint.objects.select_related("agency", "province").get(pk=pk)
                label = EscalationLog.Kind(kind).label
                _event(c, ComplaintEvent.Kind.ESCALATED, text=str(label))
                record(actor=None, action=AuditEntry.Action.NOTIFY, obj=c, verb=f"complaint_escalated_{kind}",
                       organization=c.agency if c.agency_id else c.province, changes={"due": [None, due]})
                _notify_staff(c, _("Overdue complaint %(code)s: %(what)s") % {"code": c.code, "what": label},
                              centre=True, heads_only=True)
                count += 1
    return count


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
