"""Calls and proposals: thin views (access → form → service → redirect/render)."""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salaklang.audit.services import timeline
from salaklang.calls import access, documents, exports, queries, services
from salaklang.calls.forms import (
    AttachmentForm,
    BoardFilterForm,
    CallForm,
    PlanLinkFilterForm,
    PlanLinkForm,
    ProposalFilterForm,
    ProposalForm,
    comment_form_html,
)
from salaklang.calls.models import Call, CallAttachment, ExportJob, PlanLink, Proposal, ProposalAttachment
from salaklang.core.forms import errors_to_form, render_form
from salaklang.core.services import action_named, run_service
from salaklang.core.thai import fiscal_year
from salaklang.documents.responses import document_response
from salaklang.organizations import queries as org_queries
from salaklang.organizations.access import require_government_staff, roles_of
from salaklang.organizations.models import Organization
from salaklang.organizations.roles import province_id_of


# --- calls ------------------------------------------------------------------------------------
def call_list(request):
    require_government_staff(request.user)
    calls = queries.calls_for(request.user, access.visible_calls(request.user))
    page = Paginator(calls, settings.PAGE_SIZES["lists"]).get_page(request.GET.get("page"))
    roles = roles_of(request.user)
    return render(request, "calls/call_list.html", {"page": page, "can_create": access.issuers_for(request.user).exists(),
                                                    "can_keep_lists": roles.is_national_admin or bool(roles.admin_province_ids)})


def _target_choices(issuer_qs):
    """Whom the issuers may ask: a province its agencies (not itself), the national office the provinces."""
    choices = Organization.objects.none()
    for issuer in issuer_qs:
        choices |= services.default_targets(issuer)
    return choices


