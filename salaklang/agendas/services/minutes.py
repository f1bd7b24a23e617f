"""Minutes of a held meeting: edit (versioned), check, approve."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.agendas import access
from salaklang.agendas.models import (
    Attendee,
    Meeting,
    MeetingItem,
    MinutesVersion,
)
from salaklang.agendas.services.meetings import _meeting_locked, invitees
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.core import workflow
from salaklang.core.forms import unix_newlines
from salaklang.notifications.services import notify


def minutes_snapshot(meeting: Meeting) -> dict[str, Any]:
    items = list(meeting.items.all())
    return {
        "opening": meeting.minutes_opening,
        "opened_at": meeting.opened_at.strftime("%H:%M") if meeting.opened_at else None,
        "closed_at": meeting.closed_at.strftime("%H:%M") if meeting.closed_at else None,
        "minute_taker": meeting.minute_taker_id, "checker": meeting.checker_id,
        "items": [{"id": i.pk, "section": i.section, "title": i.title, "discussion": i.discussion,
                   "resolution": i.resolution} for i in items],
    }


@transaction.atomic
def minutes_update(*, actor: User, meeting: Meeting, opening: str | None = None,
                   items: dict[int, dict[str, str]] | None = None, reason: str = "") -> Meeting:
    """Write the minutes. Once approved they are locked: an edit then starts a new version (the approved
    text stays in the history)."""
    meeting = _meeting_locked(meeting.pk)
    if not access.can_write_minutes(actor, meeting):
        raise PermissionDenied
    if not meeting.has_taken_place_or_is_due:
        raise ValidationError(_("Minutes are written for a meeting that takes or took place."))
    before = minutes_snapshot(meeting)
    new_version = meeting.minutes_locked
    by_id = {i.pk: i for i in meeting.items.all()}
    changed_items = []
    for pk, values in (items or {}).items():
        item = by_id.get(int(pk))
        if item is None:
            raise ValidationError(_("Unknown meeting item."))
        for field in ("discussion", "resolution"):
            if field in values and values[field] is not None:
                setattr(item, field, unix_newlines(values[field]))
        changed_items.append(item)
    if opening is not None:
        meeting.minutes_opening = unix_newlines(opening)
    after = {**minutes_snapshot(meeting), "items": [
        {"id": i.pk, "section": i.section, "title": i.title, "discussion": i.discussion, "resolution": i.resolution}
        for i in by_id.values()]}
    if after == before:
        return meeting
    if new_version:
        MinutesVersion.objects.filter(meeting=meeting, number=meeting.minutes_version).update(
            reopened_at=timezone.now(), reopened_by=actor, reopen_reason=reason[:500])
        meeting.minutes_version += 1
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        # a new version after approval, or checked minutes to be checked again: the table allows both; the edit
        # itself is the audit row below (one row for the edit and its consequence)
        workflow.ensure(meeting, Meeting.MinutesStatus.DRAFT, field="minutes_status")
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    MeetingItem.objects.bulk_update(changed_items, ["discussion", "resolution"])
    meeting.save(update_fields=["minutes_opening", "minutes_status", "minutes_version", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=meeting,
           verb="minutes_new_version" if new_version else "minutes_updated", message=reason,
           organization=meeting.committee.organization,
           changes={"version": [meeting.minutes_version - 1 if new_version else meeting.minutes_version,
                                meeting.minutes_version],
                    "agenda_items": [None, [i.pk for i in changed_items]]})  # not "items": the audit log reads changes.items
    return meeting


@transaction.atomic
def minutes_check(*, actor: User, meeting: Meeting) -> Meeting:
    """The checker (ผู้ตรวจรายงานการประชุม) confirms the minutes."""
    meeting = _meeting_locked(meeting.pk)
    if meeting.checker_id != actor.pk and not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    if not meeting.is_held:
        raise ValidationError(_("Record the opening and closing time of the meeting first."))
    return workflow.transition(meeting, Meeting.MinutesStatus.CHECKED, field="minutes_status", actor=actor,
                               verb="minutes_checked", organization=meeting.committee.organization,
                               refused=_("These minutes are not waiting to be checked."))


def unrecorded_members(meeting: Meeting) -> int:
    """How many member seats of the meeting have no attendance recorded (neither present, absent nor represented)."""
    return meeting.attendees.filter(kind=Attendee.Kind.MEMBER, attendance=Attendee.Attendance.UNKNOWN).count()


@transaction.atomic
def minutes_approve(*, actor: User, meeting: Meeting, accept_unrecorded: bool = False) -> Meeting:
    """Approve (lock) the minutes; a frozen copy is kept as this version. The minutes list who attended: with
    nobody's attendance recorded they cannot be approved; with some members unrecorded the approver must say they
    approve anyway (those members are then listed as "attendance not recorded", never as absent)."""
    meeting = _meeting_locked(meeting.pk)
    if not access.can_approve_minutes(actor, meeting):
        raise PermissionDenied
    if not meeting.is_held:
        raise ValidationError(_("Record the opening and closing time of the meeting first."))
    workflow.ensure(meeting, Meeting.MinutesStatus.APPROVED, field="minutes_status",
                    refused=_("These minutes are already approved."))
    if meeting.checker_id and meeting.minutes_status != Meeting.MinutesStatus.CHECKED:
        raise ValidationError(_("The checker has not checked these minutes yet."))
    members = meeting.attendees.filter(kind=Attendee.Kind.MEMBER)
    missing = unrecorded_members(meeting)
    if missing and missing == members.count():
        raise ValidationError(_("Nobody's attendance has been recorded: record who was present, absent or "
                                "represented before approving the minutes."))
    if missing and not accept_unrecorded:
        raise ValidationError(_("The attendance of %(n)s member(s) is not recorded. Record it, or confirm that you "
                                "approve the minutes with their attendance shown as not recorded.") % {"n": missing})
    workflow.transition(meeting, Meeting.MinutesStatus.APPROVED, field="minutes_status", actor=actor,
                        verb="minutes_approved", organization=meeting.committee.organization,
                        refused=_("These minutes are already approved."),
                        changes={"version": [None, meeting.minutes_version]})
    MinutesVersion.objects.create(meeting=meeting, number=meeting.minutes_version, data=minutes_snapshot(meeting),
                                  approved_at=timezone.now(), approved_by=actor)
    notify(recipients=invitees(meeting), actor=actor, kind="meeting.minutes",
           title=_("Minutes approved: %(title)s") % {"title": meeting.title},
           url=reverse("agendas:meeting", args=[meeting.pk]), email=False)
    return meeting
