"""The workflows of agendas, meetings and minutes (registered with salaklang.core.workflow).

``allowed`` answers "may this person make this change" for the buttons of a page; the services check the same
rules themselves (through agendas.access) before they call ``workflow.transition``."""

from __future__ import annotations

from salaklang.agendas import access
from salaklang.agendas.models import Agenda, Meeting
from salaklang.core import workflow

M = Meeting.MinutesStatus
MINUTES_TRANSITIONS = {
    M.DRAFT: {M.CHECKED, M.APPROVED},  # checked by the checker; approved directly when there is no checker
    M.CHECKED: {M.APPROVED, M.DRAFT},  # an edit after the check sends the minutes back to be checked again
    M.APPROVED: {M.DRAFT},  # a correction opens a new version
}


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False)


def _agenda_allowed(agenda: Agenda, user, to: str) -> bool:
    if not _signed_in(user):
        return False
    if to == Agenda.Status.WITHDRAWN:
        return access.can_withdraw_agenda(user, agenda)
    return access.can_manage_agenda(user, agenda)


def _meeting_allowed(meeting: Meeting, user, to: str) -> bool:
    if not _signed_in(user):
        return False
    if to == Meeting.Status.HELD:
        return access.can_write_minutes(user, meeting)
    return access.can_manage_meeting(user, meeting)


def _minutes_allowed(meeting: Meeting, user, to: str) -> bool:
    if not _signed_in(user):
        return False
    if to == M.CHECKED:
        return meeting.checker_id == user.pk or access.can_manage_meeting(user, meeting)
    if to == M.APPROVED:
        return access.can_approve_minutes(user, meeting)
    return access.can_write_minutes(user, meeting)


def register() -> None:
    workflow.register(Agenda, transitions=Agenda.TRANSITIONS, allowed=_agenda_allowed)
    workflow.register(Meeting, transitions=Meeting.TRANSITIONS, allowed=_meeting_allowed)
    workflow.register(Meeting, field="minutes_status", transitions=MINUTES_TRANSITIONS, allowed=_minutes_allowed)
