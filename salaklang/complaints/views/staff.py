"""Staff complaint pages: inbox, case page (identity audited), routing, handling, staff intake, data requests.

Each view: access check (404 outside one's province/agency) → form → service → redirect.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from salaklang.complaints import access, queries
from salaklang.complaints.forms import (
    POINT_HELP,
    AssignForm,
    AttachForm,
    DataRequestAnswerForm,
    ExtendForm,
    InboxFilterForm,
    MergeForm,
    NoteForm,
    SplitForm,
    StaffComplaintForm,
    TransitionForm,
)
from salaklang.complaints.models import Category, CategoryRoute, Complaint, ComplaintAttachment, DataRequest
from salaklang.complaints.services import codes as codes_services
from salaklang.complaints.services import handling as handling_services
from salaklang.complaints.services import intake as intake_services
from salaklang.complaints.services import privacy
from salaklang.complaints.services import routing as routing_services
from salaklang.complaints.views.limits import PAGE_SIZE
from salaklang.core.forms import errors_to_form
from salaklang.core.pagination import KeysFirstPaginator
from salaklang.core.services import show_refusal
from salaklang.organizations.models import Organization


def _require_staff(user) -> None:
    if not access.is_complaint_staff(user):
        raise Http404


@require_GET
def inbox(request):
    _require_staff(request.user)
    centre = access.centre_province_ids(request.user)
    form = InboxFilterForm(request.GET or None, centre_province_ids=centre)
    filters = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {"status": d.get("status") or "", "category": d.get("category"), "overdue": d.get("overdue"),
                   "agency": d.get("agency"),
                   "code": codes_services.normalize_code(d.get("code") or "") if d.get("code") else ""}
    qs = queries.inbox(request.user, **filters)
    # keys first: on SQLite the joined, ordered, limited query was planned from the category table and sorted every
    # complaint of the province (docs/decisions/platform.md)
    page = KeysFirstPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/inbox.html", {
        "form": form, "page": page, "today": timezone.localdate(),
        "is_centre": bool(centre),
        "data_requests_open": access.visible_data_requests(request.user).filter(
            status=DataRequest.Status.OPEN).count() if centre else 0,
    })


def _detail_context(request, c: Complaint, **forms) -> dict:
    user = request.user
    can_route, can_handle = access.can_route(user, c), access.can_handle(user, c)
    see_identity = access.can_see_identity(user, c)
    if see_identity and not c.is_anonymous and (c.contact_name or c.contact_email or c.contact_phone or c.user_id):
        privacy.record_personal_view(complaint=c, actor=user)
    open_ = c.is_open
    return {
        "c": c, "today": timezone.localdate(), "see_identity": see_identity,
        "can_route": can_route and open_, "can_handle": can_handle and open_,
        "events": list(c.events.select_related("actor", "on_behalf_of", "organization").order_by("at", "pk")),
        "attachments": list(c.attachments.all()),
        "children": list(c.children.select_related("agency").order_by("pk")),
        "duplicates": list(c.duplicates.only("pk", "code").order_by("pk")),
        "extensions": list(c.extensions.all()),
        "assign_form": forms.get("assign_form") or AssignForm(province_id=c.province_id,
                                                              initial={"organization": c.agency_id}),
        "split_form": forms.get("split_form") or SplitForm(province_id=c.province_id),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "transition_form": forms.get("transition_form") or TransitionForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "extend_form": forms.get("extend_form") or ExtendForm(
            initial={"new_due": c.resolve_due + dt.timedelta(days=settings.COMPLAINTS_EXTENSION_DAYS)}),
        "attach_form": forms.get("attach_form") or AttachForm(),
    }


@require_GET
def detail(request, pk: int):
    c = access.access_complaint(request.user, pk)
    return render(request, "complaints/detail.html", _detail_context(request, c))


def _act(request, pk: int, form_class, key: str, action, *, route: bool = False, files: bool = False,
         success=""):
    c = access.access_complaint(request.user, pk)
    if (route and not access.can_route(request.user, c)) or (not route and not access.can_handle(request.user, c)):
        raise PermissionDenied
    kwargs = {"province_id": c.province_id} if form_class in (AssignForm, SplitForm) else {}
    form = form_class(request.POST, request.FILES if files else None, **kwargs)
    if form.is_valid():
        try:
            action(c, form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, success(c) if callable(success) else success)
            return redirect("complaints:detail", pk=c.pk)
    return render(request, "complaints/detail.html", _detail_context(request, c, **{key: form}), status=400)


@require_POST
def assign(request, pk: int):
    return _act(request, pk, AssignForm, "assign_form", lambda c, d: routing_services.complaint_assign(
        complaint=c, actor=request.user, organization=d["organization"], note=d["note"]),
        route=True, success=_("The complaint has been sent to the agency."))


@require_POST
def split(request, pk: int):
    return _act(request, pk, SplitForm, "split_form", lambda c, d: routing_services.complaint_split(
        complaint=c, actor=request.user, organizations=list(d["organizations"]), note=d["note"]),
        route=True, success=_("The complaint has been split; each agency has its own part."))


@require_POST
def merge(request, pk: int):
    def action(c, d):
        code = codes_services.normalize_code(d["into"])
        target = access.visible_complaints(request.user).filter(code=code, province_id=c.province_id).first()
        if target is None:
            raise ValidationError({"into": _("No complaint of this province has this tracking code.")})
        routing_services.complaint_merge(complaint=c, actor=request.user, into=target, note=d["note"])

    return _act(request, pk, MergeForm, "merge_form", action, route=True,
                success=_("The complaint has been merged; both keep their tracking codes."))


@require_POST
def transition(request, pk: int):
    return _act(request, pk, TransitionForm, "transition_form", lambda c, d: handling_services.complaint_transition(
        complaint=c, actor=request.user, status=d["status"], reason=d["reason"]),
        success=lambda c: _("The status has been updated and the complainant informed.") if (
            c.contact_email or c.user_id) else _("The status has been updated. The complainant left no way to be "
                                                 "reached: they see it on the public tracking page."))


@require_POST
def note(request, pk: int):
    return _act(request, pk, NoteForm, "note_form", lambda c, d: handling_services.complaint_note(
        complaint=c, actor=request.user, text=d["text"], is_public=d["is_public"]),
        success=_("The note has been added."))


@require_POST
def extend(request, pk: int):
    return _act(request, pk, ExtendForm, "extend_form", lambda c, d: handling_services.complaint_extend(
        complaint=c, actor=request.user, new_due=d["new_due"], reason=d["reason"]),
        success=_("The deadline has been extended."))


@require_POST
def attach(request, pk: int):
    return _act(request, pk, AttachForm, "attach_form", lambda c, d: handling_services.complaint_attach(
        complaint=c, actor=request.user, upload=d["file"], kind=d["kind"]), files=True,
        success=_("The file has been added."))


@require_GET
def attachment(request, pk: int, att_pk: int):
    c = access.access_complaint(request.user, pk)
    att = get_object_or_404(ComplaintAttachment, pk=att_pk, complaint=c)
    if att.kind == ComplaintAttachment.Kind.EVIDENCE:
        privacy.record_personal_view(complaint=c, actor=request.user, what="attachment")
    return FileResponse(att.file.open("rb"), content_type=att.content_type,
                        as_attachment=not att.is_image, filename=att.original_name or None)


# --- staff intake (the Damrongdhama centre) ---------------------------------------------------------
@require_http_methods(["GET", "POST"])
def staff_new(request):
    provinces = access.centre_province_ids(request.user)
    if not provinces:
        raise Http404
    province = Organization.objects.filter(pk__in=provinces).order_by("name_th").first()
    form = StaffComplaintForm(request.POST or None, request.FILES or None, province=province)
    form.fields["province"].queryset = Organization.objects.filter(pk__in=provinces)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        received_at = None
        if d.get("received_on") and d["received_on"] < timezone.localdate():
            received_at = timezone.make_aware(dt.datetime.combine(d["received_on"], dt.time(9, 0)))
        try:
            c = intake_services.complaint_submit(
                province=d["province"], category=d["category"], subject=d["subject"], description=d["description"],
                channel=d["channel"], actor=request.user, district=d.get("district"),
                district_name=d.get("district_name") or "", subdistrict=d.get("subdistrict") or "",
                address=d.get("address") or "", latitude=d.get("latitude"), longitude=d.get("longitude"),
                share_point=d.get("share_point"), anonymous=d.get("anonymous"),
                contact_name=d.get("contact_name") or "", contact_email=d.get("contact_email") or "",
                contact_phone=d.get("contact_phone") or "", consent_sensitive=d.get("consent_sensitive"),
                external_ref=d.get("external_ref") or "", received_at=received_at,
                attachments=d.get("files") or [])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Complaint %(code)s recorded. Give the complainant this tracking code.") % {
                "code": c.code})
            return redirect("complaints:detail", pk=c.pk)
    return render(request, "complaints/staff_form.html", {"form": form, "point_help": POINT_HELP},
                  status=400 if request.method == "POST" else 200)


# --- personal data requests -------------------------------------------------------------------------
@require_GET
def data_requests(request):
    if not access.centre_province_ids(request.user) and not request.user.is_superuser:
        raise Http404
    qs = access.visible_data_requests(request.user).select_related("complaint").order_by("status", "due", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/data_requests.html", {"page": page, "today": timezone.localdate()})


@require_http_methods(["GET", "POST"])
def data_request_detail(request, pk: int):
    req = access.access_data_request(request.user, pk)
    form = DataRequestAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy.data_request_handle(data_request=req, actor=request.user, status=form.cleaned_data["status"],
                                         response=form.cleaned_data["response"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The answer has been recorded and sent."))
            return redirect("complaints:data_requests")
    c = req.complaint
    personal = None
    if req.kind == DataRequest.Kind.ACCESS and not c.anonymised_at:
        privacy.record_personal_view(complaint=c, actor=request.user, what="data_request")
        personal = c
    return render(request, "complaints/data_request.html", {"req": req, "form": form, "personal": personal})


# --- category routes of a province ----------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def routes(request):
    """One select per category: the organization that gets its complaints in this province by default."""
    provinces = Organization.objects.filter(pk__in=access.route_province_ids(request.user)).order_by("name_th")
    province = provinces.filter(code=request.GET.get("province")).first() or provinces.first()
    if province is None:
        raise Http404
    categories = list(Category.objects.filter(is_active=True).order_by("position", "name_th"))
    organizations = list(Organization.objects.filter(province_id=province.pk, is_active=True).exclude(
        kind=Organization.Kind.PROVINCE).only("pk", "name_th", "name_en", "kind").order_by("kind", "name_th"))
    current = dict(CategoryRoute.objects.filter(province=province).values_list("category_id", "organization_id"))
    if request.method == "POST":
        wanted: dict[int, int | None] = {}
        for cat in categories:
            raw = request.POST.get(f"route-{cat.pk}", "")
            wanted[cat.pk] = int(raw) if raw.isdigit() else None
        try:
            changed = routing_services.routes_update(actor=request.user, province=province, routes=wanted)
        except ValidationError as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("%(n)s routes changed.") % {"n": changed})
            return redirect(f"{request.path}?province={province.code}")
    rows = [{"category": cat, "organization_id": current.get(cat.pk)} for cat in categories]
    return render(request, "complaints/routes.html", {
        "province": province, "provinces": provinces, "rows": rows, "organizations": organizations})
