"""State changes of calls and proposals: one function per user action (permission, transition, audit, notify)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import assign_and_save, diff, record, snapshot
from salaklang.calls import access
from salaklang.calls.models import (
    Call,
    CallAttachment,
    CallTarget,
    CircularCounter,
    PlanLink,
    Proposal,
    ProposalAttachment,
    ProposalVersion,
    ReminderLog,
)
from salaklang.core import workflow
from salaklang.core.middleware import request_time
from salaklang.core.thai import display_datetime, thai_digits
from salaklang.core.uploads import atomic_with_files, content_type
from salaklang.notifications.services import notify
from salaklang.organizations.models import Organization, Role
from salaklang.organizations.roles import people_with_roles, province_id_of, province_of
from salaklang.reviews import similarity
from salaklang.reviews.services import standings_refresh

CALL_FIELDS = ["title", "fiscal_year", "categories", "quota_per_respondent", "opens_at", "deadline", "late_policy",
               "subject", "addressee", "references", "enclosures", "body", "closing", "signatory_name",
               "signatory_position", "contact_unit", "contact_phone", "contact_fax", "contact_email", "speed_mark",
               "thai_digits", "letter_date"]


def default_targets(issuer: Organization):
    """A province asks its agencies; the national office asks every province."""
    if issuer.kind == Organization.Kind.NATION:
        return Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True)
    return Organization.objects.filter(province_id=province_id_of(issuer), kind=Organization.Kind.AGENCY, is_active=True)


# --- calls ------------------------------------------------------------------------------------
@transaction.atomic
def call_create(*, actor: User, issuer: Organization, data: dict[str, Any], targets=None) -> Call:
    if not access.can_issue_for(actor, issuer):
        raise PermissionDenied
    call = Call(issuer=issuer, created_by=actor, **{k: v for k, v in data.items() if k in CALL_FIELDS})
    call.full_clean()
    call.save()
    chosen = list(targets) if targets is not None else list(default_targets(issuer))
    CallTarget.objects.bulk_create([CallTarget(call=call, organization=o) for o in chosen])
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=call, verb="call_created", organization=issuer,
           changes={**diff({}, snapshot(call, ["title", "fiscal_year", "deadline", "quota_per_respondent"])),
                    "targets": [None, len(chosen)]})
    return call


@transaction.atomic
def call_update(*, actor: User, call: Call, data: dict[str, Any], targets=None) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not access.can_manage_call(actor, call):
        raise PermissionDenied
    if call.status != Call.Status.DRAFT:
        raise ValidationError(_("A published call can no longer be edited."))
    changes = assign_and_save(call, data, CALL_FIELDS, CALL_FIELDS)
    if targets is not None:
        wanted = {o.pk for o in targets}
        current = set(call.targets.values_list("organization_id", flat=True))
        call.targets.filter(organization_id__in=current - wanted).delete()
        CallTarget.objects.bulk_create([CallTarget(call=call, organization_id=pk) for pk in wanted - current])
        if wanted != current:
            changes["targets"] = [len(current), len(wanted)]
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=call, verb="call_updated", changes=changes)
    return call


def _next_circular_number(issuer: Organization, year_be: int) -> int:
    counter, _created = CircularCounter.objects.select_for_update().get_or_create(organization=issuer, year=year_be)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def document_number(call: Call) -> str:
    text = f"{call.issuer.document_prefix()}/ว {call.circular_sequence}"
    return thai_digits(text) if call.thai_digits else text


def _recipients_of(organization_ids) -> list[User]:
    return list(people_with_roles([Role.AGENCY_COORDINATOR, Role.AGENCY_HEAD, Role.PROVINCIAL_ADMIN],
                                  organizations=organization_ids))


@transaction.atomic
def call_publish(*, actor: User, call: Call) -> Call:
    call = Call.objects.select_for_update(of=("self",)).select_related("issuer__province").get(pk=call.pk)
    if not access.can_manage_call(actor, call):
        raise PermissionDenied
    workflow.ensure(call, Call.Status.PUBLISHED)
    if not call.targets.exists():
        raise ValidationError(_("Choose at least one target organization before publishing."))
    if call.deadline <= timezone.now():
        raise ValidationError(_("The deadline has already passed: set a later deadline before publishing."))
    today = timezone.localdate()
    if call.circular_sequence is None:
        call.circular_year = today.year + 543
        call.circular_sequence = _next_circular_number(call.issuer, call.circular_year)
        call.document_number = document_number(call)
    call.letter_date = call.letter_date or today
    call.published_at = timezone.now()
    workflow.transition(call, Call.Status.PUBLISHED, actor=actor, verb="call_published",
                        fields=["circular_year", "circular_sequence", "document_number", "letter_date", "published_at"],
                        changes={"document_number": [None, call.document_number]})
    target_orgs = call.targets.values_list("organization_id", flat=True)
    notify(recipients=_recipients_of(target_orgs), actor=actor, kind="call.published",
           title=_("New call for proposals: %(title)s") % {"title": call.title},
           body=_("%(issuer)s asks for proposals by %(deadline)s. Document %(number)s.") % {
               "issuer": call.issuer, "deadline": display_datetime(call.deadline, "full"),
               "number": call.document_number},
           url=reverse("calls:detail", args=[call.pk]))
    return call


@transaction.atomic
def call_close(*, actor: User, call: Call) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not access.can_manage_call(actor, call):
        raise PermissionDenied
    workflow.transition(call, Call.Status.CLOSED, actor=actor, verb="call_closed")
    from salaklang.reviews.services import start_review  # reviews builds on calls

    return start_review(call=call, actor=actor)  # reviewers already assigned: the call is in review


@transaction.atomic
def call_remind(*, actor: User | None, call: Call, kind: str = ReminderLog.Kind.MANUAL) -> int:
    """Remind every target that has not submitted. Automatic kinds are sent once per target."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if actor is not None and not access.can_manage_call(actor, call):
        raise PermissionDenied
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError(_("Reminders go out only while the call is open."))
    pending = list(call.targets.exclude(proposals__status=Proposal.Status.SUBMITTED).select_related("organization"))
    if kind != ReminderLog.Kind.MANUAL:
        already = set(ReminderLog.objects.filter(call=call, kind=kind).values_list("target_id", flat=True))
        pending = [t for t in pending if t.pk not in already]
    if not pending:
        return 0
    ReminderLog.objects.bulk_create([ReminderLog(call=call, target=t, kind=kind, sent_by=actor) for t in pending],
                                    ignore_conflicts=True)
    notify(recipients=_recipients_of([t.organization_id for t in pending]), actor=actor, kind="call.reminder",
           title=_("Reminder: %(title)s — deadline %(deadline)s") % {
               "title": call.title, "deadline": display_datetime(call.deadline, "full")},
           body=_("Your organization has not submitted a proposal yet."), url=reverse("calls:detail", args=[call.pk]))
    record(actor=actor, action=AuditEntry.Action.NOTIFY, obj=call, verb=f"reminder_{kind}",
           changes={"organizations": [None, [t.organization.code for t in pending]]})
    return len(pending)


