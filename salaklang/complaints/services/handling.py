"""Handling by the agency and the citizen after closing: status changes, notes, extensions, rating, reopening,
attachments and the periodic escalation of overdue complaints."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.complaints import access, stats, workflows
from salaklang.complaints.deadlines import add_working_days
from salaklang.complaints.models import (
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    EscalationLog,
    Extension,
)
from salaklang.complaints.services.common import (
    S,
    _audit,
    _change_status,
    _citizen_actor,
    _close,
    _event,
    _lock,
    _mark_first_response,
    _notify_citizen,
    _notify_staff,
    _save,
    reopen_days,
)
from salaklang.core import workflow
from salaklang.core.thai import display_date
from salaklang.core.uploads import atomic_with_files

# --- handling (the agency) ----------------------------------------------------------------------
AGENCY_TARGETS = workflows.AGENCY_TARGETS


REASON_REQUIRED = {S.NOT_RESOLVED, S.REJECTED, S.FORWARDED}


@transaction.atomic
def complaint_transition(*, complaint: Complaint, actor, status: str, note: str = "", reason: str = "") -> Complaint:
    """The responsible agency (or the centre) moves a complaint on: in progress, forwarded, resolved (ยุติ),
    not resolved (ไม่ยุติ) or rejected — the last three close it; not resolved, rejected and forwarded need a reason."""
    c = _lock(complaint)
    if not access.can_handle(actor, c):
        raise PermissionDenied
    if status not in AGENCY_TARGETS:
        raise ValidationError(workflow.refusal(c))
    workflow.ensure(c, status)
    reason = (reason or "").strip()
    if status in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    now = timezone.now()
    before, old_status = stats.contribution(c), c.status
    fields = ["acknowledged_at", "first_response_hours"]
    if status in Complaint.CLOSED:
        _close(c, now)
        c.outcome_reason = reason or note
        fields += ["closed_at", "resolution_hours", "closed_on_time", "outcome_reason"]
    else:
        _mark_first_response(c, now)
    text = "\n".join(p for p in (reason, note) if p)
    principal = access.principal_for(actor, c)
    _change_status(c, status, actor, f"complaint_{status}", fields=fields, message=text, on_behalf_of=principal)
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.STATUS, actor=actor, from_status=old_status, to_status=status, text=text,
           organization=c.agency, on_behalf_of=principal)
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
    c.closed_at = None
    c.resolution_hours = None
    c.closed_on_time = None
    c.reopen_count += 1
    c.resolve_due = add_working_days(today, c.category.resolve_days)
    _change_status(c, S.ASSIGNED if c.agency_id else S.RECEIVED, actor, "complaint_reopened", message=reason,
                   sealed=True, fields=["closed_at", "resolution_hours", "closed_on_time", "reopen_count", "resolve_due"])
    stats.apply(before, stats.contribution(c))
    _event(c, ComplaintEvent.Kind.REOPENED, actor=_citizen_actor(c, actor), from_status=old_status,
           to_status=c.status, text=reason)
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
