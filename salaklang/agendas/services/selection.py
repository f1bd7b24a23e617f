"""Selecting agendas at a meeting item."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.agendas import access
from salaklang.agendas.models import (
    Agenda,
    Meeting,
    MeetingItem,
)
from salaklang.agendas.services.common import agency_people, strategy_staff
from salaklang.agendas.services.meetings import _meeting_locked
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.notifications.services import notify


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
