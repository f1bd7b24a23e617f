"""Opinion rounds: open a round, record an opinion, remind the agencies that have not answered."""

from __future__ import annotations

import datetime as dt
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
    Opinion,
    OpinionInvitation,
    OpinionReminder,
    OpinionRound,
)
from salaklang.agendas.services.common import agency_people
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot
from salaklang.core.thai import display_date
from salaklang.notifications.services import notify
from salaklang.organizations.models import (
    Organization,
)


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
