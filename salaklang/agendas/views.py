"""Agendas, opinions and meetings: thin views (access → form → service → redirect/render)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salaklang.accounts.models import User
from salaklang.agendas import access, documents, ics, queries
from salaklang.agendas.forms import (
    AgendaFilterForm,
    AgendaForm,
    AttendanceForm,
    AttendeeAddForm,
    DelegateForm,
    HoldForm,
    ItemForm,
    MeetingFilterForm,
    MeetingForm,
    OpinionForm,
    OpinionRoundForm,
    PhotoForm,
    SelectionForm,
)
from salaklang.agendas.models import (
    Agenda,
    Attendee,
    MeetingPhoto,
    MinutesVersion,
    Opinion,
    OpinionRound,
)
from salaklang.agendas.services import agendas as agendas_services
from salaklang.agendas.services import meetings as meetings_services
from salaklang.agendas.services import minutes as minutes_services
from salaklang.agendas.services import opinions as opinions_services
from salaklang.agendas.services import photos as photos_services
from salaklang.agendas.services import selection
from salaklang.audit.services import timeline
from salaklang.core.forms import form_errors_text, render_form
from salaklang.core.links import absolute_url
from salaklang.core.services import run_service, show_refusal
from salaklang.core.thai import fiscal_year
from salaklang.documents.responses import document_response
from salaklang.organizations.models import Committee, Membership, Organization


def _gate(request) -> None:
    if not access.can_use_agendas(request.user):
        raise PermissionDenied


# --- agendas -------------------------------------------------------------------------------
def agenda_list(request):
    _gate(request)
    qs = access.visible_agendas(request.user)
    orgs = Organization.objects.filter(pk__in=qs.values("proposed_by_id")).order_by("name_th")
    form = AgendaFilterForm(request.GET or None, organizations=orgs)
    if form.is_valid():
        data = form.cleaned_data
        if data["fiscal_year"]:
            qs = qs.filter(fiscal_year=data["fiscal_year"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["proposed_by"]:
            qs = qs.filter(proposed_by=data["proposed_by"])
    qs = qs.select_related("proposed_by", "province").annotate(
        n_opinions=Count("opinions")).order_by("-fiscal_year", "status", "title", "pk")
    page = Paginator(qs, settings.PAGE_SIZES["lists"]).get_page(request.GET.get("page"))
    return render(request, "agendas/agenda_list.html", {
        "page": page, "filter_form": form, "provinces": access.provinces_for(request.user),
        "can_manage": bool(access.staff_province_ids(request.user)) or access.roles_of(request.user).is_superuser,
        "can_propose": access.proposing_orgs_for_any(request.user).exists()})


def agenda_create(request):
    _gate(request)
    orgs = access.proposing_orgs_for_any(request.user)
    if not orgs.exists():
        raise PermissionDenied
    form = AgendaForm(request.POST or None, organizations=orgs,
                      initial={"fiscal_year": fiscal_year(timezone.localdate()).be + 1})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        proposed_by = data.pop("proposed_by")
        province = Organization.objects.get(pk=proposed_by.province_id)
        if done := run_service(request, agendas_services.agenda_create, actor=request.user, province=province,
                               proposed_by=proposed_by, data=data, form=form):
            agenda = done.value
            messages.success(request, _("The agenda has been recorded.") if agenda.status == Agenda.Status.CANDIDATE
                             else _("The agenda has been sent to the strategy staff."))
            return redirect("agendas:detail", pk=agenda.pk)
    return render_form(request, "agendas/agenda_form.html", {"form": form, "title": _("New policy agenda")})


def _edit_page(request, form, service, *, name: str, obj, template: str, view: str):
    """An edit page of an agenda or a meeting: a valid POST goes through ``service(actor, <name>=obj, data)`` and
    back to ``view``; else the form (400 when it has errors)."""
    if request.method == "POST" and form.is_valid() and run_service(
            request, service, actor=request.user, data=form.cleaned_data, form=form,
            success=_("The changes have been saved."), **{name: obj}):
        return redirect(view, pk=obj.pk)
    return render_form(request, template, {"form": form, name: obj, "title": _("Edit %(title)s") % {"title": obj.title}})


def agenda_edit(request, pk: int):
    agenda = access.access_agenda(request.user, pk, for_write=True)
    return _edit_page(request, AgendaForm(request.POST or None, instance=agenda), agendas_services.agenda_update,
                      name="agenda", obj=agenda, template="agendas/agenda_form.html", view="agendas:detail")


def agenda_detail(request, pk: int):
    agenda = access.access_agenda(request.user, pk)
    can_manage = access.can_manage_agenda(request.user, agenda)
    see_all = can_manage or access.can_view_matrix(request.user, agenda.province_id)
    opinions = agenda.opinions.select_related("organization", "answered_by", "on_behalf_of").order_by(
        "organization__name_th")
    if not see_all:
        opinions = opinions.filter(organization_id__in=queries.answering_org_ids(request.user))
    return render(request, "agendas/agenda_detail.html", {
        "agenda": agenda, "can_manage": can_manage, "can_edit": access.can_edit_agenda(request.user, agenda),
        "opinions": opinions, "events": timeline(agenda),
        "items": agenda.meeting_items.select_related("meeting").order_by("meeting__date"),
        # the public consultations on this agenda (public pages: anyone may follow these links)
        "consultations": agenda.consultations.filter(status__in=["published", "responded"]).order_by("-opens_at")})


@require_POST
def agenda_transition(request, pk: int, action: str):
    agenda = access.access_agenda(request.user, pk)
    funcs = {"accept": agendas_services.agenda_accept, "withdraw": agendas_services.agenda_withdraw}
    if action not in funcs:
        raise Http404
    kwargs = {"reason": request.POST.get("reason", "")} if action == "withdraw" else {}
    run_service(request, funcs[action], success=_("Done."), actor=request.user, agenda=agenda, **kwargs)
    return redirect("agendas:detail", pk=pk)


# --- opinions ------------------------------------------------------------------------------
def round_list(request):
    _gate(request)
    rounds = queries.rounds_for(request.user).annotate(n_invited=Count("invitations")).order_by(
        "-fiscal_year", "province__name_th")
    page = Paginator(rounds, settings.PAGE_SIZES["lists"]).get_page(request.GET.get("page"))
    return render(request, "agendas/round_list.html", {
        "page": page, "can_open": bool(access.staff_province_ids(request.user))})


def round_create(request):
    provinces = Organization.objects.filter(pk__in=access.staff_province_ids(request.user))
    if not provinces.exists():
        raise PermissionDenied
    province = provinces.first() if provinces.count() == 1 else None
    agencies = Organization.objects.filter(province_id__in=provinces.values("pk"), kind=Organization.Kind.AGENCY,
                                           is_active=True).order_by("name_th")
    form = OpinionRoundForm(request.POST or None, provinces=provinces, agencies=agencies, initial={
        "province": province, "fiscal_year": fiscal_year(timezone.localdate()).be + 1,
        "due_date": timezone.localdate() + dt.timedelta(days=settings.AGENDAS_OPINION_DUE_DAYS)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if done := run_service(request, opinions_services.opinion_round_open, actor=request.user,
                               province=data["province"], fiscal_year=data["fiscal_year"], due_date=data["due_date"],
                               message=data["message"], organizations=list(data["organizations"]) or None, form=form,
                               success=_("The agencies have been asked for their opinion.")):
            return redirect("agendas:opinions", pk=done.value.pk)
    return render_form(request, "agendas/round_form.html", {"form": form})


def _access_round(user, pk: int) -> OpinionRound:
    try:
        return queries.rounds_for(user).get(pk=pk)
    except (OpinionRound.DoesNotExist, ValueError):
        raise Http404 from None


def round_detail(request, pk: int):
    """The matrix for strategy staff and executives; the agency's own answers otherwise."""
    rnd = _access_round(request.user, pk)
    my_orgs = list(rnd.invitations.filter(organization_id__in=queries.answering_org_ids(request.user))
                   .select_related("organization"))
    ctx = {"round": rnd, "my_invitations": my_orgs,
           "is_staff": access.can_manage_province(request.user, rnd.province_id),
           "positions": Opinion.Position.choices, "events": timeline(rnd),
           # the legend is made of the same labels and marks as the cells, so the two cannot disagree
           "legend": [(queries.POSITION_SHORT[k], label) for k, label in Opinion.Position.choices]}
    if access.can_view_matrix(request.user, rnd.province_id):
        ctx["matrix"] = queries.opinion_matrix(rnd, page=request.GET.get("page"))
        ctx["page"] = ctx["matrix"]["page"]
    return render(request, "agendas/round_detail.html", ctx)