def call_create(request):
    issuers = access.issuers_for(request.user)
    if not issuers.exists():
        raise PermissionDenied
    today = timezone.localdate()
    initial = {"fiscal_year": fiscal_year(today).be, "opens_at": timezone.localtime().replace(second=0, microsecond=0)}
    issuer_list = list(issuers)
    if len(issuer_list) == 1:  # nothing to choose: the only issuer is chosen, and its head signs by default
        only = issuer_list[0]
        initial["issuer"] = only.pk
        head = org_queries.head_of(only)
        if head is not None:
            initial["signatory_name"] = head.full_name
            initial["signatory_position"] = head.position_title
    targets_qs = _target_choices(issuer_list).order_by("kind", "name_th")
    form = CallForm(request.POST or None, issuers=issuers, target_choices=targets_qs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        issuer = data.pop("issuer")
        targets = data.pop("targets") or None
        if targets is not None:
            allowed = set(services.default_targets(issuer).values_list("pk", flat=True))
            targets = [t for t in targets if t.pk in allowed]
        done = run_service(request, services.call_create, actor=request.user, issuer=issuer, data=data,
                           targets=targets, form=form,
                           success=_("The call has been saved as a draft. Check the letter, then publish it."))
        if done:
            return redirect("calls:detail", pk=done.value.pk)
    return render_form(request, "calls/call_form.html", {"form": form, "title": _("New call for proposals")})


def call_edit(request, pk: int):
    call = access.access_call(request.user, pk, for_write=True)
    if call.status != Call.Status.DRAFT:
        messages.error(request, _("A published call can no longer be edited."))
        return redirect("calls:detail", pk=call.pk)
    form = CallForm(request.POST or None, instance=call, target_choices=_target_choices([call.issuer]).order_by("name_th"),
                    initial={"targets": list(call.targets.values_list("organization_id", flat=True))})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        targets = data.pop("targets") or None
        if run_service(request, services.call_update, actor=request.user, call=call, data=data, targets=targets,
                       form=form, success=_("The changes have been saved.")):
            return redirect("calls:detail", pk=call.pk)
    return render_form(request, "calls/call_form.html",
                       {"form": form, "title": _("Edit %(call)s") % {"call": call}, "call": call})


def call_detail(request, pk: int):
    call = access.access_call(request.user, pk)
    is_issuer = access.can_manage_call(request.user, call)
    ctx = {"call": call, "is_issuer": is_issuer, "my_proposals": queries.my_proposals(request.user, call),
           "events": timeline(call), "attachments": call.attachments.all()}
    if is_issuer:
        form = BoardFilterForm(request.GET or None)
        form.fields["state"].choices = [("", _("All states")), *queries.BOARD_STATES.items()]
        state = q = ""
        if form.is_valid():
            state, q = form.cleaned_data["state"], form.cleaned_data["q"]
        rows, counts, page = queries.board(call, state=state, q=q, page=request.GET.get("page"))
        ctx.update({"board": rows, "counts": [(k, v, counts.get(k, 0)) for k, v in queries.BOARD_STATES.items()],
                    "filter_form": form, "total_targets": sum(counts.values()), "attachment_form": AttachmentForm(),
                    "page": page})
        if request.headers.get("HX-Request"):
            return render(request, "calls/_board.html", ctx)
    elif call.status in (Call.Status.CLOSED, Call.Status.IN_REVIEW, Call.Status.DECIDED):
        from salaklang.reviews.access import chairs_committee_of  # reviews builds on calls

        ctx["chair_sees_ranking"] = chairs_committee_of(request.user, call)
    answering = access.my_answering_org_ids(request.user)
    ctx["answering_targets"] = call.targets.filter(organization_id__in=answering).select_related("organization")
    return render(request, "calls/call_detail.html", ctx)


def call_proposals(request, pk: int):
    """The issuer's list of every proposal of a call: filters by status and province/organization, a search, pages."""
    call = access.access_call(request.user, pk, for_write=True)
    form = ProposalFilterForm(request.GET or None)
    # the issuer reads what was sent to it (calls.access): drafts and proposals awaiting approval stay with their agency
    shown = [(k, label) for k, label in Proposal.Status.choices if k in Proposal.SEEN_BY_ISSUER]
    form.fields["status"].choices = [("", _("All statuses")), *shown]
    status, q, target = "", "", None
    if form.is_valid():
        status, q, target = form.cleaned_data["status"], form.cleaned_data["q"], form.cleaned_data["target"]
    proposals, counts = queries.call_proposals(call, visible=access.visible_proposals_of_call(request.user, call),
                                               status=status, q=q, target=target)
    paginator = Paginator(proposals, queries.PROPOSALS_PAGE)
    paginator.count = counts.get(status, 0) if status else sum(counts.values())  # known from the aggregate
    target_org = (call.targets.select_related("organization").filter(pk=target).first() if target else None)
    return render(request, "calls/call_proposals.html", {
        "call": call, "page": paginator.get_page(request.GET.get("page")), "filter_form": form, "target": target_org,
        "counts": [(k, label, counts.get(k, 0)) for k, label in shown], "capped": counts.capped,
        "count_limit": queries.SEARCH_COUNT_LIMIT, "total": sum(counts.values())}, status=400 if form.errors else 200)


@require_POST
def call_publish(request, pk: int):
    call = access.access_call(request.user, pk, for_write=True)
    run_service(request, services.call_publish, actor=request.user, call=call, success=lambda published: _(
        "The call is published as %(number)s and every target has been notified.") % {
        "number": published.document_number})
    return redirect("calls:detail", pk=pk)


@require_POST
def call_close(request, pk: int):
    call = access.access_call(request.user, pk, for_write=True)
    run_service(request, services.call_close, actor=request.user, call=call, success=_("The call is closed."))
    return redirect("calls:detail", pk=pk)


@require_POST
def call_remind(request, pk: int):
    call = access.access_call(request.user, pk, for_write=True)
    run_service(request, services.call_remind, actor=request.user, call=call, success=lambda n: _(
        "A reminder went to %(n)s organization(s) that have not submitted.") % {"n": n})
    return redirect("calls:detail", pk=pk)


def call_letter(request, pk: int, fmt: str):
    call = access.access_call(request.user, pk)
    return document_response(fmt, f"call-{call.pk}-letter", pdf=lambda: documents.letter_pdf(call),
                             docx=lambda: documents.letter_docx(call))


def call_board_xlsx(request, pk: int):
    call = access.access_call(request.user, pk, for_write=True)
    targets, proposals = queries.board_export(call)
    return FileResponse(documents.board_xlsx(call, targets, proposals), content_type=documents.XLSX, as_attachment=True,
                        filename=f"call-{call.pk}-board.xlsx")


def call_proposals_xlsx(request, pk: int):
    """Up to CALLS_EXPORT_INLINE_ROWS proposals are written in the request (10,000 in a few seconds); a larger call's
    export goes to the task worker and the person is sent to the page that shows its progress."""
    call = access.access_call(request.user, pk, for_write=True)
    rows = exports.exported_proposals(call).count()
    if rows > exports.inline_limit():
        job = exports.export_request(actor=request.user, call=call, rows=rows)
        messages.info(request, _("The export of %(n)s proposals is being written; you will be notified when it is "
                                 "ready.") % {"n": f"{rows:,}"})
        return redirect("calls:export", pk=job.pk)
    return FileResponse(documents.proposals_xlsx(call, exports.proposal_rows(call)), content_type=documents.XLSX,
                        as_attachment=True,
                        filename=f"call-{call.pk}-proposals.xlsx")


def _export_job(request, pk: int) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("call"), pk=pk)
    if job.requested_by_id != request.user.pk:
        access.access_call(request.user, job.call_id, for_write=True)  # the call's managers may fetch it too
    return job


