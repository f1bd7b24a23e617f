"""State changes of agendas, opinions and meetings: one keyword-only function per user action
(lock, permission, transition, audit, notify)."""

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
    MeetingPhoto,
    MinutesVersion,
    Opinion,
    OpinionInvitation,
    OpinionReminder,
    OpinionRound,
)
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot
from salaklang.core.thai import display_date, display_time
from salaklang.core.uploads import atomic_with_files
from salaklang.notifications.services import notify
from salaklang.organizations.delegation import acting_for
from salaklang.organizations.models import (
    Committee,
    CommitteeMember,
    Delegation,
    Membership,
    Organization,
    Role,
)

AGENDA_FIELDS = ["title", "problem", "area", "evidence", "national_strategy_id", "fiscal_year"]
AGENDA_INPUT = ["title", "problem", "area", "evidence", "national_strategy", "fiscal_year"]
MEETING_FIELDS = ["number", "title", "date", "start_time", "end_time", "venue", "chair_id", "minute_taker_id",
                  "checker_id"]


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


# --- candidate agendas -----------------------------------------------------------------------
@transaction.atomic
def agenda_create(*, actor: User, province: Organization, proposed_by: Organization, data: dict[str, Any]) -> Agenda:
    """Strategy staff add a candidate directly; an agency's proposal goes to the strategy staff first."""
    if province.kind != Organization.Kind.PROVINCE or _province_of(proposed_by) != province.pk:
        raise ValidationError(_("The proposing organization must belong to the province."))
    is_staff = access.can_manage_province(actor, province.pk)
    if not is_staff and proposed_by.pk not in access.agency_org_ids(actor):
        raise PermissionDenied
    agenda = Agenda(province=province, proposed_by=proposed_by, created_by=actor,
                    status=Agenda.Status.CANDIDATE if is_staff else Agenda.Status.PROPOSED,
                    **{k: v for k, v in data.items() if k in AGENDA_INPUT})
    agenda.full_clean()
    agenda.save()
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=agenda, verb="agenda_proposed", organization=proposed_by,
           changes=diff({}, snapshot(agenda, ["title", "fiscal_year", "status"])))
    if not is_staff:
        notify(recipients=strategy_staff(province.pk), actor=actor, kind="agenda.proposed",
               title=_("New agenda proposed by %(org)s: %(title)s") % {"org": proposed_by, "title": agenda.title},
               url=reverse("agendas:detail", args=[agenda.pk]))
    return agenda