@require_POST
def opinion_remind(request, pk: int):
    rnd = _access_round(request.user, pk)
    if not access.can_manage_province(request.user, rnd.province_id):
        raise PermissionDenied
    n = opinions_services.opinion_remind(actor=request.user, rnd=rnd)
    messages.success(request, _("%(n)s agencies reminded.") % {"n": n})
    return redirect("agendas:opinions", pk=pk)


def _not_asked(request, rnd: OpinionRound, reason: str, *, may_see_round: bool):
    """A clear page instead of a bare 404/403 for someone who followed a link meant for another agency."""
    back = reverse("agendas:opinions", args=[rnd.pk]) if may_see_round else reverse("core:dashboard")
    return render(request, "agendas/refused.html", {
        "reason": reason, "back": back,
        "hint": _("If your agency should give its opinion, ask the provincial strategy staff to add it to the "
                  "request.")}, status=403)


def opinion_answer(request, pk: int, org_pk: int):
    try:
        rnd = _access_round(request.user, pk)
    except Http404:
        # A link forwarded to an agency of the same province that was not asked: say so (other provinces: 404).
        rnd = OpinionRound.objects.select_related("province").filter(pk=pk).first()
        mine = queries.answering_org_ids(request.user)
        if rnd is None or not Organization.objects.filter(pk__in=mine, province_id=rnd.province_id).exists():
            raise
        return _not_asked(request, rnd, _("Your agency was not asked for its opinion on the candidate agendas of "
                                          "fiscal year %(fy)s of %(province)s.") % {
            "fy": rnd.fiscal_year, "province": rnd.province}, may_see_round=False)
    organization = get_object_or_404(Organization, pk=org_pk)
    if not rnd.invitations.filter(organization=organization).exists():
        reason = _("%(org)s was not asked for its opinion on the agendas of fiscal year %(fy)s.") % {
            "org": organization, "fy": rnd.fiscal_year}
        return _not_asked(request, rnd, reason, may_see_round=True)
    if not access.can_answer_for(request.user, organization.pk):
        return _not_asked(request, rnd, _("This link is for %(org)s; you do not give opinions on its behalf.") % {
            "org": organization}, may_see_round=True)
    agendas = list(Agenda.objects.filter(province_id=rnd.province_id, fiscal_year=rnd.fiscal_year,
                                         status=Agenda.Status.CANDIDATE).select_related("proposed_by").order_by("pk"))
    existing = {o.agenda_id: o for o in Opinion.objects.filter(agenda__in=agendas, organization=organization)}
    forms = []
    for a in agendas:
        o = existing.get(a.pk)
        initial = {"position": o.position, "reasoning": o.reasoning, "contribution": o.contribution} if o else {}
        forms.append((a, OpinionForm(request.POST or None, prefix=f"a{a.pk}", initial=initial)))
    if request.method == "POST" and all(f.is_valid() for _a, f in forms):
        saved = 0
        try:
            for a, f in forms:
                if f.cleaned_data["position"]:
                    opinions_services.opinion_record(actor=request.user, agenda=a, organization=organization,
                                            position=f.cleaned_data["position"], reasoning=f.cleaned_data["reasoning"],
                                            contribution=f.cleaned_data["contribution"])
                    saved += 1
        except ValidationError as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("%(n)s opinion(s) saved.") % {"n": saved})
            return redirect("agendas:opinions", pk=rnd.pk)
    return render(request, "agendas/opinion_form.html", {"round": rnd, "organization": organization, "forms": forms})


