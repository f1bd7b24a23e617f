"""Committee review of a call's proposals: rubric, assignments with conflict-of-interest rules, scores, decision."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DEFAULT_CRITERIA = [
    ("ความใหม่ของนวัตกรรม", "Novelty", 20),
    ("การวิเคราะห์ปัญหา", "Problem and analysis", 15),
    ("ผลลัพธ์และผลกระทบ (พร้อมหลักฐาน)", "Results and impact (with evidence)", 25),
    ("การมีส่วนร่วมของผู้มีส่วนได้ส่วนเสีย", "Participation of stakeholders", 15),
    ("ความยั่งยืน", "Sustainability", 10),
    ("ศักยภาพในการขยายผล", "Potential to be scaled up elsewhere", 15),
]


class Rubric(models.Model):
    call = models.OneToOneField("calls.Call", on_delete=models.CASCADE, related_name="rubric")
    blind = models.BooleanField(_("blind review (hide the submitting organization and team)"), default=False)
    reviewers_per_proposal = models.PositiveSmallIntegerField(_("reviewers per proposal (0 = all)"), default=0)
    selections_allowed = models.PositiveSmallIntegerField(_("proposals that may be selected"), default=1)
    disagreement_threshold = models.DecimalField(_("flag when reviewers' totals differ by more than (points)"),
                                                 max_digits=5, decimal_places=2, default=Decimal("20"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rubric")

    def __str__(self) -> str:
        return f"{self.call}"


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    name_th = models.CharField(_("criterion"), max_length=200)
    name_en = models.CharField(_("criterion (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name="criterion_weight_range"),
                       models.CheckConstraint(condition=Q(max_score__gte=1), name="criterion_max_positive")]

    def __str__(self) -> str:
        return self.name_th

    @property
    def name(self) -> str:
        """The criterion in the reader's language (the English name when one was given)."""
        from django.utils.translation import get_language

        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class Assignment(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("To score")
        SUBMITTED = "submitted", _("Scores submitted")
        EXCLUDED = "excluded", _("Excluded: conflict of interest (own organization)")
        CONFLICT = "conflict", _("Withdrawn: conflict declared")

    proposal = models.ForeignKey("calls.Proposal", on_delete=models.CASCADE, related_name="review_assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    conflict_reason = models.TextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "reviewer"], name="assignment_unique")]
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.proposal}"


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(max_digits=5, decimal_places=2)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique"),
                       models.CheckConstraint(condition=Q(value__gte=0), name="score_not_negative")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Decision(models.Model):
    call = models.OneToOneField("calls.Call", on_delete=models.PROTECT, related_name="decision")
    selected = models.ManyToManyField("calls.Proposal", related_name="selected_in")
    reasons = models.TextField(_("reasons"))
    meeting = models.CharField(_("meeting where it was decided"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.call}"


class ProposalTerm(models.Model):
    """Thai word-segmented terms of a submitted proposal (pythainlp newmm), for finding similar proposals."""

    proposal = models.ForeignKey("calls.Proposal", on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=60)
    count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "term"], name="proposal_term_unique")]
        indexes = [models.Index(fields=["term", "proposal"])]

    def __str__(self) -> str:
        return self.term


class Standing(models.Model):
    """A submitted proposal's place in its call's ranking, stored when its scores change (issue 16).

    Written by ``services.standings_refresh`` in the same transaction as every change it depends on (scores saved,
    submitted, reopened, a declared conflict, reviewers assigned, the proposal entering or leaving the submitted
    status), so the ranking reads one page of this table in index order instead of summing every score of the call on
    each request. ``rank_key`` is the mean, or -1 when no reviewer has submitted (unscored proposals rank last)."""

    proposal = models.OneToOneField("calls.Proposal", on_delete=models.CASCADE, primary_key=True, related_name="standing")
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="+", db_index=False)
    mean = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    rank_key = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal(-1))
    spread = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal(0))
    totals = models.JSONField(default=list)  # each reviewer's total out of 100 (strings, by reviewer id)
    reviews = models.PositiveIntegerField(default=0)
    assigned = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["call", "-rank_key", "proposal"], name="standing_rank_idx")]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.mean}"