def export_detail(request, pk: int):
    """A large export's progress (the page reloads itself until the file is ready), then its download link."""
    job = _export_job(request, pk)
    return render(request, "calls/export_detail.html", {"job": job, "call": job.call})


def export_download(request, pk: int):
    job = _export_job(request, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), content_type=exports.CONTENT_TYPES.get(job.kind, documents.XLSX),
                        as_attachment=True, filename=f"call-{job.call_id}-{job.kind}")


def call_proposals_zip(request, pk: int):
    """Every proposal as a PDF in one ZIP. A few are written in the request (to a temporary file, one PDF at a time,
    streamed); beyond settings.CALLS_ZIP_INLINE_ROWS the task worker writes it (each PDF takes 70–100 ms) and the person is
    sent to the page that shows its progress."""
    call = access.access_call(request.user, pk, for_write=True)
    rows = exports.exported_proposals(call).count()
    if not rows:  # an empty ZIP would tell the person nothing
        messages.info(request, _("No proposal has been submitted to this call yet, so there is no PDF to put in a ZIP."))
        return redirect("calls:detail", pk=call.pk)
    if rows > exports.inline_limit("proposals.zip"):
        job = exports.export_request(actor=request.user, call=call, rows=rows, kind="proposals.zip")
        messages.info(request, _("The export of %(n)s proposals is being written; you will be notified when it is "
                                 "ready.") % {"n": f"{rows:,}"})
        return redirect("calls:export", pk=job.pk)
    out = tempfile.TemporaryFile()  # noqa: SIM115 — handed to FileResponse, which closes it
    exports.write_zip(call, exports.proposals_for_pdf(call), out)
    out.seek(0)
    return FileResponse(out, content_type="application/zip", as_attachment=True, filename=f"call-{call.pk}-proposals.zip")


def _store_attachment(request, add, **owner) -> None:
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Give the attachment a title and choose a file."))
        return
    try:
        add(actor=request.user, title=form.cleaned_data["title"], upload=form.cleaned_data["file"], **owner)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    messages.success(request, _("The attachment has been added."))


def _serve_attachment(att):
    return FileResponse(att.file.open("rb"), content_type=att.content_type, as_attachment=True,
                        filename=att.file.name.rsplit("/", 1)[-1])


@require_POST
def call_attachment_add(request, pk: int):
    call = access.access_call(request.user, pk, for_write=True)
    _store_attachment(request, services.call_attachment_add, call=call)
    return redirect("calls:detail", pk=pk)


def call_attachment(request, pk: int, attachment_pk: int):
    call = access.access_call(request.user, pk)
    return _serve_attachment(get_object_or_404(CallAttachment, pk=attachment_pk, call=call))


# --- proposals --------------------------------------------------------------------------------
def proposal_create(request, pk: int, org_pk: int):
    call = access.access_call(request.user, pk)
    organization = get_object_or_404(Organization, pk=org_pk)
    if not access.can_draft_for(request.user, organization):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, call=call, province_id=province_id_of(organization),
                        initial={"contact_name": request.user.full_name, "contact_phone": request.user.phone,
                                 "contact_email": request.user.email})
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "results": form.cleaned_data["results_text"]}
        done = run_service(request, services.proposal_create, actor=request.user, call=call,
                           organization=organization, data=data, form=form, success=_("The draft has been saved."))
        if done:
            return redirect("calls:proposal", pk=done.value.pk)
    return render_form(request, "calls/proposal_form.html",
                       {"form": form, "call": call, "organization": organization})