REMINDER_OFFSETS = {ReminderLog.Kind.D7: 7, ReminderLog.Kind.D3: 3, ReminderLog.Kind.D1: 1, ReminderLog.Kind.AFTER: -1}


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """The periodic job: 7, 3 and 1 day(s) before the deadline and the day after it, each once per target."""
    now = now or timezone.now()
    sent = 0
    for call in Call.objects.filter(status=Call.Status.PUBLISHED, deadline__gte=now - dt.timedelta(days=2),
                                    deadline__lte=now + dt.timedelta(days=8)):
        days_left = (timezone.localtime(call.deadline).date() - timezone.localtime(now).date()).days
        for kind, offset in REMINDER_OFFSETS.items():
            if days_left == offset:
                sent += call_remind(actor=None, call=call, kind=kind)
    return sent


# --- the board's stored state of each target ------------------------------------------------------
def targets_refresh(*, target_ids=None, call: Call | int | None = None) -> int:
    """Store the board state and the number of proposals of the given targets (or of every target of ``call``) from
    their proposals: CallTarget.state and proposal_count, which the board reads instead of computing them from every
    proposal on each request (issue 16). Called in the transaction of every change it depends on: a proposal created
    or forwarded (here) and every status transition (``target_follow``, registered in CallsConfig.ready); a bulk load
    (bench, demo) calls it once at the end. The target rows are locked first, so that two changes of one target's
    proposals at the same time are counted one after the other (the refresh reads after the lock is granted)."""
    from salaklang.calls.queries import proposal_count_expression, target_state_expression

    targets = CallTarget.objects.all()
    if call is not None:
        targets = targets.filter(call=call)
    if target_ids is not None:
        targets = targets.filter(pk__in=list(target_ids))
    with transaction.atomic():
        locked = list(targets.select_for_update().order_by("pk").values_list("pk", flat=True))
        if not locked:
            return 0
        return CallTarget.objects.filter(pk__in=locked).update(state=target_state_expression(),
                                                               proposal_count=proposal_count_expression())


