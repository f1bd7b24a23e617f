"""Citizen complaints: categories and their routes, the complaint, its timeline, deadlines and statistics.

Contract for other modules (Open311, REST API, bench) — names here are stable:

* ``Category`` (``code`` is the Open311 ``service_code``; ``is_sensitive`` asks for explicit consent;
  ``ack_days``/``resolve_days`` are working days).
* ``CategoryRoute`` — the default responsible organization of a category in one province.
* ``Complaint`` — ``code`` is the public tracking code (``PNA-6912-K7QF-9XMB``), ``status`` one of
  ``Complaint.Status``, ``channel`` one of ``Complaint.Channel``, ``agency`` the responsible organization,
  ``province`` the province organization. Personal data: ``contact_*`` fields and ``user``; never show them
  publicly. A point (``latitude``/``longitude``) may be shown publicly only when ``share_point`` is true.
* ``ComplaintEvent`` — append-only timeline; ``is_public`` rows make the public timeline.
* ``ComplaintStat`` / ``ComplaintDurationStat`` — the rollup the public dashboard reads (never the complaints
  table); kept by ``services`` and rebuilt by ``manage.py complaints_rebuild_stats``.

Create complaints only through ``services.intake.complaint_submit(...)``; change them only through ``services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from salaklang.core.models import TimeStampedModel, status_is


def _localized(th: str, en: str) -> str:
    if (get_language() or "th").startswith("en") and en:
        return en
    return th


class Category(TimeStampedModel):
    """A kind of complaint (Open311: a service). National list; routes are per province."""

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Short code, e.g. roads."))
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(_("group"), max_length=100, blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    is_sensitive = models.BooleanField(
        _("sensitive data"), default=False,
        help_text=_("Complaints of this kind usually carry sensitive data (e.g. health): ask explicit consent."))
    ack_days = models.PositiveSmallIntegerField(
        _("acknowledge within (working days)"), default=3)
    resolve_days = models.PositiveSmallIntegerField(
        _("resolve within (working days)"), default=15)
    position = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["position", "name_th"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localized(self.name_th, self.name_en)


class CategoryRoute(models.Model):
    """Which organization handles a category in a province by default."""

    province = models.ForeignKey("organizations.Organization", verbose_name=_("province"),
                                 on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE,
                                 related_name="routes")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("responsible organization"),
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("category route")
        verbose_name_plural = _("category routes")
        constraints = [models.UniqueConstraint(fields=["province", "category"], name="complaint_route_unique")]

    def __str__(self) -> str:
        return f"{self.category} → {self.organization}"


class Holiday(models.Model):
    """A public holiday: not a working day for deadlines. The admin keeps this list."""

    date = models.DateField(_("date"), unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"

    @property
    def name(self) -> str:
        return _localized(self.name_th, self.name_en)


class Complaint(TimeStampedModel):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        FORWARDED = "forwarded", _("Forwarded")
        RESOLVED = "resolved", _("Resolved")
        NOT_RESOLVED = "not_resolved", _("Not resolved")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged into another complaint")
        SPLIT = "split", _("Split to several agencies")

    class Channel(models.TextChoices):
        WEB = "web", _("Website")
        API = "api", pgettext_lazy("channel", "API")
        OPEN311 = "open311", _("Open311 app")
        PHONE = "phone", _("Telephone")
        WALK_IN = "walk_in", _("Walk-in")
        LETTER = "letter", _("Letter")
        LINE = "line", _("LINE")
        FACEBOOK = "facebook", _("Facebook")
        HOTLINE_1111 = "hotline_1111", _("Hotline 1111")
        HOTLINE_1567 = "hotline_1567", _("Hotline 1567")

    OPEN = (Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.FORWARDED)
    CLOSED = (Status.RESOLVED, Status.NOT_RESOLVED, Status.REJECTED)
    FINAL = (Status.MERGED, Status.SPLIT)
    STAFF_CHANNELS = (Channel.PHONE, Channel.WALK_IN, Channel.LETTER, Channel.LINE, Channel.FACEBOOK,
                      Channel.HOTLINE_1111, Channel.HOTLINE_1567)

    # Allowed transitions (workflow as data; registered with core.workflow in complaints/workflows.py, which adds
    # reopening: resolved or not resolved → assigned/received, by the complainant within the reopening period).
    TRANSITIONS: dict[str, set[str]] = {
        # The centre may also handle an unrouted complaint itself (an inquiry, the conduct of officials).
        Status.RECEIVED: {Status.ASSIGNED, Status.IN_PROGRESS, Status.FORWARDED, Status.RESOLVED,
                          Status.NOT_RESOLVED, Status.REJECTED, Status.MERGED, Status.SPLIT},
        Status.ASSIGNED: {Status.ASSIGNED, Status.IN_PROGRESS, Status.FORWARDED, Status.RESOLVED,
                          Status.NOT_RESOLVED, Status.REJECTED, Status.MERGED, Status.SPLIT},
        Status.IN_PROGRESS: {Status.ASSIGNED, Status.FORWARDED, Status.RESOLVED, Status.NOT_RESOLVED,
                             Status.REJECTED, Status.MERGED, Status.SPLIT},
        Status.FORWARDED: {Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.NOT_RESOLVED,
                           Status.MERGED},
        Status.RESOLVED: set(),
        Status.NOT_RESOLVED: set(),
        Status.REJECTED: set(),
        Status.MERGED: set(),
        Status.SPLIT: set(),
    }

    code = models.CharField(_("tracking code"), max_length=24, unique=True)
    province = models.ForeignKey("organizations.Organization", verbose_name=_("province"),
                                 on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="complaints")
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    agency = models.ForeignKey("organizations.Organization", verbose_name=_("responsible organization"),
                               null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    # place
    district = models.ForeignKey("organizations.Organization", verbose_name=_("district"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    district_name = models.CharField(_("district"), max_length=120, blank=True)
    subdistrict = models.CharField(_("sub-district"), max_length=120, blank=True)
    address = models.CharField(_("place or address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    share_point = models.BooleanField(_("share the map point publicly"), default=False)

    # complainant (personal data)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("complainant account"), null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="complaints")
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_sensitive_at = models.DateTimeField(_("consent to sensitive data given"), null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    external_ref = models.CharField(_("external reference"), max_length=100, blank=True,
                                    help_text=_("e.g. the 1111 case number or the letter number"))

    # links
    parent = models.ForeignKey("self", verbose_name=_("split from"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="duplicates")

    # time and deadlines
    received_at = models.DateTimeField(_("received"), db_index=True)
    received_date = models.DateField(_("received on"), help_text=_("Local date of receipt (for statistics)."))
    ack_due = models.DateField(_("acknowledge by"))
    resolve_due = models.DateField(_("resolve by"))
    acknowledged_at = models.DateTimeField(_("first response"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    first_response_hours = models.PositiveIntegerField(null=True, blank=True, editable=False)
    resolution_hours = models.PositiveIntegerField(null=True, blank=True, editable=False)
    closed_on_time = models.BooleanField(null=True, blank=True, editable=False)
    outcome_reason = models.TextField(_("reason"), blank=True)
    extension_count = models.PositiveSmallIntegerField(_("extensions"), default=0)

    # citizen feedback
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the handling"), blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    # privacy
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)
    # The filer's private link (rate, reopen) is an HMAC of the code and this salt with the site's secret key:
    # nothing stored here lets anyone act on the complaint (see services.common.action_key).
    action_salt = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at"]
        indexes = [
            # agency inbox (filters: status, category, overdue), newest first; open ones by partial indexes
            models.Index(fields=["agency", "-received_at"], name="cmp_agency_open",
                         condition=Q(status__in=["received", "assigned", "in_progress", "forwarded"])),
            models.Index(fields=["agency", "resolve_due"], name="cmp_agency_open_due",
                         condition=Q(status__in=["received", "assigned", "in_progress", "forwarded"])),
            models.Index(fields=["province", "-received_at"], name="cmp_province_open",
                         condition=Q(status__in=["received", "assigned", "in_progress", "forwarded"])),
            models.Index(fields=["province", "resolve_due"], name="cmp_province_open_due",
                         condition=Q(status__in=["received", "assigned", "in_progress", "forwarded"])),
            models.Index(fields=["agency", "status", "-received_at"], name="cmp_agency_status"),
            models.Index(fields=["agency", "-received_at"], name="cmp_agency_recent"),
            models.Index(fields=["agency", "category", "-received_at"], name="cmp_agency_category"),
            models.Index(fields=["agency", "resolve_due"], name="cmp_agency_due"),
            # the centre's province-wide inbox
            models.Index(fields=["province", "status", "-received_at"], name="cmp_province_status"),
            models.Index(fields=["province", "-received_at"], name="cmp_province_recent"),
            models.Index(fields=["province", "category", "-received_at"], name="cmp_province_category"),
            models.Index(fields=["province", "resolve_due"], name="cmp_province_due"),
            # the citizen's own list
            models.Index(fields=["user", "-received_at"], name="cmp_user_recent"),
            # escalation and retention jobs
            models.Index(fields=["status", "resolve_due"], name="cmp_status_due"),
            models.Index(fields=["status", "ack_due"], name="cmp_status_ack"),
            models.Index(fields=["closed_at"], name="cmp_closed",
                         condition=Q(anonymised_at__isnull=True)),
            models.Index(fields=["parent"], name="cmp_parent"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                                   name="complaint_rating_1_5"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def is_overdue(self, today=None) -> bool:
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.is_open and self.resolve_due < today

    @property
    def public_point(self) -> tuple[float, float] | None:
        """The point rounded to about 100 m, only when the complainant chose to share it."""
        if not self.share_point or self.latitude is None or self.longitude is None:
            return None
        return round(float(self.latitude), 3), round(float(self.longitude), 3)

    @property
    def place_label(self) -> str:
        district = self.district.name if self.district_id else self.district_name
        return " · ".join(p for p in (self.subdistrict, district) if p)


class ComplaintEvent(models.Model):
    """One line of a complaint's timeline (append-only). Public rows are the citizen's timeline; internal
    notes stay with staff. The audit trail keeps the same facts with actor and address."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Received")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        NOTE = "note", _("Note")
        EXTENDED = "extended", _("Deadline extended")
        ESCALATED = "escalated", _("Escalated")
        SPLIT = "split", _("Split")
        MERGED = "merged", _("Merged")
        RATED = "rated", _("Rated")
        REOPENED = "reopened", _("Reopened")
        ANONYMISED = "anonymised", _("Personal data removed")
        INTERNAL_NOTE = "internal_note", _("Internal note")
        MERGED_IN = "merged_in", _("Duplicate merged in")

    # Who sees each kind — a table, not a guess. Public kinds make the citizen's timeline (tracking page, Open311);
    # internal ones stay with staff. A note to the agency, a routing or split note, an escalation, the merge of
    # someone else's duplicate and the removal of personal data are internal. ``save()`` keeps ``is_public`` in
    # step with this table.
    PUBLIC_KINDS = frozenset({Kind.SUBMITTED, Kind.STATUS, Kind.ASSIGNED, Kind.NOTE, Kind.EXTENDED, Kind.SPLIT,
                              Kind.MERGED, Kind.RATED, Kind.REOPENED})
    INTERNAL_KINDS = frozenset({Kind.INTERNAL_NOTE, Kind.ESCALATED, Kind.ANONYMISED, Kind.MERGED_IN})

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=Complaint.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Complaint.Status.choices, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    text = models.TextField(_("text"), blank=True)
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    on_behalf_of = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    related = models.ForeignKey(Complaint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["complaint", "at"], name="cmp_event_timeline")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"

    def save(self, *args, **kwargs):
        self.is_public = self.kind in self.PUBLIC_KINDS
        super().save(*args, **kwargs)