def proposal_edit(request, pk: int):
    proposal = access.access_proposal(request.user, pk)
    if not access.can_draft_for(request.user, proposal.organization):
        raise PermissionDenied
    if request.method == "GET" and not proposal.is_editable:
        messages.error(request, _("This proposal cannot be edited in its current status."))
        return redirect("calls:proposal", pk=proposal.pk)
    form = ProposalForm(request.POST or None, instance=proposal, call=proposal.call,
                        province_id=province_id_of(proposal.organization))
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "results": form.cleaned_data["results_text"]}
        if run_service(request, services.proposal_update, actor=request.user, proposal=proposal, data=data,
                       form=form, success=_("The draft has been saved.")):
            return redirect("calls:proposal", pk=proposal.pk)
    return render_form(request, "calls/proposal_form.html", {"form": form, "call": proposal.call, "proposal": proposal,
                                                             "organization": proposal.organization})


def proposal_detail(request, pk: int):
    proposal = access.access_proposal(request.user, pk)
    # versions are numbered 1 … proposal.version (services.proposal_send_for_approval, proposal_forward): below 2 there
    # is nothing to compare and the page shows none, so it does not ask; it shows each one's number and time, not author
    versions = list(proposal.versions.all()) if proposal.version >= 2 else []
    compare = None
    if len(versions) >= 2:
        by_number = {v.number: v for v in versions}
        try:
            first = by_number[int(request.GET.get("from", versions[-2].number))]
            second = by_number[int(request.GET.get("to", versions[-1].number))]
        except (KeyError, ValueError):
            first, second = versions[-2], versions[-1]
        compare = {"from": first.number, "to": second.number,
                   "changes": queries.version_changes(proposal, first.data, second.data)}
    roles = roles_of(request.user)
    can_draft = access.can_draft_for(request.user, proposal.organization)
    is_issuer = access.can_manage_call(request.user, proposal.call)
    original = proposal.forwarded_from
    can_open_original = original is not None and access.can_view_proposal(request.user, original)
    events = list(timeline(proposal))
    return render(request, "calls/proposal_detail.html", {
        "can_open_original": can_open_original,
        "forward_targets": list(services.forward_targets(proposal))
        if is_issuer and proposal.status == Proposal.Status.SUBMITTED and proposal.call.issuer.kind != "nation" else [],
        "proposal": proposal, "call": proposal.call, "versions": versions, "compare": compare,
        "events": events, "can_draft": can_draft,
        "is_issuer": is_issuer, "comment_form": comment_form_html(),
        "fragments": queries.proposal_fragments(proposal, events, can_open_original=can_open_original),
        "attachments": proposal.attachments.all(), "attachment_form": AttachmentForm(), "roles": roles})


PROPOSAL_ACTIONS = {
    "send": (lambda r, p: services.proposal_send_for_approval(actor=r.user, proposal=p),
             lambda p: _("Sent to the head of the organization for approval.")),
    "approve": (lambda r, p: services.proposal_approve(actor=r.user, proposal=p, comment=r.POST.get("comment", "")),
                lambda p: _("Approved and submitted to %(issuer)s.") % {"issuer": p.call.issuer}),
    "send_back": (lambda r, p: services.proposal_send_back(actor=r.user, proposal=p, comment=r.POST.get("comment", "")),
                  lambda p: _("Sent back to the drafters with your comment.")),
    "return": (lambda r, p: services.proposal_return(actor=r.user, proposal=p, comment=r.POST.get("comment", "")),
               lambda p: _("Returned for revision; the organization has been notified.")),
}


@require_POST
def proposal_transition(request, pk: int, action: str):
    """send for approval / approve / send back / return: the service decides, the view reports."""
    run, done = action_named(PROPOSAL_ACTIONS, action)
    proposal = access.access_proposal(request.user, pk)
    run_service(request, run, request, proposal, success=lambda _value: done(proposal))
    return redirect("calls:proposal", pk=pk)


