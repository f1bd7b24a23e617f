"""State changes of consultations, comments and supports — the one write path for each action.

Each function is keyword-only, runs in one transaction, locks the row it changes before it checks
the current state, checks permission and the transition, writes the audit trail and queues the
notifications. HTML views (and any API or command) call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot
from salaklang.core import workflow
from salaklang.notifications.services import notify
from salaklang.organizations.models import Organization
from salaklang.organizations.roles import can_manage_province
from salaklang.participation.access import can_participate
from salaklang.participation.models import Comment, Consultation, Question, Support

EDITABLE_FIELDS = ("subject", "title", "summary", "background", "agenda", "link_title", "link_url", "opens_at",
                   "closes_at")
# Once published, the questions and the subject are fixed (comments refer to them).
EDITABLE_WHEN_PUBLISHED = ("title", "summary", "background", "agenda", "link_title", "link_url", "closes_at")


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _check_manager(actor, province_id: int | None) -> None:
    if not can_manage_province(actor, province_id):
        raise PermissionDenied


def _check_period(opens_at: dt.datetime, closes_at: dt.datetime) -> None:
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The consultation must close after it opens.")})


def _set_questions(consultation: Consultation, questions: Sequence[str]) -> None:
    texts = [q.strip() for q in questions if q and q.strip()]
    consultation.questions.all().delete()
    Question.objects.bulk_create(
        [Question(consultation=consultation, number=i, text=t[:500]) for i, t in enumerate(texts, start=1)]
    )


def consultation_create(
    *,
    actor,
    province: Organization,
    title: str,
    summary: str,
    background: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    subject: str = Consultation.Subject.AGENDA,
    link_title: str = "",
    link_url: str = "",
    questions: Sequence[str] = (),
    agenda=None,
) -> Consultation:
    """A new consultation, as a draft, in ``province``. With an ``agenda`` (of the same province) its title is
    the link's title; the page links to the agenda only for people who may open it."""
    if province.kind != Organization.Kind.PROVINCE:
        raise ValidationError({"province": _("Choose a province.")})
    _check_manager(actor, province.pk)
    _check_period(opens_at, closes_at)
    _check_agenda(agenda, province.pk)
    if agenda is not None:
        link_title, link_url = agenda.title, ""
    with transaction.atomic():
        consultation = Consultation(
            province=province, subject=subject, title=title, summary=summary, background=background, agenda=agenda,
            link_title=link_title, link_url=link_url, opens_at=opens_at, closes_at=closes_at, created_by=actor,
        )
        consultation.full_clean()
        consultation.save()
        _set_questions(consultation, questions)
        record(actor=actor, action=AuditEntry.Action.CREATE, obj=consultation, verb="created",
               organization=province, changes=snapshot(consultation, EDITABLE_FIELDS))
    return consultation


def _check_agenda(agenda, province_id: int) -> None:
    if agenda is not None and agenda.province_id != province_id:
        raise ValidationError({"agenda": _("Choose an agenda of the consultation's province.")})


def consultation_update(
    *, consultation: Consultation, actor, data: dict, questions: Sequence[str] | None = None
) -> Consultation:
    """Change a draft freely; once published only the texts and the closing date (to extend it)."""
    with transaction.atomic():
        consultation = _lock(consultation)
        _check_manager(actor, consultation.province_id)
        if consultation.status == Consultation.Status.DRAFT:
            allowed = EDITABLE_FIELDS
        elif consultation.status == Consultation.Status.PUBLISHED:
            allowed = EDITABLE_WHEN_PUBLISHED
        else:
            raise ValidationError(_("A consultation that is closed with a response or withdrawn cannot be changed."))
        before = snapshot(consultation, EDITABLE_FIELDS)
        for field in allowed:
            if field in data:
                setattr(consultation, field, data[field])
        if "agenda" in allowed and "agenda" in data:
            _check_agenda(consultation.agenda, consultation.province_id)
            if consultation.agenda is not None:
                consultation.link_title, consultation.link_url = consultation.agenda.title, ""
        _check_period(consultation.opens_at, consultation.closes_at)
        consultation.full_clean()
        consultation.save(update_fields=[*allowed, "updated_at"])
        changes = diff(before, snapshot(consultation, EDITABLE_FIELDS))
        if questions is not None and consultation.status == Consultation.Status.DRAFT:
            old = list(consultation.questions.values_list("text", flat=True))
            new = [q.strip() for q in questions if q and q.strip()]
            if old != new:
                _set_questions(consultation, new)
                changes["questions"] = [old, new]
        if changes:
            record(actor=actor, action=AuditEntry.Action.UPDATE, obj=consultation, verb="changed",
                   organization=consultation.province, changes=changes)
    return consultation


