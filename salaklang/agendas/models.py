"""HPP candidate agendas, opinions agency by agency, working-group meetings with minutes, and selection.

Action plans, indicators, progress reports and scorecards live in ``salaklang.plans`` (ForeignKey to
:class:`Agenda`). Contract relied on there: ``province``, ``fiscal_year`` (B.E.), ``title``, ``status``
("candidate", "selected", ...), ``selected_at``, ``proposed_by`` and ``Agenda.objects.selected()``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salaklang.core.models import TimeStampedModel, status_is


# --- candidate agendas ---------------------------------------------------------------------
class AgendaQuerySet(models.QuerySet):
    def selected(self):
        return self.filter(status=Agenda.Status.SELECTED)

    def candidates(self):
        return self.filter(status=Agenda.Status.CANDIDATE)

    def for_year(self, province_id: int, fiscal_year: int):
        return self.filter(province_id=province_id, fiscal_year=fiscal_year)


class Agenda(TimeStampedModel):
    """ประเด็นนโยบาย (agenda) of a province for a fiscal year."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by an agency (awaiting the strategy staff)")
        CANDIDATE = "candidate", _("Candidate")
        SELECTED = "selected", _("Selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.PROPOSED: {Status.CANDIDATE, Status.WITHDRAWN},
        Status.CANDIDATE: {Status.SELECTED, Status.WITHDRAWN},  # a candidate not chosen stays one (later resolutions)
        Status.SELECTED: set(),
        Status.WITHDRAWN: set(),
    }
    EDITABLE = {Status.PROPOSED, Status.CANDIDATE}

    province = models.ForeignKey("organizations.Organization", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="agendas")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("agenda title"), max_length=300)
    problem = models.TextField(_("problem to solve"), blank=True)
    area = models.CharField(_("area"), max_length=300, blank=True,
                            help_text=_("Where the problem is: districts, sub-districts or the whole province."))
    evidence = models.TextField(_("evidence and data"), blank=True)
    proposed_by = models.ForeignKey("organizations.Organization", verbose_name=_("proposing organization"),
                                    on_delete=models.PROTECT, related_name="agendas_proposed")
    national_strategy = models.ForeignKey("calls.PlanLink", verbose_name=_("link to the 20-year National Strategy"),
                                          null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CANDIDATE)
    selected_at = models.DateTimeField(_("selected"), null=True, blank=True)
    selected_by_item = models.ForeignKey("MeetingItem", verbose_name=_("selected by the resolution of"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="selected_agendas")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = AgendaQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy agenda")
        verbose_name_plural = _("policy agendas")
        ordering = ["-fiscal_year", "title"]
        indexes = [
            models.Index(fields=["province", "fiscal_year", "status"]),
            models.Index(fields=["province", "status"]),
            models.Index(fields=["proposed_by", "fiscal_year"]),
            models.Index(fields=["status", "fiscal_year"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    is_selected = status_is(Status.SELECTED)
    is_proposed = status_is(Status.PROPOSED)


# --- opinions agency by agency -------------------------------------------------------------
class OpinionRound(TimeStampedModel):
    """The strategy staff ask agencies for their opinion on the candidate agendas of a fiscal year."""

    province = models.ForeignKey("organizations.Organization", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="opinion_rounds")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"))
    due_date = models.DateField(_("answer by"))
    message = models.TextField(_("message to the agencies"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("request for opinions")
        verbose_name_plural = _("requests for opinions")
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["province", "fiscal_year"], name="opinion_round_one_per_year")]

    def __str__(self) -> str:
        return f"{self.province} {self.fiscal_year}"


class OpinionInvitation(models.Model):
    round = models.ForeignKey(OpinionRound, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
                                     related_name="opinion_invitations")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "organization"], name="opinion_invitation_unique")]
        indexes = [models.Index(fields=["organization", "round"])]

    def __str__(self) -> str:
        return f"{self.round} → {self.organization}"


class Opinion(TimeStampedModel):
    class Position(models.TextChoices):
        SUPPORT = "support", _("Support")
        CONDITIONAL = "conditional", _("Support with conditions")
        OPPOSE = "oppose", _("Oppose")
        NO_VIEW = "no_view", _("No view")

    invitation = models.ForeignKey(OpinionInvitation, on_delete=models.CASCADE, related_name="opinions")
    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="opinions")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("agency"), on_delete=models.PROTECT,
                                     related_name="agenda_opinions")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    reasoning = models.TextField(_("reasoning"), blank=True)
    contribution = models.TextField(_("what the agency can contribute"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on_behalf_of = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        constraints = [models.UniqueConstraint(fields=["agenda", "organization"], name="opinion_one_per_agency")]
        indexes = [models.Index(fields=["invitation", "agenda"]), models.Index(fields=["agenda", "position"])]

    def __str__(self) -> str:
        return f"{self.organization} / {self.agenda}: {self.position}"


class OpinionReminder(models.Model):
    """One row per reminder sent to an invited agency, so each automatic reminder goes out once."""

    class Kind(models.TextChoices):
        D3 = "d3", _("3 days before the due date")
        D1 = "d1", _("1 day before the due date")
        AFTER = "after", _("the day after the due date")
        MANUAL = "manual", _("sent by staff")

    invitation = models.ForeignKey(OpinionInvitation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["invitation", "kind"], condition=~Q(kind="manual"),
                                               name="opinion_reminder_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.invitation_id} {self.kind}"


# --- meetings ------------------------------------------------------------------------------
class Meeting(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        INVITED = "invited", _("Invitations sent")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")

    TRANSITIONS = {
        Status.DRAFT: {Status.INVITED, Status.CANCELLED},
        Status.INVITED: {Status.HELD, Status.CANCELLED},
        Status.HELD: set(),
        Status.CANCELLED: set(),
    }

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", _("Minutes being written")
        CHECKED = "checked", _("Minutes checked")
        APPROVED = "approved", _("Minutes approved")

    committee = models.ForeignKey("organizations.Committee", verbose_name=_("committee or working group"),
                                  on_delete=models.PROTECT, related_name="meetings")
    province = models.ForeignKey("organizations.Organization", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="meetings")
    number = models.CharField(_("meeting number (ครั้งที่)"), max_length=30, blank=True, help_text=_("e.g. 1/2565"))
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chair"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="meetings_chaired")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.TimeField(_("meeting opened at"), null=True, blank=True)
    closed_at = models.TimeField(_("meeting closed at"), null=True, blank=True)
    minute_taker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("minute-taker"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    checker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("minutes checker"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    minutes_status = models.CharField(_("minutes"), max_length=20, choices=MinutesStatus.choices,
                                      default=MinutesStatus.DRAFT)
    minutes_version = models.PositiveIntegerField(_("minutes version"), default=1)
    minutes_opening = models.TextField(_("opening remarks"), blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0, help_text="iCalendar SEQUENCE, raised on each change sent")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time"]
        indexes = [
            models.Index(fields=["province", "date"]),
            models.Index(fields=["committee", "date"]),
            models.Index(fields=["province", "status", "date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="meeting_end_after_start",
                                  violation_error_message=_("The meeting must end after it starts.")),
        ]

    def __str__(self) -> str:
        return self.title

    is_draft = status_is(Status.DRAFT)
    is_invited = status_is(Status.INVITED)
    is_held = status_is(Status.HELD)
    is_cancelled = status_is(Status.CANCELLED)
    # Prepared or invited: details, invitations and cancellation.
    is_editable = status_is(Status.DRAFT, Status.INVITED)
    # Invited or held: minutes are written and the meeting's times recorded.
    has_taken_place_or_is_due = status_is(Status.INVITED, Status.HELD)

    @property
    def minutes_locked(self) -> bool:
        return self.minutes_status == self.MinutesStatus.APPROVED


class Attendee(models.Model):
    """An invited person (or the seat of an agency) and, once the meeting is held, their attendance."""

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not recorded")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        REPRESENTED = "represented", _("Represented by a delegate")

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member")
        OFFICIAL = "official", _("Attending official")  # ผู้เข้าร่วมประชุม

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="meeting_seats")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    role_label = models.CharField(_("position in the meeting"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    attendance = models.CharField(_("attendance"), max_length=20, choices=Attendance.choices,
                                  default=Attendance.UNKNOWN)
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("attending instead"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="meetings_attended_for")
    note = models.CharField(_("note"), max_length=300, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | Q(organization__isnull=False),
                                   name="attendee_person_or_org"),
            models.UniqueConstraint(fields=["meeting", "person"], condition=Q(person__isnull=False),
                                    name="attendee_person_once"),
        ]
        indexes = [models.Index(fields=["person", "meeting"]), models.Index(fields=["delegate", "meeting"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.person_id:
            return str(self.person)
        return str(_("Representative of %(org)s") % {"org": self.organization})

    @property
    def role_display(self) -> str:
        """The position in the meeting in the reader's language. The invitation writes the committee's standard
        positions in Thai (ประธาน, คณะทำงาน …: the minutes are Thai); on other pages they are shown translated.
        A position typed by hand stays as typed."""
        from django.utils.translation import get_language

        if not self.role_label or (get_language() or "th").startswith("th"):
            return self.role_label
        from salaklang.agendas.services.meetings import POSITION_LABELS_TH
        from salaklang.organizations.models import CommitteeMember

        positions = {th: key for key, th in POSITION_LABELS_TH.items()}
        key = positions.get(self.role_label.strip())
        return str(CommitteeMember.Position(key).label) if key else self.role_label


class MeetingItem(models.Model):
    """ระเบียบวาระ: one item of the meeting's agenda with its discussion and resolution (minutes)."""

    class Section(models.IntegerChoices):
        ANNOUNCEMENTS = 1, _("Matters the chair informs the meeting of")
        PREVIOUS_MINUTES = 2, _("Adoption of the minutes of the previous meeting")
        FOLLOW_UP = 3, _("Matters arising")
        FOR_INFORMATION = 4, _("Matters for information")
        FOR_CONSIDERATION = 5, _("Matters for consideration")
        OTHER = 6, _("Other matters")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    section = models.PositiveSmallIntegerField(_("section"), choices=Section.choices,
                                               default=Section.FOR_CONSIDERATION)
    sort_order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("item"), max_length=500)
    agendas = models.ManyToManyField(Agenda, verbose_name=_("candidate agendas"), blank=True,
                                     related_name="meeting_items")
    call = models.ForeignKey("calls.Call", verbose_name=_("call for proposals"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey("calls.Proposal", verbose_name=_("proposal"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    discussion = models.TextField(_("discussion (ผลการพิจารณา)"), blank=True)
    resolution = models.TextField(_("resolution (มติที่ประชุม)"), blank=True)

    class Meta:
        verbose_name = _("meeting item")
        verbose_name_plural = _("meeting items")
        ordering = ["section", "sort_order", "id"]
        indexes = [models.Index(fields=["meeting", "section", "sort_order"])]

    def __str__(self) -> str:
        return self.title


class MinutesVersion(models.Model):
    """A frozen copy of the minutes each time they are approved (history kept, compared as a diff)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    approved_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reopen_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version_unique")]

    def __str__(self) -> str:
        return f"{self.meeting_id} v{self.number}"


class MeetingPhoto(models.Model):
    """A photo of the meeting, checked by content and re-encoded; ``publishable`` marks it for the portal."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="meetings/%Y/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    publishable = models.BooleanField(_("may be published on the portal"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting photo")
        verbose_name_plural = _("meeting photos")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["publishable", "uploaded_at"])]

    def __str__(self) -> str:
        return self.caption or f"photo {self.pk}"