# --- meetings ------------------------------------------------------------------------------
def meeting_list(request):
    _gate(request)
    meetings = queries.meetings_for(request.user)
    committees = Committee.objects.filter(pk__in=access.visible_meetings(request.user).values("committee_id")) \
        .order_by("name_th")
    form = MeetingFilterForm(request.GET or None, committees=committees)
    if form.is_valid():
        if form.cleaned_data["status"]:
            meetings = meetings.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["committee"]:
            meetings = meetings.filter(committee=form.cleaned_data["committee"])
    page = Paginator(meetings, settings.PAGE_SIZES["lists"]).get_page(request.GET.get("page"))
    return render(request, "agendas/meeting_list.html", {
        "page": page, "filter_form": form, "can_create": bool(access.staff_province_ids(request.user))})


def _committees_for(user):
    ids = access.staff_province_ids(user)
    return Committee.objects.filter(Q(organization_id__in=ids) | Q(organization__province_id__in=ids),
                                    is_active=True).order_by("name_th")


def _province_people(province_id: int):
    members = Membership.objects.filter(organization__province_id=province_id, is_active=True).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("first_name", "last_name")


def meeting_create(request):
    committees = _committees_for(request.user)
    if not committees.exists():
        raise PermissionDenied
    province_ids = list(access.staff_province_ids(request.user))
    people = User.objects.filter(pk__in=Membership.objects.filter(
        organization__province_id__in=province_ids, is_active=True).values("user_id")).order_by("first_name")
    form = MeetingForm(request.POST or None, committees=committees, people=people)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        committee = data.pop("committee")
        if done := run_service(request, meetings_services.meeting_create, actor=request.user, committee=committee,
                               data=data, form=form):
            messages.success(request, _("The meeting has been created with the members of %(c)s as invitees.") % {
                "c": committee})
            return redirect("agendas:meeting", pk=done.value.pk)
    return render_form(request, "agendas/meeting_form.html", {"form": form, "title": _("New meeting")})