class ComplaintAttachment(models.Model):
    """A photo or document. Photos are re-encoded on upload (metadata stripped); files are served only through
    views that check access. Staff before/after photos may be shown on the public page."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", _("Photo or document from the complainant")
        BEFORE = "before", _("Photo before")
        AFTER = "after", _("Photo after")
        DOCUMENT = "document", _("Staff document")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EVIDENCE)
    file = models.FileField(upload_to="complaints/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_public = models.BooleanField(_("shown on the public page"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name or self.file.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Extension(models.Model):
    """A recorded extension of the resolve-by date."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="extensions")
    old_due = models.DateField(_("previous date"))
    new_due = models.DateField(_("new date"))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.old_due} → {self.new_due}"


class EscalationLog(models.Model):
    """One escalation per complaint, deadline kind and due date (so the job is idempotent)."""

    class Kind(models.TextChoices):
        ACKNOWLEDGE = "ack", _("Not acknowledged in time")
        RESOLVE = "resolve", _("Not resolved in time")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="escalations")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due = models.DateField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [models.UniqueConstraint(fields=["complaint", "kind", "due"], name="complaint_escalation_once")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.due}"


class DataRequest(TimeStampedModel):
    """A person's request to see or delete their personal data (PDPA s.30, s.33), due within 30 days."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("A copy of my data")
        DELETION = "deletion", _("Delete my data")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        HANDLED = "handled", _("Handled")
        REFUSED = "refused", _("Refused")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="data_requests")
    province = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    requester_email = models.EmailField(_("e-mail"), blank=True)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    message = models.TextField(_("message"), blank=True)
    due = models.DateField(_("answer by"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    response = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["province", "status", "due"], name="cmp_datareq_queue")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.complaint_id}"

    # Waiting for an answer.
    is_open = status_is(Status.OPEN)


class ComplaintStat(models.Model):
    """Rollup: number of complaints per month of receipt (its first day), province, category, agency,
    district, status and timeliness. 0 stands for "none" in the id columns so the unique key works with plain
    upserts; rows with province 0 are the national level, rows with category 0 the province totals (see stats.py)."""

    class Timeliness(models.IntegerChoices):
        OPEN = 0, _("Open")
        ON_TIME = 1, _("Closed on time")
        LATE = 2, _("Closed late")

    month = models.DateField()
    province_id = models.IntegerField()
    category_id = models.IntegerField()
    agency_id = models.IntegerField(default=0)
    district_id = models.IntegerField(default=0)
    status = models.CharField(max_length=20)
    timeliness = models.SmallIntegerField(default=0)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["month", "province_id", "category_id", "agency_id", "district_id", "status", "timeliness"],
            name="complaint_stat_key")]
        indexes = [models.Index(fields=["province_id", "month"], name="cmp_stat_province_month"),
                   models.Index(fields=["category_id", "month"], name="cmp_stat_category_month")]

    def __str__(self) -> str:
        return f"{self.month} {self.status} {self.n}"


class ComplaintDurationStat(models.Model):
    """Rollup: histogram of hours to first response / to resolution, per month of receipt, province, category,
    agency and district. Medians are read from the histogram."""

    class Metric(models.TextChoices):
        FIRST_RESPONSE = "first", _("Time to first response")
        RESOLUTION = "resolve", _("Time to resolution")

    month = models.DateField()
    province_id = models.IntegerField()
    category_id = models.IntegerField()
    agency_id = models.IntegerField(default=0)
    district_id = models.IntegerField(default=0)
    metric = models.CharField(max_length=10)
    bucket = models.SmallIntegerField()
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["month", "province_id", "category_id", "agency_id", "district_id", "metric", "bucket"],
            name="complaint_duration_key")]
        indexes = [models.Index(fields=["province_id", "month"], name="cmp_dur_province_month")]

    def __str__(self) -> str:
        return f"{self.month} {self.metric} {self.bucket} {self.n}"
