"""Public consultation (การรับฟังความคิดเห็นของประชาชน) on candidate agendas and draft policies.

A province's strategy staff open a consultation for a period, with background and questions;
signed-in citizens comment (on a question or in general) and support it (once per account);
staff moderate comments (a hidden comment stays visible as "hidden by the moderator: reason")
and, after the period, publish a response — what we heard, what we did — linked to the agenda.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salaklang.core.models import TimeStampedModel, status_is


def validate_link(value: str) -> None:
    """A site-relative path or an http(s) address — never javascript: or data: links."""
    value = (value or "").strip()
    if not value:
        return
    if value.startswith("/") and not value.startswith(("//", "/\\")) and "\\" not in value and not any(
            ord(ch) < 0x20 for ch in value):
        return  # browsers read "/\\evil.example" (and "//evil.example") as another site: refused below
    if value.startswith("/"):
        raise ValidationError(_("Give a path on this site (starting with a single /) or an http(s) address."))
    URLValidator(schemes=["http", "https"])(value)


class ConsultationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=Consultation.PUBLIC_STATUSES)

    def open_now(self, now=None):
        now = now or timezone.now()
        return self.filter(status=Consultation.Status.PUBLISHED, opens_at__lte=now, closes_at__gt=now)


class Consultation(TimeStampedModel):
    class Subject(models.TextChoices):
        AGENDA = "agenda", _("Candidate agenda")
        POLICY = "policy", _("Draft policy")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RESPONDED = "responded", _("Response published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Workflows as data: the allowed status changes.
    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED, Status.WITHDRAWN},
        Status.PUBLISHED: {Status.RESPONDED, Status.WITHDRAWN},
        Status.RESPONDED: set(),
        Status.WITHDRAWN: set(),
    }
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.RESPONDED)

    class Phase(models.TextChoices):
        """What a visitor sees: derived from the status and the period."""

        DRAFT = "draft", _("Draft")
        UPCOMING = "upcoming", _("Opens soon")
        OPEN = "open", _("Open for comments")
        CLOSED = "closed", _("Closed, response pending")
        RESPONDED = "responded", _("Response published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    province = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="consultations",
        limit_choices_to={"kind": "province"},
    )
    subject = models.CharField(_("subject"), max_length=10, choices=Subject.choices, default=Subject.AGENDA)
    title = models.CharField(_("title"), max_length=300)
    summary = models.CharField(_("summary"), max_length=500, help_text=_("One or two sentences shown in lists."))
    background = models.TextField(_("background"), help_text=_("What is proposed, why, and what is already decided."))
    # The agenda or draft policy under consultation, as a link (title + address); see
    # docs/decisions/participation.md.
    agenda = models.ForeignKey(
        "agendas.Agenda", verbose_name=_("candidate agenda"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="consultations",
        help_text=_("Choose the agenda under consultation: its title and link are filled in for you."),
    )
    link_title = models.CharField(_("agenda or policy document"), max_length=300, blank=True)
    link_url = models.CharField(
        _("address of the agenda or policy document"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("A page of this site (starting with /) or a full https:// address."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    # The response ("what we heard, what we did"), published after the period.
    what_we_heard = models.TextField(_("what we heard"), blank=True)
    what_we_did = models.TextField(_("what we did"), blank=True)
    responded_at = models.DateTimeField(_("response published"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("response by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("public consultation")
        verbose_name_plural = _("public consultations")
        ordering = ["-opens_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-opens_at"], name="consult_status_opens"),
            models.Index(fields=["province", "status", "-opens_at"], name="consult_prov_status_opens"),
            models.Index(fields=["status", "closes_at"], name="consult_status_closes"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="consult_period_order",
                                  violation_error_message=_("The consultation must close after it opens.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:detail", args=[self.pk])

    def phase_at(self, now=None) -> str:
        now = now or timezone.now()
        if self.status == self.Status.DRAFT:
            return self.Phase.DRAFT
        if self.status == self.Status.WITHDRAWN:
            return self.Phase.WITHDRAWN
        if self.status == self.Status.RESPONDED:
            return self.Phase.RESPONDED
        if now < self.opens_at:
            return self.Phase.UPCOMING
        if now < self.closes_at:
            return self.Phase.OPEN
        return self.Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at()

    def get_phase_display(self) -> str:
        return str(self.Phase(self.phase).label)

    @property
    def phase_chip(self) -> str:
        return {
            self.Phase.OPEN: "chip-ok", self.Phase.CLOSED: "chip-warn", self.Phase.RESPONDED: "chip-ok",
            self.Phase.WITHDRAWN: "chip-bad",
        }.get(self.phase, "chip-muted")

    @property
    def is_open(self) -> bool:
        return self.phase == self.Phase.OPEN

    @property
    def period_over(self) -> bool:
        return timezone.now() >= self.closes_at

    # Draft or published (a published one keeps its subject, opening and questions).
    is_editable = status_is(Status.DRAFT, Status.PUBLISHED)
    is_draft = status_is(Status.DRAFT)
    is_published = status_is(Status.PUBLISHED)
    is_withdrawn = status_is(Status.WITHDRAWN)
    has_response = status_is(Status.RESPONDED)


class Question(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("question"), max_length=500)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="consult_question_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Comment(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by the moderator")

    TRANSITIONS = {Status.VISIBLE: {Status.HIDDEN}, Status.HIDDEN: {Status.VISIBLE}}

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(
        Question, verbose_name=_("question"), null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="consultation_comments"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "created_at"], name="consult_comment_created"),
            models.Index(fields=["consultation", "status"], name="consult_comment_status"),
            models.Index(fields=["author", "created_at"], name="consult_comment_author"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.body[:60]}"

    is_hidden = status_is(Status.HIDDEN)

    @property
    def author_label(self) -> str:
        """Comments are public: show a first name and an initial only, never the full name."""
        user = self.author
        first = (user.first_name or user.username).strip()
        initial = (user.last_name or "").strip()[:1]
        return f"{first} {initial}." if initial else first


class Support(models.Model):
    """One support per citizen account and consultation (a database constraint, not only a check)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_supports")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["consultation", "user"], name="consult_one_support_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.consultation_id}"
