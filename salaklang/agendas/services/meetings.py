"""Meetings: create, edit, invite, cancel, attendees and attendance, items, holding the meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.agendas import access
from salaklang.agendas.models import (
    Agenda,
    Attendee,
    Meeting,
    MeetingItem,
)
from salaklang.agendas.services.common import agency_people
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot
from salaklang.core import workflow
from salaklang.core.thai import display_date, display_time
from salaklang.notifications.services import notify
from salaklang.organizations.models import (
    Committee,
    CommitteeMember,
    Delegation,
    Membership,
    Organization,
    Role,
)
from salaklang.organizations.roles import acting_for, province_id_of

MEETING_FIELDS = ["number", "title", "date", "start_time", "end_time", "venue", "chair_id", "minute_taker_id",
                  "checker_id"]


# --- meetings --------------------------------------------------------------------------------
def _check_times(start: dt.time | None, end: dt.time | None, field: str = "end_time") -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError({field: _("The end time must be after the start time.")})


def _head_of(org_ids: list[int]) -> dict[int, User]:
    rows = (Membership.objects.filter(organization_id__in=org_ids, role=Role.AGENCY_HEAD, is_active=True,
                                      user__is_active=True).select_related("user").order_by("id"))
    heads: dict[int, User] = {}
    for m in rows:
        heads.setdefault(m.organization_id, m.user)
    return heads


POSITION_LABELS_TH = {"chair": "ประธาน", "vice_chair": "รองประธาน", "member": "คณะทำงาน", "secretary": "เลขานุการ",
                      "assistant_secretary": "ผู้ช่วยเลขานุการ"}


@transaction.atomic
def meeting_create(*, actor: User, committee: Committee, data: dict[str, Any]) -> Meeting:
    """A meeting of a committee: its members are the invitees (an agency's seat goes to its head)."""
    province_id = province_id_of(committee.organization)
    if not access.can_manage_province(actor, province_id):
        raise PermissionDenied
    _check_times(data.get("start_time"), data.get("end_time"))
    seats = list(CommitteeMember.objects.filter(committee=committee).select_related("person", "represented_organization"))
    chair = data.get("chair") or next((s.person for s in seats if s.position == "chair" and s.person_id), None)
    meeting = Meeting(committee=committee, province_id=province_id, created_by=actor, chair=chair,
                      **{k: v for k, v in data.items() if k in MEETING_FIELDS or k in ("minute_taker", "checker")})
    meeting.full_clean()
    meeting.save()
    heads = _head_of([s.represented_organization_id for s in seats if s.represented_organization_id])
    Attendee.objects.bulk_create([
        Attendee(meeting=meeting, person=s.person or heads.get(s.represented_organization_id),
                 organization=s.represented_organization, sort_order=i,
                 role_label=POSITION_LABELS_TH.get(s.position, ""))
        for i, s in enumerate(sorted(seats, key=lambda s: (CommitteeMember.POSITION_ORDER.get(s.position, 9),
                                                          s.sort_order)))
    ])
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=meeting, verb="meeting_created",
           organization=committee.organization, changes=diff({}, snapshot(meeting, ["title", "date", "start_time",
                                                                                    "end_time", "venue"])))
    return meeting


def _meeting_locked(meeting_pk: int) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting_pk)


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    meeting = _meeting_locked(meeting.pk)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    if meeting.status in (Meeting.Status.CANCELLED,):
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    before = snapshot(meeting, MEETING_FIELDS)
    for key, value in data.items():
        if key in ("chair", "minute_taker", "checker") or key in MEETING_FIELDS:
            setattr(meeting, key, value)
    _check_times(meeting.start_time, meeting.end_time)
    meeting.full_clean()
    changes = diff(before, snapshot(meeting, MEETING_FIELDS))
    schedule_changed = bool({"date", "start_time", "end_time", "venue"} & set(changes))
    if schedule_changed and meeting.status == Meeting.Status.INVITED:
        meeting.sequence += 1
    meeting.save()
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=meeting, verb="meeting_updated", changes=changes,
               organization=meeting.committee.organization)
    if schedule_changed and meeting.status == Meeting.Status.INVITED:
        _notify_invitees(meeting, actor, _("Meeting changed: %(title)s") % {"title": meeting.title})
    return meeting


def invitees(meeting: Meeting) -> list[User]:
    rows = list(meeting.attendees.all())
    people = [a.person for a in rows if a.person_id]
    return people + agency_people([a.organization_id for a in rows if a.organization_id and not a.person_id]) + [
        a.delegate for a in rows if a.delegate_id]