@transaction.atomic
def agenda_update(*, actor: User, agenda: Agenda, data: dict[str, Any]) -> Agenda:
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    if not access.can_edit_agenda(actor, agenda):
        if not agenda.is_editable:
            raise ValidationError(_("This agenda can no longer be edited (status: %(status)s).") % {
                "status": agenda.get_status_display()})
        raise PermissionDenied
    before = snapshot(agenda, AGENDA_FIELDS)
    for key, value in data.items():
        if key in AGENDA_INPUT:
            setattr(agenda, key, value)
    agenda.full_clean()
    agenda.save()
    changes = diff(before, snapshot(agenda, AGENDA_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=agenda, verb="agenda_updated", changes=changes,
               organization=agenda.proposed_by)
    return agenda


def _agenda_transition(*, actor: User, agenda: Agenda, status: str, verb: str, reason: str = "") -> Agenda:
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    before = agenda.status
    allowed = access.can_manage_agenda(actor, agenda) or (
        status == Agenda.Status.WITHDRAWN and agenda.status == Agenda.Status.PROPOSED
        and agenda.proposed_by_id in access.agency_org_ids(actor))
    if not allowed:
        raise PermissionDenied
    _transition(agenda, status)
    agenda.status = status
    agenda.save(update_fields=["status", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=agenda, verb=verb, message=reason,
           changes={"status": [before, status]}, organization=agenda.proposed_by)
    return agenda


@transaction.atomic
def agenda_accept(*, actor: User, agenda: Agenda) -> Agenda:
    """The strategy staff take an agency's proposal in as a candidate."""
    agenda = _agenda_transition(actor=actor, agenda=agenda, status=Agenda.Status.CANDIDATE, verb="agenda_accepted")
    notify(recipients=agency_people([agenda.proposed_by_id]), actor=actor, kind="agenda.accepted",
           title=_("Your agenda is now a candidate: %(title)s") % {"title": agenda.title},
           url=reverse("agendas:detail", args=[agenda.pk]))
    return agenda


@transaction.atomic
def agenda_withdraw(*, actor: User, agenda: Agenda, reason: str = "") -> Agenda:
    return _agenda_transition(actor=actor, agenda=agenda, status=Agenda.Status.WITHDRAWN, verb="agenda_withdrawn",
                              reason=reason)


# --- opinions --------------------------------------------------------------------------------
def default_invitees(province: Organization):
    """Every active agency of the province."""
    return Organization.objects.filter(province_id=province.pk, kind=Organization.Kind.AGENCY, is_active=True)


@transaction.atomic
def opinion_round_open(*, actor: User, province: Organization, fiscal_year: int, due_date: dt.date,
                       message: str = "", organizations: Iterable[Organization] | None = None) -> OpinionRound:
    """Ask agencies for their opinion on the candidates of a fiscal year (all agencies by default).
    Asking again for the same year adds the new agencies and may move the due date."""
    if not access.can_manage_province(actor, province.pk):
        raise PermissionDenied
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date is in the past.")})
    chosen = list(organizations) if organizations is not None else list(default_invitees(province))
    if any(o.province_id != province.pk for o in chosen):
        raise ValidationError(_("Only agencies of the province can be asked."))
    if not chosen:
        raise ValidationError(_("Choose at least one agency."))
    rnd = OpinionRound.objects.select_for_update().filter(province=province, fiscal_year=fiscal_year).first()
    created = rnd is None
    if created:
        rnd = OpinionRound.objects.create(province=province, fiscal_year=fiscal_year, due_date=due_date,
                                          message=message, created_by=actor)
    else:
        rnd.due_date, rnd.message = due_date, message or rnd.message
        rnd.save(update_fields=["due_date", "message", "updated_at"])
    already = set(rnd.invitations.values_list("organization_id", flat=True))
    new = [o for o in chosen if o.pk not in already]
    OpinionInvitation.objects.bulk_create([OpinionInvitation(round=rnd, organization=o) for o in new])
    record(actor=actor, action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, obj=rnd,
           verb="opinions_requested", organization=province,
           changes={"due_date": [None, due_date], "agencies": [len(already), len(already) + len(new)]})
    if new:
        notify(recipients=agency_people([o.pk for o in new]), actor=actor, kind="agenda.opinions_requested",
               title=_("Your opinion is requested on the candidate agendas of fiscal year %(fy)s") % {"fy": fiscal_year},
               body=_("Please answer by %(date)s.") % {"date": display_date(due_date)},
               url=reverse("agendas:opinions", args=[rnd.pk]))
    return rnd


def invitation_for(agenda: Agenda, organization: Organization) -> OpinionInvitation | None:
    return (OpinionInvitation.objects.filter(round__province_id=agenda.province_id,
                                             round__fiscal_year=agenda.fiscal_year, organization=organization)
            .select_related("round").first())


@transaction.atomic
def opinion_record(*, actor: User, agenda: Agenda, organization: Organization, position: str, reasoning: str = "",
                   contribution: str = "") -> Opinion:
    """An invited agency states its position on one candidate (again: the answer is replaced)."""
    invitation = invitation_for(agenda, organization)
    if invitation is None:
        raise PermissionDenied(_("%(org)s was not asked for its opinion on the agendas of fiscal year %(fy)s.") % {
            "org": organization, "fy": agenda.fiscal_year})
    principal = None
    if organization.pk not in access.agency_org_ids(actor):
        principal = access.delegated_principal(actor, organization.pk)
        if principal is None:
            raise PermissionDenied(_("Only the coordinators or the head of %(org)s can answer for it.") % {
                "org": organization})
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    if agenda.status != Agenda.Status.CANDIDATE:
        raise ValidationError(_("Opinions are taken only on candidate agendas."))
    if position not in Opinion.Position.values:
        raise ValidationError({"position": _("Choose a position.")})
    opinion = Opinion.objects.filter(agenda=agenda, organization=organization).first()
    before = snapshot(opinion, ["position", "reasoning", "contribution"]) if opinion else {}
    if opinion is None:
        opinion = Opinion(agenda=agenda, organization=organization, invitation=invitation)
    opinion.position, opinion.reasoning, opinion.contribution = position, reasoning, contribution
    opinion.answered_by, opinion.on_behalf_of = actor, principal
    opinion.save()
    record(actor=actor, on_behalf_of=principal, action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
           obj=agenda, verb="opinion_recorded", organization=organization,
           changes={"organization": [None, organization.code],
                    **diff(before, snapshot(opinion, ["position", "reasoning", "contribution"]))})
    return opinion


def pending_invitations(rnd: OpinionRound) -> list[OpinionInvitation]:
    """Invited agencies that have not given a position on every candidate of the year (two queries)."""
    candidates = set(Agenda.objects.filter(province_id=rnd.province_id, fiscal_year=rnd.fiscal_year,
                                           status=Agenda.Status.CANDIDATE).values_list("pk", flat=True))
    if not candidates:
        return []
    answered: dict[int, set[int]] = {}
    for inv_id, agenda_id in Opinion.objects.filter(invitation__round=rnd, agenda_id__in=candidates).values_list(
            "invitation_id", "agenda_id"):
        answered.setdefault(inv_id, set()).add(agenda_id)
    return [inv for inv in rnd.invitations.select_related("organization")
            if not candidates <= answered.get(inv.pk, set())]


@transaction.atomic
def opinion_remind(*, actor: User | None, rnd: OpinionRound, kind: str = OpinionReminder.Kind.MANUAL) -> int:
    """Remind the agencies that have not answered on every candidate; automatic kinds go out once each."""
    rnd = OpinionRound.objects.select_for_update().get(pk=rnd.pk)
    if actor is not None and not access.can_manage_province(actor, rnd.province_id):
        raise PermissionDenied
    pending = pending_invitations(rnd)
    if kind != OpinionReminder.Kind.MANUAL:
        already = set(OpinionReminder.objects.filter(invitation__round=rnd, kind=kind)
                      .values_list("invitation_id", flat=True))
        pending = [inv for inv in pending if inv.pk not in already]
    if not pending:
        return 0
    OpinionReminder.objects.bulk_create([OpinionReminder(invitation=inv, kind=kind, sent_by=actor) for inv in pending],
                                        ignore_conflicts=True)
    notify(recipients=agency_people([inv.organization_id for inv in pending]), actor=actor, kind="agenda.reminder",
           title=_("Reminder: your opinion on the candidate agendas of fiscal year %(fy)s") % {"fy": rnd.fiscal_year},
           body=_("Please answer by %(date)s.") % {"date": display_date(rnd.due_date)},
           url=reverse("agendas:opinions", args=[rnd.pk]))
    record(actor=actor, action=AuditEntry.Action.NOTIFY, obj=rnd, verb=f"opinion_reminder_{kind}",
           organization=rnd.province, changes={"organizations": [None, [inv.organization.code for inv in pending]]})
    return len(pending)


OPINION_REMINDER_OFFSETS = {OpinionReminder.Kind.D3: 3, OpinionReminder.Kind.D1: 1, OpinionReminder.Kind.AFTER: -1}


def send_opinion_reminders(today: dt.date | None = None) -> int:
    """The periodic job: 3 days and 1 day before the due date and the day after it, each once per agency."""
    today = today or timezone.localdate()
    sent = 0
    for rnd in OpinionRound.objects.filter(due_date__gte=today - dt.timedelta(days=1),
                                           due_date__lte=today + dt.timedelta(days=3)):
        days_left = (rnd.due_date - today).days
        for kind, offset in OPINION_REMINDER_OFFSETS.items():
            if days_left == offset:
                sent += opinion_remind(actor=None, rnd=rnd, kind=kind)
    return sent


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
    province_id = _province_of(committee.organization)
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


def _notify_invitees(meeting: Meeting, actor: User, title: str) -> None:
    when = display_date(meeting.date, "weekday")
    notify(recipients=invitees(meeting), actor=actor, kind="meeting.invitation", title=title,
           body=_("%(date)s, %(start)s–%(end)s, %(venue)s. The calendar file (.ics) is attached to the e-mail and on the meeting page.") % {
               "date": when, "start": display_time(meeting.start_time, suffix=False), "end": display_time(meeting.end_time),
               "venue": meeting.venue},
           url=reverse("agendas:meeting", args=[meeting.pk]))


@transaction.atomic
def meeting_invite(*, actor: User, meeting: Meeting) -> Meeting:
    """Send the invitations (in-app and e-mail, with the .ics link); again after a change raises SEQUENCE."""
    meeting = _meeting_locked(meeting.pk)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    if meeting.status == Meeting.Status.DRAFT:
        if not meeting.attendees.exists():
            raise ValidationError(_("The meeting has no one to invite."))
        _transition(meeting, Meeting.Status.INVITED)
        meeting.status = Meeting.Status.INVITED
    elif meeting.status == Meeting.Status.INVITED:
        meeting.sequence += 1
    else:
        raise ValidationError(_("Invitations can no longer be sent (status: %(status)s).") % {
            "status": meeting.get_status_display()})
    now = timezone.now()
    meeting.invited_at = now
    meeting.save(update_fields=["status", "invited_at", "sequence", "updated_at"])
    meeting.attendees.filter(invited_at__isnull=True).update(invited_at=now)
    record(actor=actor, action=AuditEntry.Action.NOTIFY, obj=meeting, verb="meeting_invitations_sent",
           organization=meeting.committee.organization, changes={"invitees": [None, meeting.attendees.count()]})
    _notify_invitees(meeting, actor, _("Invitation: %(title)s") % {"title": meeting.title})
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str = "") -> Meeting:
    meeting = _meeting_locked(meeting.pk)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    _transition(meeting, Meeting.Status.CANCELLED)
    was_invited = meeting.status == Meeting.Status.INVITED
    before = meeting.status
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=meeting, verb="meeting_cancelled", message=reason,
           changes={"status": [before, "cancelled"]}, organization=meeting.committee.organization)
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
               url=reverse("agendas:meeting", args=[meeting.pk]))
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
    before = {"status": meeting.status, "opened_at": meeting.opened_at, "closed_at": meeting.closed_at}
    if meeting.status != Meeting.Status.HELD:
        _transition(meeting, Meeting.Status.HELD)
    meeting.status = Meeting.Status.HELD
    meeting.opened_at, meeting.closed_at = opened_at, closed_at
    meeting.save(update_fields=["status", "opened_at", "closed_at", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=meeting, verb="meeting_held",
           organization=meeting.committee.organization,
           changes=diff(before, {"status": meeting.status, "opened_at": opened_at, "closed_at": closed_at}))
    return meeting


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
    if meeting.status not in (Meeting.Status.INVITED, Meeting.Status.HELD):
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
                setattr(item, field, values[field])
        changed_items.append(item)
    if opening is not None:
        meeting.minutes_opening = opening
    after = {**minutes_snapshot(meeting), "items": [
        {"id": i.pk, "section": i.section, "title": i.title, "discussion": i.discussion, "resolution": i.resolution}
        for i in by_id.values()]}
    if after == before:
        return meeting
    if new_version:
        MinutesVersion.objects.filter(meeting=meeting, number=meeting.minutes_version).update(
            reopened_at=timezone.now(), reopened_by=actor, reopen_reason=reason[:500])
        meeting.minutes_version += 1
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT
    elif meeting.minutes_status == Meeting.MinutesStatus.CHECKED:
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT  # to be checked again
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
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Record the opening and closing time of the meeting first."))
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError(_("These minutes are not waiting to be checked."))
    meeting.minutes_status = Meeting.MinutesStatus.CHECKED
    meeting.save(update_fields=["minutes_status", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=meeting, verb="minutes_checked",
           organization=meeting.committee.organization, changes={"minutes_status": ["draft", "checked"]})
    return meeting


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
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Record the opening and closing time of the meeting first."))
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise ValidationError(_("These minutes are already approved."))
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
    before = meeting.minutes_status
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.save(update_fields=["minutes_status", "updated_at"])
    MinutesVersion.objects.create(meeting=meeting, number=meeting.minutes_version, data=minutes_snapshot(meeting),
                                  approved_at=timezone.now(), approved_by=actor)
    record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=meeting, verb="minutes_approved",
           organization=meeting.committee.organization,
           changes={"minutes_status": [before, "approved"], "version": [None, meeting.minutes_version]})
    notify(recipients=invitees(meeting), actor=actor, kind="meeting.minutes",
           title=_("Minutes approved: %(title)s") % {"title": meeting.title},
           url=reverse("agendas:meeting", args=[meeting.pk]), email=False)
    return meeting


# --- selection -------------------------------------------------------------------------------
@transaction.atomic
def agendas_select(*, actor: User, item: MeetingItem, agendas: Iterable[Agenda], resolution: str = "") -> list[Agenda]:
    """A resolution of a meeting item selects one or more candidate agendas for the fiscal year."""
    meeting = _meeting_locked(item.meeting_id)
    if not access.can_manage_meeting(actor, meeting):
        raise PermissionDenied
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Agendas are selected by the resolution of a meeting that took place."))
    ids = [a.pk for a in agendas]
    if meeting.minutes_locked:
        raise ValidationError(_("The minutes are approved: correct them to change the resolution."))
    if not ids:
        raise ValidationError(_("Choose at least one agenda."))
    rows = list(Agenda.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(rows) != len(set(ids)) or any(a.province_id != meeting.province_id for a in rows):
        raise ValidationError(_("Only agendas of the meeting's province can be selected."))
    for a in rows:
        if not a.can_transition_to(Agenda.Status.SELECTED):
            raise ValidationError(_("%(title)s is not a candidate (status: %(status)s).") % {
                "title": a.title, "status": a.get_status_display()})
    now = timezone.now()
    for a in rows:
        a.status, a.selected_at, a.selected_by_item = Agenda.Status.SELECTED, now, item
    Agenda.objects.bulk_update(rows, ["status", "selected_at", "selected_by_item"])
    item = MeetingItem.objects.get(pk=item.pk)
    item.agendas.add(*rows)
    if resolution:
        item.resolution = resolution
        item.save(update_fields=["resolution"])
    staff = strategy_staff(meeting.province_id)  # every row is of the meeting's province (checked above)
    for a in rows:
        record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=a, verb="agenda_selected",
               organization=a.proposed_by, changes={"status": ["candidate", "selected"], "meeting": [None, meeting.pk]},
               message=_("Selected by the resolution of %(meeting)s") % {"meeting": meeting.title})
        notify(recipients=agency_people([a.proposed_by_id]) + staff, actor=actor,
               kind="agenda.selected", title=_("Agenda selected for fiscal year %(fy)s: %(title)s") % {
                   "fy": a.fiscal_year, "title": a.title},
               url=reverse("agendas:detail", args=[a.pk]))
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=meeting, verb="agendas_selected",
           organization=meeting.committee.organization, changes={"agendas": [None, [a.pk for a in rows]]})
    return rows


