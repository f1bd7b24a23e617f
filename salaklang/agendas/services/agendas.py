"""Candidate agendas: create, edit, accept, withdraw."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.agendas import access
from salaklang.agendas.models import (
    Agenda,
)
from salaklang.agendas.services.common import agency_people, strategy_staff
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import assign_and_save, diff, record, snapshot
from salaklang.core import workflow
from salaklang.notifications.services import notify
from salaklang.organizations.models import (
    Organization,
)
from salaklang.organizations.roles import province_id_of

AGENDA_FIELDS = ["title", "problem", "area", "evidence", "national_strategy_id", "fiscal_year"]


AGENDA_INPUT = ["title", "problem", "area", "evidence", "national_strategy", "fiscal_year"]


# --- candidate agendas -----------------------------------------------------------------------
@transaction.atomic
def agenda_create(*, actor: User, province: Organization, proposed_by: Organization, data: dict[str, Any]) -> Agenda:
    """Strategy staff add a candidate directly; an agency's proposal goes to the strategy staff first."""
    if province.kind != Organization.Kind.PROVINCE or province_id_of(proposed_by) != province.pk:
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
    changes = assign_and_save(agenda, data, AGENDA_INPUT, AGENDA_FIELDS)
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=agenda, verb="agenda_updated", changes=changes,
               organization=agenda.proposed_by)
    return agenda


def _agenda_transition(*, actor: User, agenda: Agenda, status: str, verb: str, reason: str = "") -> Agenda:
    agenda = Agenda.objects.select_for_update().get(pk=agenda.pk)
    allowed = access.can_manage_agenda(actor, agenda) or (
        status == Agenda.Status.WITHDRAWN and access.can_withdraw_agenda(actor, agenda))
    if not allowed:
        raise PermissionDenied
    return workflow.transition(agenda, status, actor=actor, verb=verb, message=reason, organization=agenda.proposed_by)


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
