"""State changes of the open information centre: item lists per year and evidence per organization."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.core import thai, uploads, workflow
from salaklang.openinfo import access, importing
from salaklang.openinfo.defaults import DEFAULT_ITEMS
from salaklang.openinfo.models import AssessmentYear, Evidence, InfoCategory, Item
from salaklang.organizations.models import Organization

EVIDENCE_TYPES = frozenset({uploads.PDF, uploads.DOCX, uploads.XLSX})


def _check_year(year: int) -> None:
    if not 2500 <= int(year) <= 2700:
        raise ValidationError(_("The year is a Buddhist Era year, e.g. 2570."))


def _new_year(*, year: int, province: Organization | None, actor, is_template: bool = False,
              note: str = "") -> AssessmentYear:
    _check_year(year)
    if not access.can_manage_list(actor, province.pk if province else None):
        raise PermissionDenied
    if AssessmentYear.objects.filter(year=year, province=province).exists():
        raise ValidationError(_("The list of %(year)s already exists.") % {"year": year})
    try:
        with transaction.atomic():
            return AssessmentYear.objects.create(year=year, province=province, is_template=is_template, note=note)
    except IntegrityError:
        raise ValidationError(_("The list of %(year)s already exists.") % {"year": year}) from None


@transaction.atomic
def year_from_default(*, year: int, actor, province: Organization | None = None) -> AssessmentYear:
    """A new year's list from the default O1–O43 template (marked as a template to check against the manual)."""
    ay = _new_year(year=year, province=province, actor=actor, is_template=True,
                   note=_("Default O1–O43 template: check it against the official manual of the year."))
    Item.objects.bulk_create([Item(year=ay, code=code, title_th=title, group=group, generator=gen, order=i)
                              for i, (code, title, group, gen) in enumerate(DEFAULT_ITEMS, start=1)])
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=ay, verb="ita_year_created_from_default",
           changes={"items": len(DEFAULT_ITEMS)})
    return ay


@transaction.atomic
def year_copy(*, source: AssessmentYear, year: int, actor, province: Organization | None = None) -> AssessmentYear:
    """Copy last year's list (items only, not the evidence) into a new year, to be edited."""
    ay = _new_year(year=year, province=province, actor=actor, is_template=source.is_template,
                   note=_("Copied from the list of %(year)s.") % {"year": source.year})
    items = list(source.items.all())
    Item.objects.bulk_create([Item(year=ay, code=i.code, title_th=i.title_th, description=i.description,
                                   group=i.group, generator=i.generator, order=i.order) for i in items])
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=ay, verb="ita_year_copied", changes={
        "from": source.year, "items": len(items)})
    return ay


