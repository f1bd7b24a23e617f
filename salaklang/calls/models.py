"""Calls for innovation proposals (OPDC → provinces, province → agencies) and the proposals answering them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salaklang.core.models import TimeStampedModel, Version

DEFAULT_CATEGORIES = [
    {"code": "policy", "th": "นวัตกรรมเชิงนโยบาย", "en": "Policy Innovation"},
    {"code": "service", "th": "นวัตกรรมการให้บริการ", "en": "Service Innovation"},
    {"code": "administrative", "th": "นวัตกรรมการบริหาร/องค์การ", "en": "Administrative/Organizational Innovation"},
]


def _page_language() -> str:
    from django.utils.translation import get_language

    return "en" if (get_language() or "th").startswith("en") else "th"


def default_categories() -> list[dict]:
    return [dict(c) for c in DEFAULT_CATEGORIES]


class PlanLink(models.Model):
    """Entries of the lists proposals link to: the 20-year National Strategy and provincial development plans.
    Maintained by the national administrators (Django admin and API)."""

    class Kind(models.TextChoices):
        NATIONAL_STRATEGY = "national_strategy", _("20-year National Strategy")
        PROVINCIAL_PLAN = "provincial_plan", _("Provincial development plan")

    kind = models.CharField(_("list"), max_length=30, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=20)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    province = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.CASCADE,
                                 help_text=_("For a provincial plan: the province."))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("plan or strategy entry")
        verbose_name_plural = _("plan and strategy entries")
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code", "province"], name="planlink_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"


class Call(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Open for proposals")
        CLOSED = "closed", _("Closed")
        IN_REVIEW = "in_review", _("In review")
        DECIDED = "decided", _("Decided")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.CLOSED},
        Status.CLOSED: {Status.IN_REVIEW, Status.DECIDED, Status.PUBLISHED},
        Status.IN_REVIEW: {Status.DECIDED},
        Status.DECIDED: set(),
    }

    class LatePolicy(models.TextChoices):
        REFUSE = "refuse", _("Refuse late submissions")
        ACCEPT = "accept", _("Accept and mark as late")

    class SpeedMark(models.TextChoices):
        NONE = "", _("Normal")
        URGENT = "urgent", _("Urgent (ด่วน)")
        VERY_URGENT = "very_urgent", _("Very urgent (ด่วนมาก)")
        MOST_URGENT = "most_urgent", _("Most urgent (ด่วนที่สุด)")

    SPEED_MARK_TH = {"urgent": "ด่วน", "very_urgent": "ด่วนมาก", "most_urgent": "ด่วนที่สุด"}

    issuer = models.ForeignKey("organizations.Organization", verbose_name=_("issuing organization"),
                               on_delete=models.PROTECT, related_name="calls_issued")
    title = models.CharField(_("title of the call"), max_length=300)
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    categories = models.JSONField(_("categories"), default=default_categories)
    quota_per_respondent = models.PositiveSmallIntegerField(_("proposals per organization"), default=1)
    opens_at = models.DateTimeField(_("opens for proposals"))
    deadline = models.DateTimeField(_("deadline"))
    late_policy = models.CharField(_("late submissions"), max_length=10, choices=LatePolicy.choices,
                                   default=LatePolicy.ACCEPT)
    # the official circular letter (หนังสือเวียน)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    circular_year = models.PositiveIntegerField(null=True, blank=True, editable=False)
    circular_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    letter_date = models.DateField(_("letter date"), null=True, blank=True)
    subject = models.CharField(_("subject (เรื่อง)"), max_length=300)
    addressee = models.CharField(_("addressee (เรียน)"), max_length=300, default="หัวหน้าส่วนราชการประจำจังหวัดทุกส่วนราชการ")
    references = models.TextField(_("references (อ้างถึง)"), blank=True)
    enclosures = models.TextField(_("enclosures (สิ่งที่ส่งมาด้วย)"), blank=True, help_text=_("One per line."))
    body = models.TextField(_("body (ข้อความ)"))
    closing = models.CharField(_("closing (คำลงท้าย)"), max_length=100, default="ขอแสดงความนับถือ")
    signatory_name = models.CharField(_("signatory"), max_length=200)
    signatory_position = models.CharField(_("signatory position"), max_length=300)
    contact_unit = models.CharField(_("contact unit"), max_length=300, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=60, blank=True)
    contact_fax = models.CharField(_("fax"), max_length=60, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    speed_mark = models.CharField(_("speed mark"), max_length=20, choices=SpeedMark.choices, blank=True, default="")
    thai_digits = models.BooleanField(_("Thai digits in the letter"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["issuer", "status", "deadline"]), models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gt=models.F("opens_at")), name="call_deadline_after_opening",
                                  violation_error_message=_("The deadline must be after the opening.")),
            models.CheckConstraint(condition=Q(quota_per_respondent__gte=1), name="call_quota_positive",
                                  violation_error_message=_("Each organization must be allowed at least one proposal.")),
            models.UniqueConstraint(fields=["issuer", "circular_year", "circular_sequence"],
                                    condition=Q(circular_sequence__isnull=False), name="call_circular_number_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """Only a draft call is edited (and takes attachments)."""
        return self.status == self.Status.DRAFT

    @property
    def accepts_proposals(self) -> bool:
        """Published: proposals are started and reminders go out (the deadline aside)."""
        return self.status == self.Status.PUBLISHED

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.opens_at <= timezone.now()

    @property
    def is_past_deadline(self) -> bool:
        return timezone.now() > self.deadline

    def category_label(self, code: str, language: str = "th") -> str:
        for c in self.categories:
            if c.get("code") == code:
                return c.get(language) or c.get("th") or code
        return code

    @property
    def category_labels(self) -> list[str]:
        """The categories offered, in the language of the page."""
        language = _page_language()
        return [c.get(language) or c.get("th") or c.get("code", "") for c in self.categories]

    @property
    def enclosure_lines(self) -> list[str]:
        return [line.strip() for line in self.enclosures.splitlines() if line.strip()]


class CircularCounter(models.Model):
    """The ว series of an organization restarts each (calendar) year; numbers are taken under a row lock."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="circular_counter_unique")]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last}"


