"""What every complaint service shares: settings, the event/audit/notify helpers, locking and the filer's private key."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.complaints.models import (
    Complaint,
    ComplaintEvent,
)
from salaklang.core import workflow

S = Complaint.Status


def reopen_days() -> int:
    return int(settings.COMPLAINTS_REOPEN_DAYS)


def retention_days() -> int:
    return int(settings.COMPLAINTS_RETENTION_DAYS)


# --- helpers ---------------------------------------------------------------------------------------
def _hours(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, math.floor((end - start).total_seconds() / 3600))


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


def _change_status(c: Complaint, to: str, actor, verb: str, *, fields=(), changes=None, message: str = "",
                   on_behalf_of=None, sealed: bool = False) -> Complaint:
    """A complaint's change of status through core.workflow, with the audit row as ``_audit`` writes it (the
    organization handling it, sealed for the complainant's own acts)."""
    return workflow.transition(c, to, actor=actor, verb=verb, fields=fields, changes=changes, message=message,
                               on_behalf_of=on_behalf_of, sealed=sealed,
                               organization=c.agency if c.agency_id else c.province)


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


def _close(c: Complaint, now: dt.datetime) -> None:
    """The figures of a closing (the status itself changes through ``_change_status``)."""
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
                  heads_only: bool = False, note: str = "") -> None:
    """``note``: the centre's routing note, carried in the notice and its e-mail."""
    from salaklang.complaints.tasks import notify_staff

    ids = org_ids if org_ids is not None else ([c.agency_id] if c.agency_id else [])
    pk, title = c.pk, str(title)
    if note:
        transaction.on_commit(lambda: notify_staff.enqueue(pk, title, ids, centre, heads_only, note))
    else:
        transaction.on_commit(lambda: notify_staff.enqueue(pk, title, ids, centre, heads_only))