@transaction.atomic
def items_import(*, year: int, actor, name: str, data: bytes, province: Organization | None = None) -> AssessmentYear:
    """Load a year's list from XLSX/CSV. Every row is checked first; any error → nothing changes.

    An existing list is updated by code: items in the file are created or changed, items missing from the file
    are removed — unless evidence answers them (then the import is refused, naming them)."""
    _check_year(year)
    if not access.can_manage_list(actor, province.pk if province else None):
        raise PermissionDenied
    rows = importing.parse(name, data)
    ay = AssessmentYear.objects.select_for_update().filter(year=year, province=province).first()
    if ay is None:
        ay = AssessmentYear.objects.create(year=year, province=province)
    existing = {i.code: i for i in ay.items.all()}
    codes = {r.code for r in rows}
    gone = [i for code, i in existing.items() if code not in codes]
    answered = set(Evidence.objects.filter(item__in=gone).values_list("item__code", flat=True).distinct())
    if answered:
        raise ValidationError(_("These items are answered by evidence and are not in the file: %(codes)s. Keep them "
                                "in the file or remove their evidence first.") % {"codes": ", ".join(sorted(answered))})
    Item.objects.filter(pk__in=[i.pk for i in gone]).delete()
    new, changed = [], []
    for order, r in enumerate(rows, start=1):
        item = existing.get(r.code)
        if item is None:
            new.append(Item(year=ay, code=r.code, title_th=r.title_th, description=r.description, group=r.group,
                            generator=r.generator, order=order))
        else:
            item.title_th, item.description, item.group, item.generator, item.order = (
                r.title_th, r.description, r.group, r.generator, order)
            changed.append(item)
    Item.objects.bulk_create(new)
    Item.objects.bulk_update(changed, ["title_th", "description", "group", "generator", "order"])
    ay.is_template = False
    ay.note = _("Imported from %(name)s.") % {"name": name[-100:]}
    ay.save(update_fields=["is_template", "note", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.IMPORT, obj=ay, verb="ita_items_imported",
           changes={"file": name[-100:], "new": len(new), "changed": len(changed), "removed": len(gone)})
    return ay


def year_for(org: Organization, year: int) -> AssessmentYear | None:
    """The list that applies to ``org`` in ``year``: its province's own list, else the national one."""
    rows = list(AssessmentYear.objects.filter(Q(province__isnull=True) | Q(province_id=org.province_id), year=year))
    rows.sort(key=lambda r: r.province_id is None)
    return rows[0] if rows else None


def _check_item(org: Organization, item: Item) -> None:
    ay = item.year
    if ay.province_id and ay.province_id != org.province_id:
        raise ValidationError(_("This item belongs to another province's list."))
    if year_for(org, ay.year) != ay:
        raise ValidationError(_("This item is not in the list that applies to this organization."))


@uploads.atomic_with_files
def evidence_add(*, org: Organization, item: Item, actor, kind: str, title: str = "", upload=None, post=None,
                 generator: str = "", owner=None, due_on: dt.date | None = None, info_category: str = "") -> Evidence:
    """Answer ``item`` for ``org`` with an uploaded document, a portal post of the same province, or a generated
    page (only for items that allow one). The evidence starts as a draft."""
    if not access.can_answer(actor, org):
        raise PermissionDenied
    _check_item(org, item)
    ev = Evidence(organization=org, province_id=org.province_id, item=item, kind=kind, title=title.strip()[:300],
                  owner=owner or actor, due_on=due_on, created_by=actor)
    if info_category:
        if info_category not in InfoCategory.values:
            raise ValidationError(_("Unknown category of the information centre."))
        ev.info_category = info_category
    if kind == Evidence.Kind.UPLOAD:
        if upload is None:
            raise ValidationError(_("Choose a file to upload."))
        ev.content_type = uploads.content_type(upload, allowed=EVIDENCE_TYPES, refused=_(
            "Only PDF, DOCX and XLSX documents are accepted (checked by content)."))
        ev.filename = (getattr(upload, "name", "") or "document")[-200:]
        ev.file.save(ev.filename, upload, save=False)
        ev.title = ev.title or ev.filename
    elif kind == Evidence.Kind.LINK:
        if post is None:
            raise ValidationError(_("Choose a post of the website."))
        if post.site.province_id != org.province_id:
            raise ValidationError(_("The post must be on this province's website."))
        ev.post = post
        ev.title = ev.title or post.title
    elif kind == Evidence.Kind.GENERATED:
        gen = generator or item.generator
        if not item.generator or gen != item.generator:
            raise ValidationError(_("No generated page answers this item."))
        ev.generator = gen
        ev.title = ev.title or item.get_generator_display()
    else:
        raise ValidationError(_("Unknown kind of evidence."))
    ev.save()
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=ev, verb="ita_evidence_added", organization=org,
           changes={"item": item.code, "kind": kind})
    return ev


def evidence_publish(*, evidence: Evidence, actor) -> Evidence:
    if not access.can_answer(actor, evidence.organization):
        raise PermissionDenied
    evidence.published_at = timezone.now()
    return workflow.transition(evidence, Evidence.Status.PUBLISHED, actor=actor, verb="ita_evidence_published",
                               fields=["published_at"], organization=evidence.organization,
                               refused=_("This evidence is already published."))


def evidence_unpublish(*, evidence: Evidence, actor) -> Evidence:
    if not access.can_answer(actor, evidence.organization):
        raise PermissionDenied
    return workflow.transition(evidence, Evidence.Status.DRAFT, actor=actor, verb="ita_evidence_unpublished",
                               organization=evidence.organization, refused=_("This evidence is not published."))