@require_POST
def proposal_forward(request, pk: int):
    proposal = access.access_proposal(request.user, pk)
    national_call = None
    if request.POST.get("national_call"):
        national_call = Call.objects.filter(pk=request.POST["national_call"]).first() if request.POST[
            "national_call"].isdigit() else None
        if national_call is None:
            messages.error(request, _("Choose one of the open national calls."))
            return redirect("calls:proposal", pk=pk)
    done = run_service(request, services.proposal_forward, actor=request.user, proposal=proposal,
                       national_call=national_call)
    if not done:
        return redirect("calls:proposal", pk=pk)
    messages.success(request, _("Forwarded to the national call “%(call)s”.") % {"call": done.value.call.title})
    return redirect("calls:proposal", pk=done.value.pk)


def proposal_document(request, pk: int, fmt: str):
    proposal = access.access_proposal(request.user, pk)
    return document_response(fmt, f"proposal-{proposal.pk}", pdf=lambda: documents.proposal_pdf(proposal),
                             docx=lambda: documents.proposal_docx(proposal))


@require_POST
def proposal_attachment_add(request, pk: int):
    proposal = access.access_proposal(request.user, pk)
    _store_attachment(request, services.proposal_attachment_add, proposal=proposal)
    return redirect("calls:proposal", pk=pk)


def proposal_attachment(request, pk: int, attachment_pk: int):
    proposal = access.access_proposal(request.user, pk)
    return _serve_attachment(get_object_or_404(ProposalAttachment, pk=attachment_pk, proposal=proposal))


# --- lists proposals link to ------------------------------------------------------------------
def _plan_list_provinces(user):
    roles = roles_of(user)
    provinces = Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True).order_by("name_th")
    return provinces if roles.is_national_admin else provinces.filter(pk__in=roles.admin_province_ids)


def plan_links(request):
    """The National Strategy and provincial development plans that proposals link to: kept by admins."""
    roles = roles_of(request.user)
    if not (roles.is_national_admin or roles.admin_province_ids):
        raise PermissionDenied
    provinces = _plan_list_provinces(request.user)
    links = PlanLink.objects.select_related("province").order_by("kind", "province__name_th", "code")
    if not roles.is_national_admin:
        links = links.filter(Q(kind=PlanLink.Kind.NATIONAL_STRATEGY) | Q(province__in=provinces))
    filters = PlanLinkFilterForm(request.GET or None)
    if filters.is_valid():
        if filters.cleaned_data["kind"]:
            links = links.filter(kind=filters.cleaned_data["kind"])
        if filters.cleaned_data["q"]:
            q = filters.cleaned_data["q"]
            links = links.filter(Q(code__icontains=q) | Q(title_th__icontains=q) | Q(title_en__icontains=q))
    initial = {"kind": PlanLink.Kind.NATIONAL_STRATEGY if roles.is_national_admin else PlanLink.Kind.PROVINCIAL_PLAN}
    own = list(provinces)
    if len(own) == 1:
        initial["province"] = own[0]
    form = PlanLinkForm(request.POST or None, provinces=provinces, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_link_save(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The entry has been added to the list."))
            return redirect("calls:plan_links")
    page = Paginator(links, settings.PAGE_SIZES["plan_links"]).get_page(request.GET.get("page"))
    own_ids = {p.pk for p in own}
    rows = [{"link": link, "can_edit": roles.is_national_admin or link.province_id in own_ids}
            for link in page.object_list]
    return render(request, "calls/plan_links.html", {"page": page, "rows": rows, "form": form, "filters": filters},
                  status=400 if form.errors else 200)


def plan_link_edit(request, pk: int):
    link = get_object_or_404(PlanLink.objects.select_related("province"), pk=pk)
    roles = roles_of(request.user)
    if not access.can_manage_plan_link(request.user, link.kind, link.province):
        if link.province_id and not roles.is_national_staff and link.province_id not in roles.province_ids:
            raise Http404
        raise PermissionDenied
    provinces = _plan_list_provinces(request.user)
    form = PlanLinkForm(request.POST or None, provinces=provinces, initial={
        "kind": link.kind, "province": link.province, "code": link.code, "title_th": link.title_th,
        "title_en": link.title_en, "is_active": link.is_active})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_link_save(actor=request.user, data=form.cleaned_data, link=link)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The entry has been saved."))
            return redirect("calls:plan_links")
    return render(request, "calls/plan_link_form.html", {"form": form, "link": link},
                  status=400 if form.errors else 200)