class CallTarget(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="targets")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="call_targets")
    # Stored by services.targets_refresh in the transaction of every change of the target's proposals (created,
    # forwarded, any status transition), so the board reads one row per target however many proposals it has
    # (issue 16). The rule is queries.target_state_expression; bulk loads call targets_refresh themselves.
    state = models.CharField(max_length=20, default="not_started", editable=False)
    proposal_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "organization"], name="call_target_unique")]
        indexes = [models.Index(fields=["organization", "call"]), models.Index(fields=["call", "state"])]

    def __str__(self) -> str:
        return f"{self.call} → {self.organization}"


class Attachment(models.Model):
    """A file checked by content on upload (salaklang.core.uploads.content_type), stored under MEDIA_ROOT and served only
    through a view that checks access."""

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="calls/%Y/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title


class CallAttachment(Attachment):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="attachments")


class Proposal(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the head's approval")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.DRAFT: {Status.AWAITING_APPROVAL, Status.WITHDRAWN},
        Status.AWAITING_APPROVAL: {Status.SUBMITTED, Status.DRAFT},
        Status.SUBMITTED: {Status.RETURNED},
        Status.RETURNED: {Status.AWAITING_APPROVAL, Status.WITHDRAWN},
        Status.WITHDRAWN: set(),
    }
    EDITABLE = {Status.DRAFT, Status.RETURNED}
    # what the issuer (strategy staff, executives) may read: sent to it and not yet withdrawn (calls.access)
    SEEN_BY_ISSUER = (Status.SUBMITTED, Status.RETURNED)

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        PILOT = "pilot", _("Pilot")
        IN_USE = "in_use", _("In use")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="proposals")
    target = models.ForeignKey(CallTarget, on_delete=models.PROTECT, related_name="proposals")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="proposals")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    slot = models.PositiveSmallIntegerField(null=True, blank=True, editable=False,
                                            help_text="1..quota while the proposal holds a place of its organization")
    title = models.CharField(_("name of the innovation"), max_length=300)
    category = models.CharField(_("category"), max_length=40)
    team = models.TextField(_("team (name — role, one per line)"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=60, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    background = models.TextField(_("background and problem"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    novelty = models.TextField(_("what is new and how it works (process, before and after)"), blank=True)
    started_on = models.DateField(_("start date"), null=True, blank=True)
    stage = models.CharField(_("current status"), max_length=10, choices=Stage.choices, default=Stage.IDEA)
    in_use_since = models.DateField(_("in use since"), null=True, blank=True)
    results = models.JSONField(_("results with indicators"), default=list, blank=True,
                               help_text="[{indicator, baseline, result, unit}]")
    national_strategy = models.ForeignKey(PlanLink, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                          verbose_name=_("link to the 20-year National Strategy"))
    provincial_plan = models.ForeignKey(PlanLink, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("link to the provincial development plan"))
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    resources = models.TextField(_("budget and resources"), blank=True)
    sustainability = models.TextField(_("sustainability and how others could adopt it"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    is_late = models.BooleanField(_("late"), default=False)
    version = models.PositiveIntegerField(default=0)
    last_comment = models.TextField(_("latest comment"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    forwarded_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="forwards",
                                       verbose_name=_("forwarded from"))

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["call", "status"]), models.Index(fields=["organization", "status"]),
                   models.Index(fields=["target", "status"]), models.Index(fields=["target", "-id"], name="proposal_target_newest"),
                   models.Index(fields=["call", "-id"], name="proposal_call_newest")]
        constraints = [
            models.UniqueConstraint(fields=["target", "slot"], condition=Q(slot__isnull=False), name="proposal_quota_slot"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_seen_by_issuer(self) -> bool:
        return self.status in self.SEEN_BY_ISSUER

    @property
    def category_label(self) -> str:
        """In the language of the page (official documents pass "th" to Call.category_label themselves)."""
        return self.call.category_label(self.category, _page_language())

    SNAPSHOT_FIELDS = ["title", "category", "team", "contact_name", "contact_phone", "contact_email", "background",
                       "objectives", "target_group", "novelty", "started_on", "stage", "in_use_since", "results",
                       "national_strategy_id", "provincial_plan_id", "budget", "resources", "sustainability"]


class ProposalVersion(Version):
    """What was sent at each submission (for approval), so every version can be compared."""

    subject_field = "proposal"
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_unique")]


class ProposalAttachment(Attachment):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="proposals/%Y/")


class ReminderLog(models.Model):
    """One row per reminder sent to a target, so each automatic reminder goes out once."""

    class Kind(models.TextChoices):
        D7 = "d7", _("7 days before the deadline")
        D3 = "d3", _("3 days before the deadline")
        D1 = "d1", _("1 day before the deadline")
        AFTER = "after", _("the day after the deadline")
        MANUAL = "manual", _("sent by staff")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reminders")
    target = models.ForeignKey(CallTarget, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["target", "kind"], condition=~Q(kind="manual"),
                                               name="reminder_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.call_id}/{self.target_id} {self.kind}"


class ExportJob(models.Model):
    """A large export written by the task worker instead of the request (issue 16: 100,000 proposals take longer than
    a request may): its progress, then the file, downloaded by the person who asked for it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Could not be written")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="exports")
    kind = models.CharField(max_length=30, default="proposals.xlsx")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.call_id} {self.kind} {self.status}"

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