def meeting_edit(request, pk: int):
    meeting = access.access_meeting(request.user, pk, for_write=True)
    form = MeetingForm(request.POST or None, instance=meeting, people=_province_people(meeting.province_id))
    return _edit_page(request, form, meetings_services.meeting_update, name="meeting", obj=meeting,
                      template="agendas/meeting_form.html", view="agendas:meeting")


def _attendee_view(a: Attendee, user, principal_ids: list[int] | None) -> dict:
    """``principal_ids`` is None when nobody on the page may name a delegate here."""
    row = {"a": a, "can_delegate": principal_ids is not None
           and access.can_set_delegate(user, a, principal_ids=principal_ids)}
    if a.attendance == Attendee.Attendance.REPRESENTED and a.delegate_id:
        row["instead"] = _("%(delegate)s attends instead of %(person)s") % {"delegate": a.delegate, "person": a.label}
    return row


def meeting_detail(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    can_manage = access.can_manage_meeting(request.user, meeting)
    attendees = queries.attendee_rows(meeting)
    items = list(meeting.items.prefetch_related("agendas").select_related("call"))
    principal_ids = (access.attend_principal_ids(request.user)
                     if not can_manage and meeting.is_invited else None)
    ctx = {"meeting": meeting, "can_manage": can_manage,
           "can_write": access.can_write_minutes(request.user, meeting),
           "is_checker": meeting.checker_id == request.user.pk,
           "attendees": [_attendee_view(a, request.user, principal_ids) for a in attendees],
           "items": items, "events": timeline(meeting), "photos": list(meeting.photos.all()),
           "versions": list(meeting.minutes_versions.select_related("approved_by")),
           "unrecorded_members": sum(1 for a in attendees if a.kind == Attendee.Kind.MEMBER
                                     and a.attendance == Attendee.Attendance.UNKNOWN)}
    if can_manage:
        candidates = Agenda.objects.filter(province_id=meeting.province_id, status=Agenda.Status.CANDIDATE)
        ctx["item_form"] = ItemForm(agendas=candidates.order_by("-fiscal_year", "title"),
                                    calls=_calls_of(meeting))
        ctx["photo_form"] = PhotoForm()
        ctx["attendee_form"] = AttendeeAddForm(people=_province_people(meeting.province_id))
        ctx["hold_form"] = _hold_form(meeting)
        if meeting.is_held and items and not meeting.minutes_locked:
            ctx["selection_form"] = SelectionForm(items=meeting.items.all(), agendas=candidates.order_by("title"))
        ctx["attendance_forms"] = not meeting.is_cancelled and not meeting.minutes_locked
        if ctx["attendance_forms"]:
            people = queries.delegate_choices(attendees)
            for row in ctx["attendees"]:
                row["people"] = people.get(row["a"].pk, [])
    elif ctx["can_write"]:
        ctx["hold_form"] = _hold_form(meeting)
    ctx["can_list_meetings"] = access.can_use_agendas(request.user)  # an invited outsider opens the meeting only
    return render(request, "agendas/meeting_detail.html", ctx)


def _hold_form(meeting) -> HoldForm:
    return HoldForm(initial={"opened_at": meeting.opened_at or meeting.start_time,
                             "closed_at": meeting.closed_at or meeting.end_time})


def _calls_of(meeting):
    from salaklang.calls.access import visible_calls

    return visible_calls(meeting.created_by).filter(
        Q(issuer_id=meeting.province_id) | Q(issuer__province_id=meeting.province_id)).order_by("-created_at")


def _do(request, meeting_pk: int, func, success: str, **kwargs):
    run_service(request, func, success=success, **kwargs)
    return redirect("agendas:meeting", pk=meeting_pk)


def _do_form(request, meeting_pk: int, form, refused: str | None, func, success: str, args):
    """A small form of the meeting page: not valid, ``refused`` (else the form's errors) as a message and back to
    the meeting; valid, ``_do`` with the actor and ``args(form.cleaned_data)``."""
    if not form.is_valid():
        messages.error(request, refused or form_errors_text(form))
        return redirect("agendas:meeting", pk=meeting_pk)
    return _do(request, meeting_pk, func, success, actor=request.user, **args(form.cleaned_data))


@require_POST
def meeting_invite(request, pk: int):
    meeting = access.access_meeting(request.user, pk, for_write=True)
    return _do(request, pk, meetings_services.meeting_invite, _("The invitations have been sent."), actor=request.user,
               meeting=meeting)


@require_POST
def meeting_cancel(request, pk: int):
    meeting = access.access_meeting(request.user, pk, for_write=True)
    return _do(request, pk, meetings_services.meeting_cancel, _("The meeting has been cancelled."), actor=request.user,
               meeting=meeting, reason=request.POST.get("reason", ""))


def meeting_ics(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    body = ics.meeting_ics(meeting, base_url=absolute_url(f"/agendas/meetings/{meeting.pk}/"))
    return HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="meeting-{meeting.pk}.ics"'})


@require_POST
def item_add(request, pk: int):
    meeting = access.access_meeting(request.user, pk, for_write=True)
    candidates = Agenda.objects.filter(province_id=meeting.province_id, status=Agenda.Status.CANDIDATE)
    form = ItemForm(request.POST, agendas=candidates, calls=_calls_of(meeting))
    return _do_form(request, pk, form, _("Give the item a title."), meetings_services.item_add,
                    _("The item has been added."), lambda d: {"meeting": meeting, "title": d["title"],
                                                              "section": d["section"], "agendas": d["agendas"],
                                                              "call": d["call"]})


@require_POST
def attendee_add(request, pk: int):
    meeting = access.access_meeting(request.user, pk, for_write=True)
    form = AttendeeAddForm(request.POST, people=_province_people(meeting.province_id))
    return _do_form(request, pk, form, _("Choose a person or an organization."), meetings_services.attendee_add,
                    _("Saved."), lambda d: {"meeting": meeting, "person": d["person"], "kind": d["kind"],
                                            "role_label": d["role_label"]})


@require_POST
def attendance(request, pk: int, attendee_pk: int):
    meeting = access.access_meeting(request.user, pk, for_write=True)
    attendee = get_object_or_404(Attendee, pk=attendee_pk, meeting=meeting)
    form = AttendanceForm(request.POST, people=User.objects.filter(is_active=True))  # the service checks the org
    back = reverse("agendas:meeting", kwargs={"pk": pk}) + "#attendance"  # back where the person was working
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(back)
    d = form.cleaned_data
    run_service(request, meetings_services.attendance_record, success=_("Attendance recorded."), actor=request.user,
         attendee=attendee, attendance=d["attendance"], delegate=d["delegate"], note=d["note"])
    return redirect(back)


def delegate(request, pk: int, attendee_pk: int):
    """The invited person (or their delegate) names who attends instead."""
    meeting = access.access_meeting(request.user, pk)
    attendee = get_object_or_404(Attendee.objects.select_related("person", "organization"), pk=attendee_pk,
                                 meeting=meeting)
    if not access.can_set_delegate(request.user, attendee):
        raise PermissionDenied
    org_ids = [attendee.organization_id] if attendee.organization_id else list(
        Membership.objects.filter(user_id=attendee.person_id, is_active=True).values_list("organization_id", flat=True))
    people = User.objects.filter(pk__in=Membership.objects.filter(organization_id__in=org_ids, is_active=True)
                                 .values("user_id"), is_active=True).exclude(pk=attendee.person_id)
    form = DelegateForm(request.POST or None, people=people, initial={"delegate": request.user.pk})
    if request.method == "POST" and form.is_valid() and run_service(
            request, meetings_services.attendance_record, actor=request.user, attendee=attendee,
            attendance=Attendee.Attendance.REPRESENTED, delegate=form.cleaned_data["delegate"], form=form,
            success=_("%(delegate)s attends instead of %(person)s") % {
                "delegate": form.cleaned_data["delegate"], "person": attendee.label}):
        return redirect("agendas:meeting", pk=pk)
    return render_form(request, "agendas/delegate_form.html", {"meeting": meeting, "attendee": attendee, "form": form})


@require_POST
def meeting_hold(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    if not access.can_write_minutes(request.user, meeting):
        raise PermissionDenied
    return _do_form(request, pk, HoldForm(request.POST), None, meetings_services.meeting_hold,
                    _("The opening and closing time have been recorded."),
                    lambda d: {"meeting": meeting, "opened_at": d["opened_at"], "closed_at": d["closed_at"]})


def minutes_edit(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    if not access.can_write_minutes(request.user, meeting):
        raise PermissionDenied
    items = list(meeting.items.all())
    if request.method == "POST":
        data = {i.pk: {"discussion": request.POST.get(f"discussion-{i.pk}", i.discussion),
                       "resolution": request.POST.get(f"resolution-{i.pk}", i.resolution)} for i in items}
        was_locked = meeting.minutes_locked
        try:
            minutes_services.minutes_update(actor=request.user, meeting=meeting, opening=request.POST.get("opening", ""),
                                    items=data, reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("The approved minutes were kept; your changes are version %(n)s.") % {
                "n": meeting.minutes_version + 1} if was_locked else _("The minutes have been saved."))
            return redirect("agendas:meeting", pk=pk)
    return render(request, "agendas/minutes_form.html", {"meeting": meeting, "items": items})


@require_POST
def minutes_check(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    return _do(request, pk, minutes_services.minutes_check, _("The minutes have been checked."), actor=request.user,
               meeting=meeting)


@require_POST
def minutes_approve(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    return _do(request, pk, minutes_services.minutes_approve, _("The minutes have been approved and locked."),
               actor=request.user, meeting=meeting, accept_unrecorded=request.POST.get("accept_unrecorded") == "1")


def minutes_versions(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    versions = list(MinutesVersion.objects.filter(meeting=meeting).select_related("approved_by", "reopened_by"))
    current = minutes_services.minutes_snapshot(meeting)
    chosen = request.GET.get("v")
    base = next((v for v in versions if str(v.number) == chosen), versions[-1] if versions else None)
    changes = queries.minutes_changes(base.data, current) if base is not None else []
    return render(request, "agendas/minutes_versions.html", {"meeting": meeting, "versions": versions,
                                                             "base": base, "changes": changes})


def minutes_document(request, pk: int, fmt: str):
    meeting = access.access_meeting(request.user, pk)
    digits = request.GET.get("digits") == "thai"
    return document_response(fmt, f"minutes-{meeting.pk}", pdf=lambda: documents.minutes_pdf(meeting, digits=digits),
                             docx=lambda: documents.minutes_docx(meeting, digits=digits))


@require_POST
def select_agendas(request, pk: int):
    meeting = access.access_meeting(request.user, pk, for_write=True)
    candidates = Agenda.objects.filter(province_id=meeting.province_id, status=Agenda.Status.CANDIDATE)
    form = SelectionForm(request.POST, items=meeting.items.all(), agendas=candidates)
    return _do_form(request, pk, form, _("Choose the meeting item and at least one candidate agenda."),
                    selection.agendas_select, _("The selected agendas have been recorded and announced."),
                    lambda d: {"item": d["item"], "agendas": list(d["agendas"]), "resolution": d["resolution"]})


@require_POST
def photo_add(request, pk: int):
    meeting = access.access_meeting(request.user, pk)
    return _do_form(request, pk, PhotoForm(request.POST, request.FILES), _("Choose a photo."),
                    photos_services.photo_add, _("The photo has been added."),
                    lambda d: {"meeting": meeting, "upload": d["image"], "caption": d["caption"],
                               "publishable": d["publishable"]})


def photo(request, pk: int, photo_pk: int):
    meeting = access.access_meeting(request.user, pk)
    p = get_object_or_404(MeetingPhoto, pk=photo_pk, meeting=meeting)
    return FileResponse(p.image.open("rb"), content_type="image/jpeg")


@require_POST
def photo_publishable(request, pk: int, photo_pk: int):
    meeting = access.access_meeting(request.user, pk)
    p = get_object_or_404(MeetingPhoto, pk=photo_pk, meeting=meeting)
    return _do(request, pk, photos_services.photo_set_publishable, _("Saved."), actor=request.user, photo=p,
               publishable=request.POST.get("publishable") == "1")