def _when_and_where(meeting: Meeting) -> str:
    """The invitation's line: date, times and venue (and where the calendar file is)."""
    return _("%(date)s, %(start)s–%(end)s, %(venue)s. The calendar file (.ics) is attached to the e-mail and on the meeting page.") % {
        "date": display_date(meeting.date, "weekday"), "start": display_time(meeting.start_time, suffix=False),
        "end": display_time(meeting.end_time, suffix=False), "venue": meeting.venue}  # the sentence says น.


def _notify_invitees(meeting: Meeting, actor: User, title: str) -> None:
    notify(recipients=invitees(meeting), actor=actor, kind="meeting.invitation", title=title,
           body=_when_and_where(meeting), url=reverse("agendas:meeting", args=[meeting.pk]))


@transaction.atomic
def meeting_invite(*, actor: User, meeting: Meeting) -> Meeting:
    """Send the invitations (in-app and e-mail, with the .ics link); again after a change raises SEQUENCE."""
    meeting = _meeting_locked(meeting.pk)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    first = meeting.is_draft
    if first:
        if not meeting.attendees.exists():
            raise ValidationError(_("The meeting has no one to invite."))
    elif meeting.is_invited:
        meeting.sequence += 1  # sent again after a change: no change of status
    else:
        raise ValidationError(_("Invitations can no longer be sent (status: %(status)s).") % {
            "status": meeting.get_status_display()})
    now = timezone.now()
    meeting.invited_at = now
    meeting.attendees.filter(invited_at__isnull=True).update(invited_at=now)
    sent = {"organization": meeting.committee.organization, "changes": {"invitees": [None, meeting.attendees.count()]}}
    if first:
        workflow.transition(meeting, Meeting.Status.INVITED, actor=actor, action=AuditEntry.Action.NOTIFY,
                            verb="meeting_invitations_sent", fields=["invited_at", "sequence"], **sent)
    else:
        meeting.save(update_fields=["invited_at", "sequence", "updated_at"])
        record(actor=actor, action=AuditEntry.Action.NOTIFY, obj=meeting, verb="meeting_invitations_sent", **sent)
    _notify_invitees(meeting, actor, _("Invitation: %(title)s") % {"title": meeting.title})
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str = "") -> Meeting:
    meeting = _meeting_locked(meeting.pk)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    workflow.ensure(meeting, Meeting.Status.CANCELLED)
    was_invited = meeting.is_invited
    meeting.sequence += 1
    workflow.transition(meeting, Meeting.Status.CANCELLED, actor=actor, verb="meeting_cancelled", message=reason,
                        fields=["sequence"], organization=meeting.committee.organization)
    if was_invited:
        _notify_invitees(meeting, actor, _("Meeting cancelled: %(title)s") % {"title": meeting.title})
    return meeting


@transaction.atomic
def attendee_add(*, actor: User, meeting: Meeting, person: User | None = None, organization: Organization | None = None,
                 kind: str = Attendee.Kind.OFFICIAL, role_label: str = "") -> Attendee:
    meeting = _meeting_locked(meeting.pk)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    if person is None and organization is None:
        raise ValidationError(_("Choose a person or an organization."))
    if person is not None and meeting.attendees.filter(person=person).exists():
        raise ValidationError(_("%(person)s is already on the list.") % {"person": person})
    last = meeting.attendees.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    attendee = Attendee.objects.create(meeting=meeting, person=person, organization=organization, kind=kind,
                                       role_label=role_label, sort_order=last + 1,
                                       invited_at=timezone.now() if meeting.status == Meeting.Status.INVITED else None)
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=meeting, verb="attendee_added",
           changes={"attendee": [None, attendee.label]}, organization=meeting.committee.organization)
    return attendee


def _delegate_allowed(attendee: Attendee, delegate: User) -> bool:
    """The delegate must belong to the organization of the person they replace."""
    if attendee.organization_id:
        org_ids = {attendee.organization_id}
    else:
        org_ids = set(Membership.objects.filter(user_id=attendee.person_id, is_active=True)
                      .values_list("organization_id", flat=True))
    return Membership.objects.filter(user=delegate, organization_id__in=org_ids, is_active=True).exists()


