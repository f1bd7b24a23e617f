"""Filing a complaint: the point check and ``complaint_submit`` (web form, Open311, API)."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.complaints import access, stats
from salaklang.complaints.deadlines import add_working_days
from salaklang.complaints.models import (
    Category,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
)
from salaklang.complaints.services.codes import new_code
from salaklang.complaints.services.common import S, _audit, _citizen_actor, _event
from salaklang.complaints.services.routing import route_for
from salaklang.core.uploads import files_removed_on_rollback
from salaklang.organizations.models import Organization

THAILAND_LAT = (Decimal("5.5"), Decimal("20.5"))


THAILAND_LON = (Decimal("97.3"), Decimal("105.7"))


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