def target_follow(proposal: Proposal, old: str, new: str) -> None:
    """After every status transition of a proposal (core.workflow.after_transition): its target's stored state."""
    targets_refresh(target_ids=[proposal.target_id])


# --- proposals --------------------------------------------------------------------------------
@transaction.atomic
def proposal_create(*, actor: User, call: Call, organization: Organization, data: dict[str, Any]) -> Proposal:
    if not access.can_draft_for(actor, organization):
        raise PermissionDenied
    call = Call.objects.get(pk=call.pk)
    target = CallTarget.objects.filter(call=call, organization=organization).first()
    if target is None:
        raise PermissionDenied
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError(_("This call is not open for proposals."))
    proposal = Proposal(call=call, target=target, organization=organization, created_by=actor,
                        **{k: v for k, v in data.items() if k in _EDITABLE})
    _check_category(call, proposal.category)
    proposal.full_clean()
    proposal.save()
    targets_refresh(target_ids=[target.pk])
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=proposal, verb="proposal_drafted", organization=organization,
           changes={"title": [None, proposal.title]})
    return proposal


_EDITABLE = [f.removesuffix("_id") for f in Proposal.SNAPSHOT_FIELDS]


def _check_category(call: Call, code: str) -> None:
    if code not in {c.get("code") for c in call.categories}:
        raise ValidationError({"category": _("Choose one of the categories of this call.")})


@transaction.atomic
def proposal_update(*, actor: User, proposal: Proposal, data: dict[str, Any]) -> Proposal:
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("call").get(pk=proposal.pk)
    if not access.can_draft_for(actor, proposal.organization):
        raise PermissionDenied
    if not proposal.is_editable:
        raise ValidationError(_("This proposal cannot be edited in its current status."))
    _check_category(proposal.call, data.get("category", proposal.category))  # "category" is one of _EDITABLE
    changes = assign_and_save(proposal, data, _EDITABLE, Proposal.SNAPSHOT_FIELDS)
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=proposal, verb="proposal_edited", changes=changes)
    return proposal


