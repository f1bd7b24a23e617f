"""Personal data: views of it (audited), anonymising after the retention period, and data requests."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.complaints import access
from salaklang.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    DataRequest,
)
from salaklang.complaints.services.common import _event, _notify_staff, _save, retention_days
from salaklang.core import workflow


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
        due=timezone.localdate() + dt.timedelta(days=settings.COMPLAINTS_DATA_REQUEST_DAYS))
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
    answered = _("This request has already been answered.")
    if not req.is_open:
        raise ValidationError(answered)
    if status not in (DataRequest.Status.HANDLED, DataRequest.Status.REFUSED):
        raise ValidationError({"status": _("Choose an answer.")})
    response = (response or "").strip()
    if status == DataRequest.Status.REFUSED and not response:
        raise ValidationError({"response": _("Give the reason.")})
    req.response, req.handled_at, req.handled_by = response, timezone.now(), actor
    workflow.transition(req, status, actor=actor, verb=f"data_request_{status}", refused=answered,
                        fields=["response", "handled_at", "handled_by"], message=response,
                        organization=req.complaint.province if req.complaint.province_id else None)
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