@uploads.atomic_with_files
def snapshot_freeze(*, evidence: Evidence, actor, fiscal_year: int | None = None):
    """Freeze a generated page as a PDF now; the item page then offers the frozen copy beside the live page."""
    from django.core.files.base import ContentFile

    from salaklang.core.links import absolute_url
    from salaklang.documents.pdf import render_pdf
    from salaklang.openinfo import queries
    from salaklang.openinfo.models import Snapshot

    if not access.can_answer(actor, evidence.organization):
        raise PermissionDenied
    if evidence.kind != Evidence.Kind.GENERATED:
        raise ValidationError(_("Only a generated page can be frozen."))
    item = evidence.item
    fy = int(fiscal_year or item.year.year)
    _check_year(fy)
    org = evidence.organization
    data = queries.generated(org, evidence.generator, fy)
    pdf = render_pdf("openinfo/snapshot_pdf.html", {
        "org": org, "item": item, "ay": item.year, "fy": fy, "generated": data,
        "page_url": absolute_url(queries.item_url(org, item))})
    snap = Snapshot(evidence=evidence, fiscal_year=fy, taken_by=actor)
    snap.file.save(f"ita-{item.year.year}-{org.code}-{item.code}.pdf", ContentFile(pdf), save=False)
    snap.save()
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=evidence, verb="ita_evidence_frozen", organization=org,
           changes={"snapshot": snap.pk, "fiscal_year": fy})
    return snap


REMINDER_OFFSETS = {"d7": 7, "d1": 1}


@transaction.atomic
def send_due_reminders(now: dt.datetime | None = None) -> int:
    """The periodic job: a "7 days" reminder once when the due date is 2 to 7 days away, a "1 day" one once when it
    is today or tomorrow (never both in one run; a due date set less than 7 days ahead still gets the first), to
    the owner (one notification per owner listing the items) — for an item assigned on the board while it has no published evidence, and for draft
    evidence with its own owner and due date when no assignment covers its item. Returns the number of rows
    reminded."""
    from collections import defaultdict

    from salaklang.core.links import absolute_url
    from salaklang.notifications.services import notify
    from salaklang.openinfo.models import Assignment, ReminderLog

    today = timezone.localdate(now or timezone.now())
    window = (today, today + dt.timedelta(days=REMINDER_OFFSETS["d7"]))

    def kind_for(due_on: dt.date) -> str:
        """"d1" when the due date is today or tomorrow, "d7" when it is 2 to 7 days away: one kind per run."""
        return "d1" if (due_on - today).days <= REMINDER_OFFSETS["d1"] else "d7"

    assigned = list(Assignment.objects.select_for_update(of=("self",)).filter(
        due_on__range=window, owner__isnull=False, owner__is_active=True)
        .select_related("owner", "organization", "item__year"))
    published = set(Evidence.objects.filter(
        status=Evidence.Status.PUBLISHED, organization__in={a.organization_id for a in assigned},
        item__in={a.item_id for a in assigned}).values_list("organization_id", "item_id"))
    logged_a = set(ReminderLog.objects.filter(assignment__in=assigned).values_list("assignment_id", "kind", "due_on"))
    todo_a = [(a, kind_for(a.due_on)) for a in assigned if (a.organization_id, a.item_id) not in published
              and (a.pk, kind_for(a.due_on), a.due_on) not in logged_a]
    rows = list(Evidence.objects.select_for_update(of=("self",)).filter(
        status=Evidence.Status.DRAFT, due_on__range=window, owner__isnull=False, owner__is_active=True)
        .select_related("owner", "organization", "item__year"))
    covered = set(Assignment.objects.filter(organization__in={e.organization_id for e in rows},
                                            item__in={e.item_id for e in rows}).values_list("organization_id",
                                                                                            "item_id"))
    logged = set(ReminderLog.objects.filter(evidence__in=rows).values_list("evidence_id", "kind"))
    todo = [(ev, kind_for(ev.due_on)) for ev in rows if (ev.pk, kind_for(ev.due_on)) not in logged
            and (ev.organization_id, ev.item_id) not in covered]
    if not todo and not todo_a:
        return 0
    ReminderLog.objects.bulk_create([ReminderLog(evidence=ev, kind=kind) for ev, kind in todo]
                                    + [ReminderLog(assignment=a, kind=kind, due_on=a.due_on) for a, kind in todo_a])
    by_owner = defaultdict(list)
    for row, _kind in [*todo_a, *todo]:
        by_owner[row.owner].append(row)
    for owner, evs in by_owner.items():
        lines = [f"{e.organization.name_th}: {e.item.code} {e.item.title_th} ({thai.display_date(e.due_on)})"
                 for e in evs]
        first = evs[0]
        notify(recipients=[owner], kind="openinfo_due",
               title=_("ITA items due soon: %(n)s item(s) not yet published") % {"n": len(evs)},
               body="\n".join(lines),
               url=absolute_url(reverse("openinfo:answer", args=[first.organization.code, first.item.year.year])))
    return len(todo) + len(todo_a)