@transaction.atomic
def proposal_send_for_approval(*, actor: User, proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("call", "organization").get(pk=proposal.pk)
    if not access.can_draft_for(actor, proposal.organization):
        raise PermissionDenied
    workflow.ensure(proposal, Proposal.Status.AWAITING_APPROVAL)
    _check_deadline(proposal.call)
    proposal.version += 1
    ProposalVersion.objects.create(proposal=proposal, number=proposal.version, created_by=actor,
                                   data=snapshot(proposal, Proposal.SNAPSHOT_FIELDS))
    workflow.transition(proposal, Proposal.Status.AWAITING_APPROVAL, actor=actor, verb="proposal_sent_for_approval",
                        fields=["version"], changes={"version": [proposal.version - 1, proposal.version]})
    heads = people_with_roles([Role.AGENCY_HEAD], organizations=[proposal.organization_id])
    notify(recipients=heads, actor=actor, kind="proposal.awaiting_approval",
           title=_("A proposal awaits your approval: %(title)s") % {"title": proposal.title},
           url=reverse("calls:proposal", args=[proposal.pk]))
    return proposal


def _take_slot(proposal: Proposal, call: Call) -> None:
    """A place within the call's quota for the proposal's organization. The target row lock serialises
    concurrent submissions; the unique (target, slot) constraint backs it in the database."""
    target = CallTarget.objects.select_for_update().get(pk=proposal.target_id)
    if proposal.slot is not None:
        return
    taken = set(target.proposals.filter(slot__isnull=False).exclude(pk=proposal.pk).values_list("slot", flat=True))
    free = [s for s in range(1, call.quota_per_respondent + 1) if s not in taken]
    if not free:
        raise ValidationError(_("Your organization has already submitted %(n)s proposal(s), the most this call allows.")
                              % {"n": call.quota_per_respondent})
    proposal.slot = free[0]


def _check_deadline(call: Call) -> None:
    if call.status != Call.Status.PUBLISHED:
        raise ValidationError(_("This call is not open for proposals."))
    if request_time() > call.deadline and call.late_policy == Call.LatePolicy.REFUSE:
        raise ValidationError(_("The deadline has passed and this call does not accept late proposals."))


@transaction.atomic
def proposal_approve(*, actor: User, proposal: Proposal, comment: str = "") -> Proposal:
    """The head (or their delegate) approves: the proposal is submitted to the issuer, within the quota."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("call", "organization", "target").get(pk=proposal.pk)
    principal = access.approving_principal(actor, proposal.organization)
    workflow.ensure(proposal, Proposal.Status.SUBMITTED)
    call = proposal.call
    _check_deadline(call)
    _take_slot(proposal, call)
    proposal.submitted_at = timezone.now()
    proposal.is_late = request_time() > call.deadline  # judged when the request arrived (issue 10)
    proposal.last_comment = comment
    try:
        workflow.transition(proposal, Proposal.Status.SUBMITTED, actor=actor, on_behalf_of=principal,
                            verb="proposal_approved_and_submitted", message=comment,
                            fields=["slot", "submitted_at", "is_late", "last_comment"],
                            changes={"late": [None, proposal.is_late]})
    except IntegrityError:
        raise ValidationError(_("Your organization has already submitted %(n)s proposal(s), the most this call allows.")
                              % {"n": call.quota_per_respondent}) from None
    notify(recipients=[proposal.created_by, *people_with_roles([Role.PROVINCIAL_ADMIN], organizations=[call.issuer_id])]
        if call.issuer.kind != Organization.Kind.NATION else [proposal.created_by, call.created_by],
        actor=actor, kind="proposal.submitted",
        title=_("Proposal submitted: %(title)s (%(org)s)") % {"title": proposal.title, "org": proposal.organization},
        url=reverse("calls:proposal", args=[proposal.pk]))
    similarity.index_on_commit(proposal)
    return proposal


@transaction.atomic
def proposal_send_back(*, actor: User, proposal: Proposal, comment: str) -> Proposal:
    """The head sends a proposal back to its drafters with a comment."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("organization").get(pk=proposal.pk)
    principal = access.approving_principal(actor, proposal.organization)
    workflow.ensure(proposal, Proposal.Status.DRAFT)
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    proposal.last_comment = comment
    workflow.transition(proposal, Proposal.Status.DRAFT, actor=actor, on_behalf_of=principal,
                        verb="proposal_sent_back_by_head", message=comment, fields=["last_comment"])
    notify(recipients=[proposal.created_by], actor=actor, kind="proposal.sent_back",
           title=_("Your head sent the proposal back: %(title)s") % {"title": proposal.title}, body=comment,
           url=reverse("calls:proposal", args=[proposal.pk]))
    return proposal


@transaction.atomic
def proposal_return(*, actor: User, proposal: Proposal, comment: str) -> Proposal:
    """The issuer returns a submitted proposal for revision; it keeps its place in the quota."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("call").get(pk=proposal.pk)
    if not access.can_manage_call(actor, proposal.call):
        raise PermissionDenied
    workflow.ensure(proposal, Proposal.Status.RETURNED)
    if not proposal.call.accepts_proposals:
        raise ValidationError(_("This call is not open for proposals."))
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    proposal.last_comment = comment
    workflow.transition(proposal, Proposal.Status.RETURNED, actor=actor, verb="proposal_returned_for_revision",
                        message=comment, fields=["last_comment"])
    recipients = [proposal.created_by, *people_with_roles([Role.AGENCY_HEAD], organizations=[proposal.organization_id])]
    notify(recipients=recipients, actor=actor, kind="proposal.returned",
           title=_("Proposal returned for revision: %(title)s") % {"title": proposal.title}, body=comment,
           url=reverse("calls:proposal", args=[proposal.pk]))
    return proposal


def forward_targets(proposal: Proposal):
    """The province's places in the open national calls of the same fiscal year that it may forward to."""
    call = proposal.call
    province = province_of(call.issuer)
    return (CallTarget.objects.select_related("call__issuer")
            .filter(organization=province, call__status=Call.Status.PUBLISHED, call__fiscal_year=call.fiscal_year)
            .order_by("call__deadline", "pk"))


@transaction.atomic
def proposal_forward(*, actor: User, proposal: Proposal, national_call: Call | None = None) -> Proposal:
    """A province's selected proposal becomes its submission to the national call it is a target of. With more
    than one open national call the person chooses which (``national_call``); nothing is picked silently."""
    proposal = Proposal.objects.select_related("call__issuer", "organization").get(pk=proposal.pk)
    call = proposal.call
    if not access.can_manage_call(actor, call):
        raise PermissionDenied
    province = province_of(call.issuer)
    targets = list(forward_targets(proposal).select_for_update(of=("self",)))
    if not targets:
        raise ValidationError(_("No open national call of fiscal year %(fy)s targets %(province)s.") % {
            "fy": call.fiscal_year, "province": province})
    if national_call is not None:
        target = next((t for t in targets if t.call_id == national_call.pk), None)
        if target is None:
            raise ValidationError({"national_call": _("Choose one of the open national calls addressed to %(province)s.")
                                   % {"province": province}})
    elif len(targets) == 1:
        target = targets[0]
    else:
        raise ValidationError({"national_call": _("Several national calls are open: choose the one to forward to.")})
    if Proposal.objects.filter(forwarded_from=proposal).exists():
        raise ValidationError(_("This proposal has already been forwarded."))
    decision = getattr(call, "decision", None) if call.status == Call.Status.DECIDED else None
    if decision is not None and not decision.selected.filter(pk=proposal.pk).exists():
        raise ValidationError(_("Only the proposal(s) selected in the decision can be forwarded."))
    data = {f: getattr(proposal, f) for f in _EDITABLE}
    if data["category"] not in {c.get("code") for c in target.call.categories}:
        data["category"] = target.call.categories[0]["code"]
    forwarded = Proposal(call=target.call, target=target, organization=province, created_by=actor,
                         forwarded_from=proposal, status=Proposal.Status.SUBMITTED, version=1, **data)
    _check_deadline(target.call)
    _take_slot(forwarded, target.call)
    forwarded.submitted_at = timezone.now()
    forwarded.is_late = forwarded.submitted_at > target.call.deadline
    forwarded.save()
    targets_refresh(target_ids=[target.pk])
    ProposalVersion.objects.create(proposal=forwarded, number=1, created_by=actor,
                                   data=snapshot(forwarded, Proposal.SNAPSHOT_FIELDS))
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=forwarded, verb="proposal_forwarded_upward",
           organization=province, changes={"forwarded_from": [None, proposal.pk], "call": [None, target.call.title]})
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=proposal, verb="proposal_forwarded_upward",
           changes={"forwarded_as": [None, forwarded.pk]})
    standings_refresh(call=target.call, proposal_ids=[forwarded.pk])  # created submitted: no transition to follow
    similarity.index_on_commit(forwarded)
    return forwarded


