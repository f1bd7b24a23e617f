from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from salaklang.core.models import TimeStampedModel


class Organization(TimeStampedModel):
    """A node of the tree nation → province → agency / district → local body.

    ``province`` is the province this node belongs to (itself for a province, empty for the
    nation): it scopes who may see and manage the node without walking the tree.
    """

    class Kind(models.TextChoices):
        NATION = "nation", _("National office")
        PROVINCE = "province", _("Province")
        AGENCY = "agency", _("Provincial agency")
        DISTRICT = "district", _("District")
        LOCAL = "local", _("Local administrative organization")
        UNIT = "unit", _("Unit within an agency")

    # Which kinds may sit under which.
    ALLOWED_PARENTS = {
        Kind.NATION: {None, Kind.NATION},
        Kind.PROVINCE: {Kind.NATION},
        Kind.AGENCY: {Kind.PROVINCE},
        Kind.DISTRICT: {Kind.PROVINCE},
        Kind.LOCAL: {Kind.PROVINCE, Kind.DISTRICT},
        Kind.UNIT: {Kind.AGENCY, Kind.PROVINCE, Kind.NATION, Kind.UNIT},
    }

    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("A unique short code, e.g. PNA or PNA-TOUR.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    letter_prefix = models.CharField(
        _("letter prefix"),
        max_length=20,
        blank=True,
        help_text=_("The initials used in official document numbers, e.g. พง for Phang Nga, ชร for Chiang Rai."),
    )
    registry_code = models.CharField(
        _("registry code"),
        max_length=20,
        blank=True,
        help_text=_("The office number that follows the prefix in document numbers, e.g. 0017."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    address = models.TextField(_("address"), blank=True,
                               help_text=_("The address lines printed under the name in official letters, one per line."))
    emblem = models.FileField(_("emblem"), upload_to="organizations/emblems/", blank=True,
                              help_text=_("The emblem printed at the top of official letters (PNG or JPEG)."))
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["depth", "name_th"]
        indexes = [
            models.Index(fields=["province", "kind", "name_th"]),
            models.Index(fields=["parent", "name_th"]),
            models.Index(fields=["kind", "name_th"]),
        ]
        constraints = [models.CheckConstraint(condition=~Q(parent=models.F("id")), name="org_not_own_parent",
                                  violation_error_message=_("An organization cannot be placed under itself."))]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th

    @property
    def short_label(self) -> str:
        """The name to show where space is short, in the reader's language: the Thai short name (พังงา, กก.พง)
        on Thai pages; on English pages the English name when there is one (a Thai abbreviation means nothing
        to an English reader), else the short name."""
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.short_name or self.name_th

    def emblem_bytes(self) -> bytes | None:
        """The uploaded emblem (a PNG or JPEG re-encoded on upload), or None."""
        if not self.emblem:
            return None
        try:
            with self.emblem.open("rb") as f:
                return f.read()
        except OSError:
            return None

    def document_prefix(self) -> str:
        """'พง 0017' — the part of a document number before the slash (ที่ พง 0017/ว 123).

        An agency without its own letter prefix uses its province's."""
        prefix = self.letter_prefix
        if not prefix and self.province_id and self.province_id != self.pk:
            prefix = self.province.letter_prefix
        return " ".join(p for p in (prefix, self.registry_code) if p)

    @property
    def own_province_id(self) -> int | None:
        """The province this node belongs to: its own id for a province, None for the nation (no query).
        Apps use ``organizations.roles.province_id_of``."""
        return self.pk if self.kind == self.Kind.PROVINCE else self.province_id

    # --- tree invariants ---------------------------------------------------------------
    def ancestors_ids(self) -> list[int]:
        """Ids from the parent up to the root (one query per level; the tree is at most ~5 deep)."""
        ids: list[int] = []
        node = self.parent
        while node is not None:
            if node.pk in ids or node.pk == self.pk:
                raise ValidationError({"parent": _("This parent would make a cycle in the tree.")})
            ids.append(node.pk)
            node = node.parent
        return ids

    def clean(self) -> None:
        super().clean()
        parent_kind = self.parent.kind if self.parent_id else None
        allowed = self.ALLOWED_PARENTS.get(self.kind, set())
        if parent_kind not in allowed:
            raise ValidationError({"parent": _("A %(kind)s cannot be placed under this parent.") % {
                "kind": self.get_kind_display()}})
        if self.pk and self.parent_id:
            self.ancestors_ids()

    def derive_tree_fields(self) -> None:
        if self.kind == self.Kind.PROVINCE:
            self.province = self if self.pk else None
        elif self.parent_id:
            parent = self.parent
            self.province_id = parent.own_province_id
        else:
            self.province = None
        self.depth = (self.parent.depth + 1) if self.parent_id else 0

    def save(self, *args, **kwargs):
        self.derive_tree_fields()
        super().save(*args, **kwargs)
        if self.kind == self.Kind.PROVINCE and self.province_id != self.pk:
            type(self).objects.filter(pk=self.pk).update(province=self.pk)
            self.province_id = self.pk


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    PROVINCIAL_ADMIN = "provincial_admin", _("Provincial administrator (strategy staff)")
    EXECUTIVE = "executive", _("Executive (governor / vice governor)")
    AGENCY_HEAD = "agency_head", _("Agency head")
    AGENCY_COORDINATOR = "agency_coordinator", _("Agency coordinator")
    REVIEWER = "reviewer", _("Reviewer")
    PORTAL_EDITOR = "portal_editor", _("Portal editor")
    COMPLAINT_OFFICER = "complaint_officer", _("Complaint centre officer (Damrongdhama)")


class Membership(TimeStampedModel):
    """A person holds a role in an organization. One person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role")
        ]
        indexes = [models.Index(fields=["organization", "role"]), models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organization}"


class Committee(TimeStampedModel):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee")
        WORKING_GROUP = "working_group", _("Working group")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="committees"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("committee or working group")
        verbose_name_plural = _("committees and working groups")
        ordering = ["name_th"]
        indexes = [models.Index(fields=["organization", "is_active"])]

    def __str__(self) -> str:
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class CommitteeMember(models.Model):
    """A seat: a named person, or "the representative of agency X" (filled by whoever it sends)."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")
        ASSISTANT_SECRETARY = "assistant_secretary", _("Assistant secretary")

    POSITION_ORDER = {p: i for i, p in enumerate(["chair", "vice_chair", "member", "secretary", "assistant_secretary"])}

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    represented_organization = models.ForeignKey(
        Organization,
        verbose_name=_("representative of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(represented_organization__isnull=False),
                name="committee_member_person_or_org",
            ),
            models.UniqueConstraint(
                fields=["committee"], condition=Q(position="chair"), name="committee_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()}: {self.holder_label}"

    @property
    def holder_label(self) -> str:
        if self.person_id:
            return str(self.person)
        return str(_("Representative of %(org)s") % {"org": self.represented_organization})


class DelegationQuerySet(models.QuerySet):
    def active_on(self, day: dt.date | None = None):
        day = day or timezone.localdate()
        return self.filter(start_date__lte=day, end_date__gte=day, revoked_at__isnull=True)


class Delegation(TimeStampedModel):
    """ปฏิบัติราชการแทน / มอบหมาย: ``delegator`` appoints ``delegate`` to act for them."""

    class Scope(models.TextChoices):
        ATTEND_MEETINGS = "attend_meetings", _("Attend meetings")
        APPROVE_SUBMISSIONS = "approve_submissions", _("Approve submissions")
        REPORT_PROGRESS = "report_progress", _("Report progress")
        ALL = "all", _("All duties")

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="delegations"
    )
    scope = models.CharField(_("scope"), max_length=30, choices=Scope.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["delegate", "scope", "start_date", "end_date"]),
            models.Index(fields=["delegator", "start_date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="delegation_dates_order"),
            models.CheckConstraint(condition=~Q(delegator=models.F("delegate")), name="delegation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.delegate} → {self.delegator} ({self.get_scope_display()})"

    def covers(self, scope: str, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (
            self.revoked_at is None
            and self.start_date <= day <= self.end_date
            and self.scope in (scope, self.Scope.ALL)
        )