# --- owners and due dates (before any evidence) ------------------------------------------------------------------
def assignable_people(org: Organization):
    """Active people of the organization or of its province's office (the strategy staff), by name."""
    from salaklang.accounts.models import User
    from salaklang.organizations.models import Membership

    ids = Membership.objects.filter(Q(organization=org) | Q(organization_id=org.province_id), is_active=True,
                                    user__is_active=True).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("first_name", "last_name", "pk")


def assignments_of(org: Organization, ay: AssessmentYear):
    from salaklang.openinfo.models import Assignment

    return Assignment.objects.filter(organization=org, item__year=ay).select_related("owner")


@transaction.atomic
def assign(*, org: Organization, items: list[Item], owner, due_on: dt.date | None, actor) -> int:
    """Set the owner and due date of ``items`` for ``org`` (one row per organization × item, created or changed),
    audited per item. The hourly job reminds the owner before the due date while the item has no published
    evidence."""
    from salaklang.audit.services import record_many
    from salaklang.openinfo.models import Assignment

    if not access.can_assign(actor, org):
        raise PermissionDenied
    if not items:
        raise ValidationError(_("Choose at least one item."))
    if owner is None and due_on is None:
        raise ValidationError(_("Choose an owner or a due date."))
    for ay in {i.year for i in items}:
        probe = next(i for i in items if i.year == ay)
        _check_item(org, probe)
    if owner is not None and not assignable_people(org).filter(pk=owner.pk).exists():
        raise ValidationError(_("The owner must be a member of this organization or of the province's office."))
    Organization.objects.select_for_update().filter(pk=org.pk).first()  # one writer per organization
    existing = {a.item_id: a for a in Assignment.objects.filter(organization=org, item__in=items)}
    new, changed, audit = [], [], []
    for item in items:
        a = existing.get(item.pk)
        if a is None:
            a = Assignment(organization=org, province_id=org.province_id, item=item, owner=owner, due_on=due_on,
                           assigned_by=actor)
            new.append(a)
            before = {"owner": None, "due_on": None}
        else:
            before = {"owner": a.owner_id, "due_on": a.due_on}
            if owner is not None:
                a.owner = owner
            if due_on is not None:
                a.due_on = due_on
            a.assigned_by = actor
            a.updated_at = timezone.now()
            changed.append(a)
        audit.append((a, {"item": item.code, "owner": [before["owner"], a.owner_id],
                          "due_on": [before["due_on"], a.due_on]}))
    Assignment.objects.bulk_create(new)
    Assignment.objects.bulk_update(changed, ["owner", "due_on", "assigned_by", "updated_at"])
    for a in audit:
        a[0].organization = org
    record_many(actor=actor, action=AuditEntry.Action.UPDATE, verb="ita_item_assigned", items=audit)
    newly = [a for a, changes in audit if owner is not None and changes["owner"][0] != owner.pk]
    if newly and owner.pk != getattr(actor, "pk", None):
        _notify_new_owner(org=org, owner=owner, assignments=newly, actor=actor)
    return len(items)


def _notify_new_owner(*, org: Organization, owner, assignments: list, actor) -> None:
    """One notice to a newly assigned owner listing the items (and their due dates), linking to the answer page.
    Written in the platform's language (Thai, B.E. dates) like the reminders the job sends, whatever the language of
    the person who assigns."""
    from django.conf import settings
    from django.utils import translation

    from salaklang.core.links import absolute_url
    from salaklang.notifications.services import notify

    year = assignments[0].item.year.year
    with translation.override(settings.LANGUAGE_CODE):
        lines = []
        for a in assignments:
            line = f"{a.item.code} {a.item.title_th}"
            if a.due_on:
                line += " · " + _("due %(date)s") % {"date": thai.display_date(a.due_on)}
            lines.append(line)
        title = _("You answer %(n)s ITA %(year)s item(s) for %(org)s") % {
            "n": len(assignments), "year": year, "org": org.name}
    notify(recipients=[owner], kind="openinfo_assigned", actor=actor, title=title, body="\n".join(lines),
           url=absolute_url(reverse("openinfo:answer", args=[org.code, year])))
