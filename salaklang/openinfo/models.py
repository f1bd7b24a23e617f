"""The yearly ITA (OIT) item lists and the evidence each organization gives for an item.

An ``AssessmentYear`` is a list of items for one B.E. year, national (``province`` empty) or a province's own list
(which then replaces the national one for that province's organizations). An ``Evidence`` answers one item for one
organization: an uploaded document, a link to a portal post, or a page generated from the platform's data.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salaklang.core.models import TimeStampedModel


class Generator(models.TextChoices):
    STRUCTURE = "structure", _("Organization structure")
    EXECUTIVES = "executives", _("Executives")
    CONTACT = "contact", _("Contact information")
    NEWS = "news", _("News (website list)")
    ACTION_PLAN = "action_plan", _("Annual action plan and indicators")
    PROGRESS_HALF = "progress_half", _("Six-month progress (accepted progress reports)")
    PROGRESS_YEAR = "progress_year", _("Annual progress (accepted progress reports)")
    COMPLAINT_PROCEDURE = "complaint_procedure", _("Complaint procedure and channels")
    COMPLAINT_STATS = "complaint_stats", _("Complaint statistics")
    PARTICIPATION = "participation", _("Participation (consultations and responses)")


class InfoCategory(models.TextChoices):
    """The categories of s. 9 of the Official Information Act B.E. 2540, plus the organization's own."""

    S9_1 = "s9_1", _("s. 9 (1) Decisions directly affecting private persons")
    S9_2 = "s9_2", _("s. 9 (2) Policies and interpretations")
    S9_3 = "s9_3", _("s. 9 (3) Work plans, projects and annual budget")
    S9_4 = "s9_4", _("s. 9 (4) Manuals and orders on procedures affecting private persons")
    S9_5 = "s9_5", _("s. 9 (5) Publications referred to under s. 7")
    S9_6 = "s9_6", _("s. 9 (6) Concessions, monopoly and joint-venture contracts")
    S9_7 = "s9_7", _("s. 9 (7) Resolutions of the Cabinet or of committees set up by law")
    S9_8 = "s9_8", _("s. 9 (8) Other information set by the Official Information Board")
    OWN = "own", _("Other documents of the organization")


class AssessmentYear(TimeStampedModel):
    year = models.PositiveIntegerField(_("assessment year (B.E.)"))
    province = models.ForeignKey("organizations.Organization", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 help_text=_("Empty: the national list used by every province without its own."))
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_template = models.BooleanField(
        _("default template"), default=False,
        help_text=_("Made from the default O1–O43 list: check it against the year's official manual."))

    class Meta:
        verbose_name = _("assessment year")
        verbose_name_plural = _("assessment years")
        ordering = ["-year", "province_id"]
        constraints = [
            models.UniqueConstraint(fields=["year"], condition=Q(province__isnull=True), name="openinfo_year_national"),
            models.UniqueConstraint(fields=["year", "province"], condition=Q(province__isnull=False),
                                    name="openinfo_year_province"),
            models.CheckConstraint(condition=Q(year__gte=2500, year__lte=2700), name="openinfo_year_be",
                                   violation_error_message=_("The year is a Buddhist Era year, e.g. 2570.")),
        ]

    def __str__(self) -> str:
        return f"ITA {self.year}"