def consultation_publish(*, consultation: Consultation, actor) -> Consultation:
    """Draft → published: visible to everyone; comments open at ``opens_at``."""
    with transaction.atomic():
        consultation = _lock(consultation)
        _check_manager(actor, consultation.province_id)
        workflow.ensure(consultation, Consultation.Status.PUBLISHED, refused=_("Only a draft can be published."))
        if consultation.closes_at <= timezone.now():
            raise ValidationError({"closes_at": _("The closing date has passed: move it to the future first.")})
        consultation.published_at = timezone.now()
        workflow.transition(consultation, Consultation.Status.PUBLISHED, actor=actor, verb="published",
                            organization=consultation.province, fields=["published_at"])
    return consultation


def consultation_withdraw(*, consultation: Consultation, actor, reason: str) -> Consultation:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for withdrawing the consultation.")})
    with transaction.atomic():
        consultation = _lock(consultation)
        _check_manager(actor, consultation.province_id)
        consultation.withdrawn_reason = reason[:500]
        workflow.transition(consultation, Consultation.Status.WITHDRAWN, actor=actor, verb="withdrawn",
                            organization=consultation.province, fields=["withdrawn_reason"], message=reason,
                            refused=_("This consultation can no longer be withdrawn."))
    return consultation


def consultation_respond(*, consultation: Consultation, actor, what_we_heard: str, what_we_did: str) -> Consultation:
    """Published and closed → response published. Everyone who took part is notified."""
    what_we_heard, what_we_did = (what_we_heard or "").strip(), (what_we_did or "").strip()
    errors = {}
    if not what_we_heard:
        errors["what_we_heard"] = _("Summarise what you heard.")
    if not what_we_did:
        errors["what_we_did"] = _("Say what you did with it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consultation = _lock(consultation)
        _check_manager(actor, consultation.province_id)
        workflow.ensure(consultation, Consultation.Status.RESPONDED,
                        refused=_("A response can only be published for a published consultation."))
        if not consultation.period_over:
            raise ValidationError(_("The response can be published once the consultation period has ended."))
        consultation.what_we_heard = what_we_heard
        consultation.what_we_did = what_we_did
        consultation.responded_at = timezone.now()
        consultation.responded_by = actor
        workflow.transition(consultation, Consultation.Status.RESPONDED, actor=actor, verb="response published",
                            organization=consultation.province,
                            fields=["what_we_heard", "what_we_did", "responded_at", "responded_by"])
        participants = _participants(consultation)
        notify(
            recipients=participants,
            title=_("The response to “%(title)s” is published") % {"title": consultation.title},
            body=_("Thank you for taking part. Read what we heard and what we did."),
            url=reverse("participation:detail", args=[consultation.pk]),
            kind="participation.response",
            actor=actor,
        )
    return consultation


def _participants(consultation: Consultation):
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    ids = set(consultation.comments.values_list("author_id", flat=True)) | set(
        consultation.supports.values_list("user_id", flat=True)
    )
    return list(user_model.objects.filter(pk__in=ids, is_active=True))


# --- citizens ----------------------------------------------------------------------------------
def _check_open_for(actor, consultation: Consultation) -> None:
    if not can_participate(actor):
        raise PermissionDenied
    if consultation.status != Consultation.Status.PUBLISHED:
        raise ValidationError(_("This consultation is not open for comments."))
    now = timezone.now()
    if now < consultation.opens_at:
        raise ValidationError(_("This consultation is not open yet."))
    if now >= consultation.closes_at:
        raise ValidationError(_("This consultation has closed; comments are no longer accepted."))


def comment_post(*, consultation: Consultation, actor, body: str, question: Question | None = None) -> Comment:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your comment.")})
    with transaction.atomic():
        consultation = _lock(consultation)
        _check_open_for(actor, consultation)
        if question is not None and question.consultation_id != consultation.pk:
            raise ValidationError({"question": _("Choose one of this consultation's questions.")})
        comment = Comment.objects.create(consultation=consultation, question=question, author=actor, body=body)
        record(actor=actor, action=AuditEntry.Action.CREATE, obj=comment, verb="commented",
               organization=consultation.province,
               changes={"consultation": consultation.pk, "question": question.pk if question else None})
    return comment


def support_add(*, consultation: Consultation, actor) -> Support:
    """One support per account: the database constraint decides when two clicks race."""
    with transaction.atomic():
        consultation = _lock(consultation)
        _check_open_for(actor, consultation)
        try:
            with transaction.atomic():
                support = Support.objects.create(consultation=consultation, user=actor)
        except IntegrityError:
            raise ValidationError(_("You already support this consultation.")) from None
        record(actor=actor, action=AuditEntry.Action.CREATE, obj=consultation, verb="supported",
               organization=consultation.province)
    return support


def support_withdraw(*, consultation: Consultation, actor) -> None:
    with transaction.atomic():
        consultation = _lock(consultation)
        _check_open_for(actor, consultation)
        deleted, _rows = Support.objects.filter(consultation=consultation, user=actor).delete()
        if not deleted:
            raise ValidationError(_("You do not support this consultation."))
        record(actor=actor, action=AuditEntry.Action.DELETE, obj=consultation, verb="support withdrawn",
               organization=consultation.province)


# --- moderation --------------------------------------------------------------------------------
def comment_hide(*, comment: Comment, actor, reason: str) -> Comment:
    """Hide a comment; it stays in place as "hidden by the moderator: <reason>"."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for hiding the comment; it is shown publicly.")})
    with transaction.atomic():
        comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
        _check_manager(actor, comment.consultation.province_id)
        comment.hidden_reason = reason[:300]
        comment.hidden_by = actor
        comment.hidden_at = timezone.now()
        workflow.transition(comment, Comment.Status.HIDDEN, actor=actor, verb="hidden",
                            organization=comment.consultation.province, message=reason,
                            fields=["hidden_reason", "hidden_by", "hidden_at"],
                            refused=_("This comment is already hidden."))
        notify(
            recipients=[comment.author],
            title=_("Your comment on “%(title)s” was hidden") % {"title": comment.consultation.title},
            body=_("Reason given by the moderator: %(reason)s") % {"reason": reason},
            url=reverse("participation:detail", args=[comment.consultation_id]) + f"#comment-{comment.pk}",
            kind="participation.comment_hidden",
            actor=actor,
        )
    return comment


def comment_restore(*, comment: Comment, actor) -> Comment:
    with transaction.atomic():
        comment = Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
        _check_manager(actor, comment.consultation.province_id)
        comment.hidden_reason = ""
        comment.hidden_by = None
        comment.hidden_at = None
        workflow.transition(comment, Comment.Status.VISIBLE, actor=actor, verb="restored",
                            organization=comment.consultation.province,
                            fields=["hidden_reason", "hidden_by", "hidden_at"],
                            refused=_("This comment is not hidden."))
    return comment
