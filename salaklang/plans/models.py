"""Action plans of selected HPP agendas: activities by mechanism, indicators with targets per period,
progress reports with values and evidence, and the reminder log."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from salaklang.calls.models import Attachment
from salaklang.core.models import TimeStampedModel, status_is
from salaklang.core.thai import arabic_digits
from salaklang.plans import periods as P
from salaklang.plans import scorecard


def report_due_days() -> int:
    """Days after the end of a period by which its progress report is due (setting PLANS_REPORT_DUE_DAYS)."""
    return int(settings.PLANS_REPORT_DUE_DAYS)


class Mechanism(models.TextChoices):
    DIGITAL = "digital", _("Digital Government (e-Service)")
    INNOVATION = "innovation", _("Public Innovation")
    OPEN = "open", _("Open Government")
    EXCELLENCE = "excellence", _("Public Service Excellence (PMQA 4.0, scaling up award-winning practice)")


class Plan(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    TRANSITIONS = {Status.DRAFT: {Status.ACTIVE}, Status.ACTIVE: {Status.CLOSED}, Status.CLOSED: set()}

    class Frequency(models.TextChoices):
        MONTHLY = P.MONTHLY, _("Monthly")
        QUARTERLY = P.QUARTERLY, _("Quarterly")

    agenda = models.OneToOneField("agendas.Agenda", verbose_name=_("agenda"), on_delete=models.PROTECT,
                                  related_name="plan")
    province = models.ForeignKey("organizations.Organization", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="hpp_plans", editable=False)
    title = models.CharField(_("title of the plan"), max_length=300)
    objective = models.TextField(_("objective"), blank=True)
    fiscal_year_from = models.PositiveIntegerField(_("from fiscal year (B.E.)"))
    fiscal_year_to = models.PositiveIntegerField(_("to fiscal year (B.E.)"))
    reporting_frequency = models.CharField(_("reporting frequency"), max_length=10, choices=Frequency.choices,
                                           default=Frequency.QUARTERLY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-fiscal_year_from", "title"]
        indexes = [models.Index(fields=["province", "status", "fiscal_year_from"]),
                   models.Index(fields=["status", "fiscal_year_to"])]
        constraints = [
            models.CheckConstraint(condition=Q(fiscal_year_to__gte=models.F("fiscal_year_from")),
                                   name="plan_fiscal_years_in_order",
                                  violation_error_message=_("The last fiscal year of the plan cannot be before its first.")),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.fiscal_year_from and self.fiscal_year_to:
            if self.fiscal_year_to < self.fiscal_year_from:
                raise ValidationError({"fiscal_year_to": _("The last fiscal year cannot be before the first.")})
            if self.fiscal_year_to - self.fiscal_year_from > 4:
                raise ValidationError({"fiscal_year_to": _("A plan covers at most five fiscal years.")})

    @property
    def periods(self) -> list[P.Period]:
        return P.periods_of(self.fiscal_year_from, self.fiscal_year_to, self.reporting_frequency)

    @property
    def is_editable(self) -> bool:
        return self.status != self.Status.CLOSED

    # Active: the reporting organizations report progress.
    takes_reports = status_is(Status.ACTIVE)

    @property
    def has_started(self) -> bool:
        """Activated at some point (active or closed): the progress matrix has something to show."""
        return self.status != self.Status.DRAFT


class Activity(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    mechanism = models.CharField(_("mechanism"), max_length=20, choices=Mechanism.choices)
    title = models.CharField(_("activity"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey("organizations.Organization", verbose_name=_("owner organization"),
                              on_delete=models.PROTECT, related_name="hpp_activities")
    partners = models.ManyToManyField("organizations.Organization", verbose_name=_("partner organizations"),
                                      blank=True, related_name="hpp_partner_activities")
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2, default=Decimal(0))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["mechanism", "starts_on", "pk"]
        indexes = [models.Index(fields=["plan", "mechanism"]), models.Index(fields=["owner", "plan"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="activity_end_not_before_start",
                                  violation_error_message=_("The activity cannot end before it starts.")),
            models.CheckConstraint(condition=Q(budget__gte=0), name="activity_budget_not_negative",
                                  violation_error_message=_("The budget cannot be negative.")),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end of an activity cannot be before its start.")})
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("The budget cannot be negative.")})


class Indicator(TimeStampedModel):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")

    class Direction(models.TextChoices):
        HIGHER = scorecard.Direction.HIGHER.value, _("Higher is better")
        LOWER = scorecard.Direction.LOWER.value, _("Lower is better")

    class Aggregation(models.TextChoices):
        CUMULATIVE = scorecard.Aggregation.CUMULATIVE.value, _("Cumulative (sum of the periods)")
        LATEST = scorecard.Aggregation.LATEST.value, _("Latest value")

    class ValueType(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENT = "percent", _("Percent (0–100)")
        COUNT = "count", _("Count (whole number)")

    class Status(models.TextChoices):
        ON_TRACK = scorecard.Status.ON_TRACK.value, _("On track")
        AT_RISK = scorecard.Status.AT_RISK.value, _("At risk")
        OFF_TRACK = scorecard.Status.OFF_TRACK.value, _("Off track")
        NO_DATA = scorecard.Status.NO_DATA.value, _("No data")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    province = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+",
                                 editable=False)
    mechanism = models.CharField(_("mechanism"), max_length=20, choices=Mechanism.choices)
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="indicators")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OUTPUT)
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40)
    value_type = models.CharField(_("value type"), max_length=10, choices=ValueType.choices, default=ValueType.NUMBER)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, default=Decimal(0))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    aggregation = models.CharField(_("aggregation"), max_length=12, choices=Aggregation.choices,
                                   default=Aggregation.CUMULATIVE)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    owner = models.ForeignKey("organizations.Organization", verbose_name=_("owner organization"),
                              on_delete=models.PROTECT, related_name="hpp_indicators")
    # The latest-status cache (updated when a report is accepted or targets change): the national
    # side-by-side scorecard counts these in one GROUP BY query.
    latest_period = models.CharField(max_length=8, blank=True, editable=False)
    latest_actual = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True, editable=False)
    latest_target = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NO_DATA,
                              editable=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["mechanism", "pk"]
        indexes = [models.Index(fields=["plan", "mechanism"]), models.Index(fields=["owner", "plan"]),
                   models.Index(fields=["province", "mechanism", "status"])]

    def __str__(self) -> str:
        return self.name

    def parse_value(self, raw: object) -> Decimal:
        """A reported value checked against the indicator's type and unit; ValidationError with a clear message."""
        if isinstance(raw, Decimal | int):
            value = Decimal(raw)
        else:
            text = arabic_digits(str(raw or "")).strip().replace(",", "")
            if not text:
                raise ValidationError(_("Enter a value for “%(name)s”.") % {"name": self.name})
            number = text
            unit_part = ""
            m = _NUMBER_THEN_REST.match(text)
            if m:
                number, unit_part = m.group(1), m.group(2).strip()
            if unit_part:
                allowed = {self.unit.strip().lower()}
                if self.value_type == self.ValueType.PERCENT:
                    allowed |= {"%", "ร้อยละ", "percent"}
                if unit_part.lower() not in allowed:
                    raise ValidationError(_("“%(name)s” is measured in %(unit)s, not “%(given)s”.") % {
                        "name": self.name, "unit": self.unit, "given": unit_part})
            try:
                value = Decimal(number)
            except InvalidOperation:
                raise ValidationError(_("“%(name)s” needs a number in %(unit)s; “%(given)s” is not a number.") % {
                    "name": self.name, "unit": self.unit, "given": raw}) from None
        if not value.is_finite():
            raise ValidationError(_("“%(name)s” needs a number.") % {"name": self.name})
        if self.value_type == self.ValueType.COUNT and (value != value.to_integral_value() or value < 0):
            raise ValidationError(_("“%(name)s” is a count: enter a whole number of %(unit)s (0 or more).") % {
                "name": self.name, "unit": self.unit})
        if self.value_type == self.ValueType.PERCENT and not (0 <= value <= 100):
            raise ValidationError(_("“%(name)s” is a percentage: enter a value from 0 to 100.") % {"name": self.name})
        if value.as_tuple().exponent < -2 or abs(value) >= Decimal("1e15"):
            raise ValidationError(_("“%(name)s”: use at most two decimal places.") % {"name": self.name})
        return value