# --- lists proposals link to (National Strategy, provincial development plans) ----------------
PLAN_LINK_FIELDS = ["kind", "code", "title_th", "title_en", "province_id", "is_active"]


@transaction.atomic
def plan_link_save(*, actor: User, data: dict[str, Any], link: PlanLink | None = None) -> PlanLink:
    """Create or change one entry of a list; entries in use are deactivated, never deleted."""
    if link is not None:
        link = PlanLink.objects.select_for_update().get(pk=link.pk)
        if not access.can_manage_plan_link(actor, link.kind, link.province):
            raise PermissionDenied
    kind, province = data["kind"], data.get("province")
    if kind == PlanLink.Kind.NATIONAL_STRATEGY:
        province = None
    elif province is None:
        raise ValidationError({"province": _("Choose the province whose development plan this is.")})
    if not access.can_manage_plan_link(actor, kind, province):
        raise PermissionDenied
    code = (data.get("code") or "").strip()
    clash = PlanLink.objects.filter(kind=kind, code__iexact=code, province=province)
    if link is not None:
        clash = clash.exclude(pk=link.pk)
    if clash.exists():
        raise ValidationError({"code": _("This list already has an entry with this code.")})
    before = snapshot(link, PLAN_LINK_FIELDS) if link is not None else {}
    link = link or PlanLink()
    link.kind, link.province, link.code = kind, province, code
    for name in ("title_th", "title_en", "is_active"):
        if name in data:
            setattr(link, name, data[name])
    link.full_clean(validate_constraints=False)
    link.save()
    record(actor=actor, action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, obj=link,
           verb="plan_link_saved", organization=province,
           changes=diff(before, snapshot(link, PLAN_LINK_FIELDS)))
    return link