class Item(models.Model):
    year = models.ForeignKey(AssessmentYear, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=12, help_text=_("As in the manual, e.g. O1."))
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(_("group"), max_length=200, blank=True)
    generator = models.CharField(_("generated page"), max_length=30, choices=Generator.choices, blank=True,
                                 help_text=_("The page built from platform data that may answer this item."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("ITA item")
        verbose_name_plural = _("ITA items")
        ordering = ["year", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["year", "code"], name="openinfo_item_code_unique",
                                               violation_error_message=_("This code is already in the list."))]

    def __str__(self) -> str:
        return f"{self.code} {self.title_th}"

    @property
    def may_be_generated(self) -> bool:
        return bool(self.generator)


def evidence_upload_to(instance, filename: str) -> str:
    return f"openinfo/{instance.item.year.year}/{filename}"


class Evidence(TimeStampedModel):
    class Kind(models.TextChoices):
        UPLOAD = "upload", _("Uploaded document")
        LINK = "link", _("Website post")
        GENERATED = "generated", _("Generated page")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    TRANSITIONS = {Status.DRAFT: {Status.PUBLISHED}, Status.PUBLISHED: {Status.DRAFT}}

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                 null=True, editable=False)
    item = models.ForeignKey(Item, verbose_name=pgettext_lazy("ita", "item"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    post = models.ForeignKey("portal.Post", verbose_name=_("website post"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    generator = models.CharField(_("generated page"), max_length=30, choices=Generator.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    info_category = models.CharField(_("category in the information centre (s. 9)"), max_length=8,
                                     choices=InfoCategory.choices, default=InfoCategory.OWN)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("due"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["item__order", "id"]
        indexes = [models.Index(fields=["organization", "item"]), models.Index(fields=["province", "item"]),
                   models.Index(fields=["item", "status"]),
                   models.Index(fields=["province", "status", "info_category"]),
                   # the national board's published cells per province, read from the index alone
                   models.Index(fields=["status", "province", "item", "organization"], name="openinfo_ev_cells")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="upload") & ~Q(file="")) | (Q(kind="link") & Q(post__isnull=False))
                | (Q(kind="generated") & ~Q(generator="")),
                name="openinfo_evidence_kind_fields"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} · {self.get_kind_display()}"

    @property
    def extension(self) -> str:
        """The file's extension in its address (``…/files/12.pdf``), from the content checked at upload."""
        return {"application/pdf": "pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}.get(self.content_type, "bin")

    def save(self, *args, **kwargs):
        if self.organization_id and not self.province_id:
            from salaklang.organizations.models import Organization

            self.province_id = Organization.objects.values_list("province_id", flat=True).get(pk=self.organization_id)
        super().save(*args, **kwargs)


class Snapshot(models.Model):
    """A generated page frozen as a PDF on a date, so the evidence does not change under the assessors."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="snapshots")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"))
    file = models.FileField(upload_to="openinfo/snapshots/%Y/")
    taken_at = models.DateTimeField(_("frozen on"), auto_now_add=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("frozen copy")
        verbose_name_plural = _("frozen copies")
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["evidence", "-taken_at"])]

    def __str__(self) -> str:
        return f"{self.evidence} · {self.taken_at:%Y-%m-%d}"


class ReminderLog(models.Model):
    """One row per automatic reminder, so each goes out once per evidence and kind."""

    class Kind(models.TextChoices):
        D7 = "d7", _("7 days before the due date")
        D1 = "d1", _("1 day before the due date")

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="reminders", null=True)
    assignment = models.ForeignKey("Assignment", on_delete=models.CASCADE, related_name="reminders", null=True)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    due_on = models.DateField(null=True)  # the due date reminded (a new due date is reminded again)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evidence", "kind"], name="openinfo_reminder_once"),
                       models.UniqueConstraint(fields=["assignment", "kind", "due_on"],
                                               name="openinfo_assignment_reminder_once")]

    def __str__(self) -> str:
        return f"{self.evidence_id} {self.kind}"


class Assignment(TimeStampedModel):
    """Who answers an item for an organization and by when — set on the board before any evidence exists."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+",
                                 editable=False)
    item = models.ForeignKey(Item, verbose_name=pgettext_lazy("ita", "item"), on_delete=models.CASCADE,
                             related_name="assignments")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("due"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["organization", "item"], name="openinfo_assignment_once")]
        indexes = [models.Index(fields=["province", "item"]), models.Index(fields=["due_on"])]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.item_id}"

    def save(self, *args, **kwargs):
        if self.organization_id and not self.province_id:
            from salaklang.organizations.models import Organization

            self.province_id = Organization.objects.values_list("province_id", flat=True).get(pk=self.organization_id)
        super().save(*args, **kwargs)