@transaction.atomic
def attendance_record(*, actor: User, attendee: Attendee, attendance: str, delegate: User | None = None,
                      note: str = "") -> Attendee:
    """Present, absent, or represented by a named delegate (who must belong to the same organization).

    Strategy staff record it for anyone; the invited person (or their delegate under an "attend meetings"
    delegation) may name the delegate before the meeting."""
    attendee = Attendee.objects.select_for_update(of=("self",)).select_related("meeting", "person", "organization").get(
        pk=attendee.pk)
    meeting = attendee.meeting
    is_staff = access.can_manage_meeting(actor, meeting)
    if not is_staff:
        if attendance != Attendee.Attendance.REPRESENTED or not access.can_set_delegate(actor, attendee):
            raise PermissionDenied
        if meeting.status != Meeting.Status.INVITED:
            raise ValidationError(_("The delegate can be named only before the meeting."))
    if meeting.status in (Meeting.Status.CANCELLED,) or meeting.minutes_locked:
        raise ValidationError(_("Attendance can no longer be changed."))
    if attendance not in Attendee.Attendance.values:
        raise ValidationError({"attendance": _("Choose the attendance.")})
    if attendance == Attendee.Attendance.REPRESENTED:
        if delegate is None:
            raise ValidationError({"delegate": _("Name the person attending instead.")})
        if delegate.pk == attendee.person_id:
            raise ValidationError({"delegate": _("A person cannot attend instead of themself.")})
        if not _delegate_allowed(attendee, delegate):
            raise ValidationError({"delegate": _(
                "%(delegate)s does not belong to %(org)s, so cannot attend instead of %(person)s.") % {
                "delegate": delegate, "person": attendee.label,
                "org": attendee.organization or _("the same organization")}})
    else:
        delegate = None
    principal = None
    if not is_staff and attendee.person_id and actor.pk != attendee.person_id:
        principal = attendee.person
        if acting_for(actor, principal, Delegation.Scope.ATTEND_MEETINGS) is None:
            raise PermissionDenied
    before = {"attendance": attendee.attendance, "delegate": attendee.delegate_id}
    attendee.attendance, attendee.delegate, attendee.note = attendance, delegate, note
    attendee.save(update_fields=["attendance", "delegate", "note"])
    record(actor=actor, on_behalf_of=principal, action=AuditEntry.Action.UPDATE, obj=meeting,
           verb="attendance_recorded", organization=attendee.organization or meeting.committee.organization,
           changes={"attendee": [None, attendee.label],
                    **diff(before, {"attendance": attendance, "delegate": delegate.pk if delegate else None})},
           message=(_("%(delegate)s attends instead of %(person)s") % {"delegate": delegate, "person": attendee.label})
           if delegate else "")
    if delegate and delegate.pk != actor.pk:
        notify(recipients=[delegate], actor=actor, kind="meeting.delegate",
               title=_("You attend %(title)s instead of %(person)s") % {"title": meeting.title,
                                                                         "person": attendee.label},
               body=_when_and_where(meeting), url=reverse("agendas:meeting", args=[meeting.pk]))
    return attendee


@transaction.atomic
def item_add(*, actor: User, meeting: Meeting, title: str, section: int = MeetingItem.Section.FOR_CONSIDERATION,
             agendas: Iterable[Agenda] = (), call=None, proposal=None) -> MeetingItem:
    meeting = _meeting_locked(meeting.pk)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    if meeting.minutes_locked or meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("The agenda of this meeting can no longer be changed."))
    agendas = list(agendas)
    if any(a.province_id != meeting.province_id for a in agendas):
        raise ValidationError(_("Only agendas of the meeting's province can be discussed."))
    last = meeting.items.filter(section=section).order_by("-sort_order").values_list("sort_order", flat=True).first()
    item = MeetingItem.objects.create(meeting=meeting, title=title, section=section, sort_order=(last or 0) + 1,
                                      call=call, proposal=proposal)
    if agendas:
        item.agendas.set(agendas)
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=meeting, verb="meeting_item_added",
           changes={"item": [None, title], "agendas": [None, [a.pk for a in agendas]]},
           organization=meeting.committee.organization)
    return item


@transaction.atomic
def meeting_hold(*, actor: User, meeting: Meeting, opened_at: dt.time, closed_at: dt.time) -> Meeting:
    """Record that the meeting took place, with its opening and closing time."""
    meeting = _meeting_locked(meeting.pk)
    if not access.can_write_minutes(actor, meeting):
        raise PermissionDenied
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes are approved: open a new version to change them."))
    _check_times(opened_at, closed_at, "closed_at")
    before = {"opened_at": meeting.opened_at, "closed_at": meeting.closed_at}
    if not meeting.is_held:
        workflow.ensure(meeting, Meeting.Status.HELD)
    meeting.opened_at, meeting.closed_at = opened_at, closed_at
    changes = diff(before, {"opened_at": opened_at, "closed_at": closed_at})
    if not meeting.is_held:
        workflow.transition(meeting, Meeting.Status.HELD, actor=actor, verb="meeting_held", changes=changes,
                            fields=["opened_at", "closed_at"], organization=meeting.committee.organization)
    else:  # the times corrected: no change of status
        meeting.save(update_fields=["opened_at", "closed_at", "updated_at"])
        record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=meeting, verb="meeting_held",
               organization=meeting.committee.organization, changes=changes)
    return meeting