# --- attachments --------------------------------------------------------------------------------
def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the attachment a title.")})
    return title


@atomic_with_files
def call_attachment_add(*, actor: User, call: Call, title: str, upload) -> CallAttachment:
    """A document for the answering organizations, added by the issuer's staff (the file is checked by content)."""
    call = Call.objects.select_for_update(of=("self",)).select_related("issuer").get(pk=call.pk)
    if not access.can_manage_call(actor, call):
        raise PermissionDenied
    title = _check_title(title)
    mime = content_type(upload)
    att = CallAttachment.objects.create(call=call, title=title, file=upload, content_type=mime, size=upload.size,
                                        uploaded_by=actor)
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=call, verb="call_attachment_added",
           changes={"attachment": [None, title]})
    return att


@atomic_with_files
def proposal_attachment_add(*, actor: User, proposal: Proposal, title: str, upload) -> ProposalAttachment:
    """A supporting document of a proposal, added by its drafters while the proposal can still be edited."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("organization").get(pk=proposal.pk)
    if not access.can_draft_for(actor, proposal.organization):
        raise PermissionDenied
    if not proposal.is_editable:
        raise ValidationError(_("This proposal cannot be edited in its current status."))
    title = _check_title(title)
    mime = content_type(upload)
    att = ProposalAttachment.objects.create(proposal=proposal, title=title, file=upload, content_type=mime,
                                            size=upload.size, uploaded_by=actor)
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=proposal, verb="proposal_attachment_added",
           organization=proposal.organization, changes={"attachment": [None, title]})
    return att