_NUMBER_THEN_REST = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(.*)$")


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=8)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["period"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="indicator_target_once")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}: {self.target}"

    @property
    def period_name(self) -> str:
        """'ไตรมาส 1/2570' (English 'Q1 FY2027'), never the stored key '2570Q1'."""
        from salaklang.plans.periods import Period

        try:
            return Period.parse(self.period).name
        except ValueError:
            return self.period


class ProgressReport(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for revision")
        ACCEPTED = "accepted", _("Accepted")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.ACCEPTED, Status.RETURNED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.ACCEPTED: set(),
    }
    EDITABLE = {Status.DRAFT, Status.RETURNED}

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("reporting organization"),
                                     on_delete=models.PROTECT, related_name="hpp_reports")
    period = models.CharField(_("period"), max_length=8)
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    narrative = models.TextField(_("narrative"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    is_late = models.BooleanField(_("late"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    review_comment = models.TextField(_("comment of the strategy staff"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-period", "organization__name_th"]
        indexes = [models.Index(fields=["plan", "period", "status"]), models.Index(fields=["organization", "status"])]
        constraints = [models.UniqueConstraint(fields=["plan", "organization", "period"], name="report_once_per_period")]

    def __str__(self) -> str:
        return f"{self.plan} — {self.organization} — {self.period_obj.label}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    is_returned = status_is(Status.RETURNED)

    @property
    def period_obj(self) -> P.Period:
        return P.Period.parse(self.period)


class IndicatorValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(max_length=8, editable=False)  # the report's period, for the scorecard queries
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="value_once_per_report")]
        indexes = [models.Index(fields=["indicator", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}: {self.value}"


class Evidence(Attachment):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="plans/%Y/")

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")


class ReminderLog(models.Model):
    """One row per automatic reminder, so each goes out once per organization and period."""

    class Kind(models.TextChoices):
        D7 = "d7", _("7 days before the due date")
        D1 = "d1", _("1 day before the due date")
        AFTER = "after", _("the day after the due date")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reminders")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=8)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "organization", "period", "kind"],
                                               name="plan_reminder_once")]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.organization_id} {self.period} {self.kind}"
