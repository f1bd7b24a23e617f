"""What is searchable: one ``Kind`` per kind of object — how to build its index row, and who may see it.

Who may see an object is never re-implemented here: ``visible(user)`` returns the owning app's own queryset of
what ``user`` may open (``calls.access.visible_proposals`` …), which the engine uses as a SQL sub-query on
the index. The portal has no such queryset, so ``visible_posts`` below builds it from ``portal.access`` and
``Post.objects.public()`` exactly as ``access_post`` decides (the permission tests check every hit against
``access_post``).

Personal data is never indexed: complaints are indexed by code, subject, description, category and district
(never the complainant's name, e-mail, telephone or address); proposals without their contact person;
people by name, position and organizations only (staff searching staff).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salaklang.core import thai
from salaklang.search.normalize import thai_digits_to_arabic


@dataclass
class Kind:
    name: str
    label: object  # lazy translated name
    model_label: str  # "calls.proposal"
    queryset: Callable[[], QuerySet]  # objects to index, with what build() reads loaded
    build: Callable[[object], dict | None]  # None: not indexed (e.g. an unpublished ITA page)
    visible: Callable[[object], QuerySet | None]  # the objects the user may open; None: none of them
    staff_only: bool = False
    # Audit object types whose change re-indexes an object of this kind: {"agendas.meetingitem": "meeting_id"}
    children: dict[str, str] = field(default_factory=dict)
    # Storage names of the attached files build() reads the text of (loaded in one query per batch).
    files: Callable[[object], Iterable[str]] | None = None
    # The model field whose choice value build() stores as ``label`` (e.g. "status"): the index keeps the value,
    # and the label shown is translated at render time into the reader's language (label_display()).
    label_field: str = ""

    def label_display(self, stored: str) -> str:
        """The label of an index row in the current language: a choice value of ``label_field`` becomes its
        translated label; anything else (a document number, a complaint code) is shown as stored."""
        if not stored or not self.label_field:
            return stored
        choices = dict(self.model._meta.get_field(self.label_field).flatchoices)
        return str(choices.get(stored, stored))

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_label)


REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    REGISTRY[kind.name] = kind
    return kind


def _fy(date) -> int | None:
    if date is None:
        return None
    return thai.fiscal_year(date).be


def _as_dt(value) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time(12)))


_URL_TEMPLATES: dict[tuple[str, int], str | None] = {}
_SAFE_ARG = re.compile(r"[A-Za-z0-9_-]+")


def url(viewname: str, *args) -> str:
    """``reverse(viewname, args=args)`` without resolving the pattern for every object of a reindex: the URL is
    reversed once with marker numbers, then filled in (integer and plain code arguments only; anything else, or a
    template that does not give back what ``reverse`` gives, falls back to ``reverse``)."""
    key = (viewname, len(args))
    template = _URL_TEMPLATES.get(key, "")
    if template == "":
        try:
            marked = reverse(viewname, args=[987650001 + i for i in range(len(args))])
            template = marked
            for i in range(len(args)):
                template = template.replace(str(987650001 + i), "{%d}" % i)  # noqa: UP031
        except Exception:
            template = None
        _URL_TEMPLATES[key] = template
        if template is not None and template.format(*args) != reverse(viewname, args=list(args)):
            _URL_TEMPLATES[key] = template = None
    if template is None or not all(isinstance(a, int) or (isinstance(a, str) and _SAFE_ARG.fullmatch(a))
                                   for a in args):
        return reverse(viewname, args=list(args))
    return template.format(*args)


def _join(*parts: Iterable[str] | str | None) -> str:
    out = []
    for part in parts:
        if not part:
            continue
        if isinstance(part, str):
            out.append(part)
        else:
            out.extend(p for p in part if p)
    return "\n".join(out)


# Where one block of HTML ends and the next begins (paragraphs, line breaks, list items, headings, cells …):
# ``strip_tags`` alone would run <p>…ทะเล</p><p>ภูเขา…</p> together as one word "…ทะเลภูเขา…".
_BLOCK_EDGE = re.compile(r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|figcaption|figure|pre|section|"
                         r"article|dt|dd)|br|hr)\b[^>]*>", re.IGNORECASE)


def html_text(value: str | None) -> str:
    """The text of stored HTML, one line per block."""
    if not value:
        return ""
    return html_lib.unescape(strip_tags(_BLOCK_EDGE.sub("\n", value)))



def offered_to(kind: Kind, user) -> bool:
    """A staff-only kind is offered as a filter, and queried, only for staff accounts: anonymous visitors and
    citizens could open none of its objects (their ``visible`` querysets are empty)."""
    if not kind.staff_only:
        return True
    return bool(getattr(user, "is_authenticated", False)) and not getattr(user, "is_citizen", False)

# --- portal posts ------------------------------------------------------------------------------
def visible_posts(user):
    from salaklang.organizations.access import roles_of
    from salaklang.organizations.models import Role
    from salaklang.portal.models import Post

    q = Q(pk__in=Post.objects.public().values("pk"))
    if getattr(user, "is_authenticated", False):
        roles = roles_of(user)
        if roles.is_national_admin:
            return Post.objects.all()
        editor_orgs = {g.organization_id for g in roles.grants if g.role == Role.PORTAL_EDITOR}
        # Site editors: strategy staff of the province, portal editors of the province or of the site's office.
        q |= Q(site__province_id__in=roles.admin_province_ids)
        q |= Q(site__province_id__in=editor_orgs) | Q(site__office_id__in=editor_orgs)
        # Section editors: their own organization's section, in their province's site.
        for g in roles.grants:
            if g.role == Role.PORTAL_EDITOR:
                q |= Q(organization_id=g.organization_id, site__province_id=g.province_id)
    return Post.objects.filter(q)


def _post_qs():
    from salaklang.portal.models import Attachment, Photo, Post

    return Post.objects.select_related("site__province", "organization").prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
        Prefetch("photos", queryset=Photo.objects.order_by("sort_order", "id").only("id", "post_id", "caption")))


def _post_doc(post) -> dict:
    from salaklang.search.extract import attachment_text

    files = [_join(a.filename, a.description, attachment_text(a.file, a.content_type)) for a in post.attachments.all()]
    date = post.publish_at or post.created_at
    return {"title": post.title or str(_("(untitled)")), "label": post.kind,
            # Photo captions of albums too (photo_add/photo_update audit the post, so they re-index it).
            "body": _join(post.summary, post.number, post.venue, html_text(post.body),
                          [p.caption for p in post.photos.all()], files),
            "organization_id": post.organization_id, "province_id": post.site.province_id,
            "fiscal_year": _fy(date), "date": date,
            "url": url("portal:post", post.site.province.code, post.pk)}


register(Kind("post", _("Website post"), "portal.post", _post_qs, _post_doc, visible_posts,
              children={"portal.attachment": "post_id"}, label_field="kind", files=lambda post: [a.file.name for a in post.attachments.all()]))


# --- calls and proposals ---------------------------------------------------------------------
def _call_doc(call) -> dict:
    date = call.published_at or call.created_at
    return {"title": call.title, "label": call.document_number,
            "body": _join(call.subject, call.body, call.references, call.enclosures, call.signatory_position),
            "organization_id": call.issuer_id,
            "province_id": call.issuer_id if call.issuer.kind == "province" else call.issuer.province_id,
            "fiscal_year": call.fiscal_year, "date": date, "url": url("calls:detail", call.pk)}


def _visible_calls(user):
    from salaklang.calls.access import visible_calls

    return visible_calls(user)


def _call_qs():
    from salaklang.calls.models import Call

    return Call.objects.select_related("issuer")


register(Kind("call", _("Call for proposals"), "calls.call", _call_qs, _call_doc, _visible_calls, staff_only=True))


def _proposal_doc(p) -> dict:
    results = [str(r.get("indicator", "")) + " " + str(r.get("target", "")) for r in (p.results or [])
               if isinstance(r, dict)]
    date = p.submitted_at or p.updated_at
    return {"title": p.title, "label": p.status,
            "body": _join(p.category, p.background, p.objectives, p.target_group, p.novelty, p.resources,
                          p.sustainability, results),
            "organization_id": p.organization_id, "province_id": p.organization.province_id,
            "fiscal_year": p.call.fiscal_year, "date": date, "url": url("calls:proposal", p.pk)}


def _visible_proposals(user):
    from salaklang.calls.access import visible_proposals

    return visible_proposals(user)


def _proposal_qs():
    from salaklang.calls.models import Proposal

    return Proposal.objects.select_related("organization", "call")


register(Kind("proposal", _("Proposal"), "calls.proposal", _proposal_qs, _proposal_doc, _visible_proposals,
              staff_only=True, children={"calls.proposalattachment": "proposal_id"}, label_field="status"))


# --- agendas and meetings ------------------------------------------------------------------
def _agenda_qs():
    from salaklang.agendas.models import Agenda

    return Agenda.objects.all()


def _agenda_doc(a) -> dict:
    return {"title": a.title, "label": a.status, "body": _join(a.problem, a.area, a.evidence),
            "organization_id": a.proposed_by_id or a.province_id, "province_id": a.province_id,
            "fiscal_year": a.fiscal_year, "date": a.created_at, "url": url("agendas:detail", a.pk)}


def _visible_agendas(user):
    from salaklang.agendas.access import visible_agendas

    return visible_agendas(user)


register(Kind("agenda", _("Agenda"), "agendas.agenda", _agenda_qs, _agenda_doc, _visible_agendas, staff_only=True,
              label_field="status"))


def _meeting_qs():
    from salaklang.agendas.models import Meeting, MeetingItem

    return Meeting.objects.select_related("committee").prefetch_related(
        Prefetch("items", queryset=MeetingItem.objects.order_by("section", "sort_order", "id")))


def meeting_title(title: str, number: str) -> str:
    """The meeting's result title: its title, with its number (ครั้งที่ 1/2571) added only when the title does
    not say it already (in either digit form)."""
    title, number = (title or "").strip(), (number or "").strip()
    said = re.search(r"(?<![0-9])" + re.escape(thai_digits_to_arabic(number)) + r"(?![0-9])",
                     thai_digits_to_arabic(title)) if number else None
    if not number or said:
        return title or number
    return f"{title} {number}" if title else number


def _meeting_doc(m) -> dict:
    approved = m.minutes_status == m.MinutesStatus.APPROVED
    items = []
    for item in m.items.all():
        items.append(item.title)
        if approved:  # the discussion and resolutions are searchable once the minutes are approved
            items += [item.discussion, item.resolution]
    return {"title": meeting_title(m.title, m.number), "label": m.status,
            "body": _join(str(m.committee), m.venue, m.minutes_opening if approved else "", items),
            "organization_id": m.province_id, "province_id": m.province_id, "fiscal_year": _fy(m.date),
            "date": _as_dt(m.date), "url": url("agendas:meeting", m.pk)}


def _visible_meetings(user):
    from salaklang.agendas.access import visible_meetings

    return visible_meetings(user)


register(Kind("meeting", _("Meeting"), "agendas.meeting", _meeting_qs, _meeting_doc, _visible_meetings,
              staff_only=True, children={"agendas.meetingitem": "meeting_id"}, label_field="status"))


# --- plans and indicators ------------------------------------------------------------------
def _plan_qs():
    from salaklang.plans.models import Plan

    return Plan.objects.prefetch_related("activities", "indicators")


def _plan_doc(p) -> dict:
    return {"title": p.title, "label": p.status,
            "body": _join(p.objective, [a.title for a in p.activities.all()],
                          [a.description for a in p.activities.all()], [i.name for i in p.indicators.all()]),
            "organization_id": p.province_id, "province_id": p.province_id, "fiscal_year": p.fiscal_year_from,
            "date": p.activated_at or p.created_at, "url": url("plans:detail", p.pk)}


def _visible_plans(user):
    from salaklang.plans.access import visible_plans

    return visible_plans(user)


register(Kind("plan", _("Action plan"), "plans.plan", _plan_qs, _plan_doc, _visible_plans, staff_only=True,
              children={"plans.activity": "plan_id", "plans.indicator": "plan_id"}, label_field="status"))


# --- consultations (with their visible comments) ---------------------------------------------
def _consultation_qs():
    from salaklang.participation.models import Comment, Consultation

    return Consultation.objects.prefetch_related(
        "questions", Prefetch("comments", queryset=Comment.objects.filter(status=Comment.Status.VISIBLE)
                              .order_by("id"), to_attr="visible_comments"))


def _consultation_doc(c) -> dict:
    date = c.published_at or c.created_at
    return {"title": c.title, "label": c.status,
            "body": _join(c.summary, c.background, c.link_title, [q.text for q in c.questions.all()],
                          c.what_we_heard, c.what_we_did, [x.body for x in c.visible_comments]),
            "organization_id": c.province_id, "province_id": c.province_id, "fiscal_year": _fy(date),
            "date": date, "url": url("participation:detail", c.pk)}


def _visible_consultations(user):
    from salaklang.participation.access import visible_consultations

    return visible_consultations(user)


register(Kind("consultation", _("Consultation"), "participation.consultation", _consultation_qs, _consultation_doc,
              _visible_consultations, children={"participation.comment": "consultation_id",
                                                "participation.question": "consultation_id"},
              label_field="status"))


# --- complaints (no personal data indexed) -------------------------------------------------
def _complaint_qs():
    from salaklang.complaints.models import Complaint

    # Only what the index row reads (2 million complaints nationally: the other columns are most of each row).
    return Complaint.objects.select_related("category").only(
        "code", "subject", "description", "category__name_th", "district_name", "subdistrict", "agency_id",
        "province_id", "received_at")


def _complaint_doc(c) -> dict:
    return {"title": f"{c.subject}", "label": c.code,
            "body": _join(c.code, c.description, c.category.name_th if c.category_id else "", c.district_name,
                          c.subdistrict),
            "organization_id": c.agency_id or c.province_id, "province_id": c.province_id,
            "fiscal_year": _fy(c.received_at), "date": c.received_at,
            "url": url("complaints:detail", c.pk)}


def _visible_complaints(user):
    from salaklang.complaints.access import visible_complaints

    return visible_complaints(user)


register(Kind("complaint", _("Complaint"), "complaints.complaint", _complaint_qs, _complaint_doc,
              _visible_complaints, staff_only=True))


# --- organizations and people (staff only) --------------------------------------------------
def _org_qs():
    from salaklang.organizations.models import Organization

    return Organization.objects.all()


def _org_doc(o) -> dict:
    return {"title": o.name_th, "label": o.get_kind_display(), "body": _join(o.name_en, o.short_name, o.code),
            "organization_id": o.pk, "province_id": o.pk if o.kind == "province" else o.province_id,
            "fiscal_year": None, "date": None, "url": url("organizations:detail", o.pk)}


def _visible_orgs(user):
    from salaklang.organizations.access import visible_organizations

    return visible_organizations(user)


register(Kind("organization", pgettext_lazy("search kind", "Organization"), "organizations.organization", _org_qs, _org_doc, _visible_orgs,
              staff_only=True))


def _person_qs():
    from salaklang.accounts.models import User
    from salaklang.organizations.models import Membership

    return User.objects.filter(kind=User.Kind.STAFF).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.filter(is_active=True).select_related("organization")))


def _person_doc(u) -> dict | None:
    if getattr(u, "kind", "staff") != "staff":
        return None
    ms = list(u.memberships.all())
    first = ms[0].organization if ms else None
    return {"title": u.full_name or u.username, "label": u.position_title,
            "body": _join(u.full_name_en, u.username, u.position_title, [m.organization.name_th for m in ms]),
            "organization_id": first.pk if first else None,
            "province_id": (first.pk if first.kind == "province" else first.province_id) if first else None,
            "fiscal_year": None, "date": None, "url": url("organizations:person", u.pk)}


def _visible_people(user):
    from salaklang.organizations.access import visible_people

    return visible_people(user)


register(Kind("person", _("Person"), "accounts.user", _person_qs, _person_doc, _visible_people, staff_only=True,
              children={"organizations.membership": "user_id"}))


# --- ITA evidence pages (published ones: public) -------------------------------------------
def _evidence_qs():
    from salaklang.openinfo.models import Evidence

    return Evidence.objects.select_related("organization", "item__year")


def _evidence_doc(e) -> dict | None:
    if e.status != e.Status.PUBLISHED:
        return None
    from salaklang.search.extract import attachment_text

    item = e.item
    return {"title": e.title or item.title_th, "label": f"ITA {item.code}",
            "body": _join(item.code, item.title_th, item.description, e.filename,
                          attachment_text(e.file, e.content_type) if e.file else ""),
            "organization_id": e.organization_id, "province_id": e.province_id, "fiscal_year": item.year.year,
            "date": e.published_at or e.updated_at,
            "url": url("openinfo:item", e.organization.code, item.year.year, item.code)}


def _visible_evidence(user):
    from salaklang.openinfo.models import Evidence

    return Evidence.objects.filter(status=Evidence.Status.PUBLISHED)


register(Kind("evidence", _("ITA evidence"), "openinfo.evidence", _evidence_qs, _evidence_doc, _visible_evidence,
              files=lambda e: [e.file.name] if e.file and e.status == e.Status.PUBLISHED else []))


KIND_BY_MODEL = {k.model_label: k for k in REGISTRY.values()}
CHILD_TYPES = {child: (k, attr) for k in REGISTRY.values() for child, attr in k.children.items()}