# --- photos ----------------------------------------------------------------------------------
def reencode_photo(upload) -> tuple[bytes, int, int]:
    """A meeting photo checked by content and size, re-encoded as JPEG (at most 2400 px) with no metadata."""
    from salaklang.core import uploads

    uploads.content_type(upload, allowed=set(uploads.PHOTO_TYPES),
                         refused=_("Only JPEG, PNG or WebP photos are accepted."))
    data, _mime, width, height = uploads.reencode_photo(upload, max_side=2400, as_jpeg=True,
                                                        refused=_("Only JPEG, PNG or WebP photos are accepted."))
    return data, width, height


@atomic_with_files  # issue 10: a rolled-back upload leaves no file on disk
def photo_add(*, actor: User, meeting: Meeting, upload, caption: str = "", publishable: bool = False) -> MeetingPhoto:
    from django.core.files.base import ContentFile

    meeting = _meeting_locked(meeting.pk)
    if not access.can_write_minutes(actor, meeting):
        raise PermissionDenied
    data, width, height = reencode_photo(upload)
    photo = MeetingPhoto(meeting=meeting, caption=caption, publishable=publishable, uploaded_by=actor,
                         width=width, height=height, size=len(data))
    photo.image.save(f"meeting-{meeting.pk}.jpg", ContentFile(data), save=False)
    photo.save()
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=meeting, verb="meeting_photo_added",
           organization=meeting.committee.organization,
           changes={"photo": [None, photo.pk], "publishable": [None, publishable]})
    return photo


@transaction.atomic
def photo_set_publishable(*, actor: User, photo: MeetingPhoto, publishable: bool) -> MeetingPhoto:
    photo = MeetingPhoto.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=photo.pk)
    if not access.can_write_minutes(actor, photo.meeting):
        raise PermissionDenied
    if photo.publishable != publishable:
        photo.publishable = publishable
        photo.save(update_fields=["publishable"])
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=photo.meeting, verb="meeting_photo_publishable",
               organization=photo.meeting.committee.organization,
               changes={"photo": [None, photo.pk], "publishable": [not publishable, publishable]})
    return photo
