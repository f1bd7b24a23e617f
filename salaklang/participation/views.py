"""Consultation pages. Public pages need no sign-in; each view: access -> form -> service -> redirect."""

from __future__ import annotations

import csv
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.core.forms import render_form
from salaklang.core.ratelimit import ratelimit
from salaklang.core.services import run_service, show_refusal
from salaklang.organizations.roles import can_manage_province
from salaklang.participation import queries, services
from salaklang.participation.access import (
    access_comment,
    access_consultation,
    can_create,
    can_participate,
    managed_consultations,
)
from salaklang.participation.forms import (
    CommentForm,
    ConsultationForm,
    FilterForm,
    HideCommentForm,
    ReasonForm,
    ResponseForm,
)
from salaklang.participation.models import Consultation

PAGE_SIZE = settings.PAGE_SIZES["participation"]
COMMENTS_PAGE_SIZE = settings.PAGE_SIZES["participation_comments"]


def comment_rate(group, request) -> str:
    return settings.PARTICIPATION_COMMENT_RATE


def support_rate(group, request) -> str:
    return settings.PARTICIPATION_SUPPORT_RATE


# --- public ------------------------------------------------------------------------------------
@login_not_required
@require_GET
def consultation_list(request):
    form = FilterForm(request.GET or None)
    qs = Consultation.objects.public()
    if form.is_valid():
        qs = queries.filter_phase(qs, form.cleaned_data.get("phase") or "")
        if form.cleaned_data.get("province"):
            qs = qs.filter(province=form.cleaned_data["province"])
    page = Paginator(queries.with_counts(qs).order_by("-opens_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "participation/consultation_list.html", {
        "form": form, "page": page, "can_create": can_create(request.user),
    })


@login_not_required
@require_GET
def consultation_detail(request, pk: int):
    consultation = access_consultation(request.user, pk)
    can_manage = can_manage_province(request.user, consultation.province_id)
    comments = Paginator(queries.comments_for(consultation), COMMENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "c": consultation,
        "questions": list(consultation.questions.all()),
        "page": comments,
        "counts": queries.counts_for(consultation),
        "supported": queries.user_supports(consultation, request.user),
        "can_manage": can_manage,
        "can_participate": can_participate(request.user),
        "comment_form": CommentForm(consultation=consultation) if consultation.is_open else None,
        "subject_link": queries.subject_link(consultation, request.user, can_manage=can_manage),
    }
    return render(request, "participation/consultation_detail.html", context)


def participant_post(rate):
    """A participant's POST on a consultation (comment, support): rate limited per person or address (429 past
    ``rate``), for those who may take part only; the view gets the consultation (404 when it is not visible)."""
    def decorate(view):
        @functools.wraps(view)
        def checked(request, pk: int):
            consultation = access_consultation(request.user, pk)
            if getattr(request, "limited", False):
                return render(request, "core/rate_limited.html", status=429)
            if not can_participate(request.user):
                raise PermissionDenied
            return view(request, consultation)

        return require_POST(ratelimit(key="user_or_ip", rate=rate, method="POST", block=False)(checked))

    return decorate


@participant_post(comment_rate)
def comment_create(request, consultation: Consultation):
    form = CommentForm(request.POST, consultation=consultation)
    if form.is_valid() and (done := run_service(
            request, services.comment_post, consultation=consultation, actor=request.user,
            body=form.cleaned_data["body"], question=form.cleaned_data.get("question"), form=form,
            success=_("Thank you: your comment is published."))):
        return redirect(consultation.get_absolute_url() + f"#comment-{done.value.pk}")
    return render(request, "participation/comment_form.html", {"c": consultation, "form": form}, status=400)


@participant_post(support_rate)
def support_toggle(request, consultation: Consultation):
    try:
        if request.POST.get("action") == "withdraw":
            services.support_withdraw(consultation=consultation, actor=request.user)
            messages.success(request, _("You no longer support this consultation."))
        else:
            services.support_add(consultation=consultation, actor=request.user)
            messages.success(request, _("Thank you for your support."))
    except ValidationError as exc:
        show_refusal(request, exc)
        return redirect(consultation.get_absolute_url())
    return redirect(consultation.get_absolute_url() + "#support")


# --- staff -------------------------------------------------------------------------------------
@require_GET
def manage_list(request):
    if not can_create(request.user):
        raise PermissionDenied
    form = FilterForm(request.GET or None)
    qs = managed_consultations(request.user)
    phase = request.GET.get("phase", "")
    if phase in Consultation.Phase.values:
        qs = queries.filter_phase(qs, phase)
    page = Paginator(queries.with_counts(qs).order_by("-opens_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "participation/manage_list.html", {"page": page, "form": form, "phase": phase,
                                                               "phases": Consultation.Phase.choices})


def _provinces_for(user):
    from salaklang.organizations.access import roles_of

    roles = roles_of(user)
    return None if roles.is_national_admin else roles.admin_province_ids


@require_http_methods(["GET", "POST"])
def consultation_create(request):
    if not can_create(request.user):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None, provinces=_provinces_for(request.user))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if done := run_service(
                request, services.consultation_create,
                actor=request.user, province=d["province"], subject=d["subject"], title=d["title"],
                summary=d["summary"], background=d["background"], link_title=d["link_title"],
                link_url=d["link_url"], opens_at=d["opens_at"], closes_at=d["closes_at"], questions=d["questions"],
                agenda=d.get("agenda"), form=form,
                success=_("The consultation is saved as a draft. Publish it when it is ready.")):
            return redirect(done.value.get_absolute_url())
    return render_form(request, "participation/consultation_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk: int):
    consultation = access_consultation(request.user, pk, for_write=True)
    if not consultation.is_editable:
        messages.error(request, _("A consultation that is closed with a response or withdrawn cannot be changed."))
        return redirect(consultation.get_absolute_url())
    locked = () if consultation.is_draft else ("subject", "opens_at", "questions")
    form = ConsultationForm(request.POST or None, instance=consultation, locked=locked)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(request, services.consultation_update, consultation=consultation, actor=request.user,
                       data={k: v for k, v in d.items() if k != "questions"},
                       questions=None if "questions" in locked else d["questions"], form=form,
                       success=_("The consultation is saved.")):
            return redirect(consultation.get_absolute_url())
    # ModelForm validation wrote the posted values onto the instance: show the saved ones.
    consultation.refresh_from_db()
    return render_form(request, "participation/consultation_form.html", {"form": form, "c": consultation})


@require_POST
def consultation_publish(request, pk: int):
    consultation = access_consultation(request.user, pk, for_write=True)
    run_service(request, services.consultation_publish, consultation=consultation, actor=request.user,
                success=_("The consultation is published."))
    return redirect(consultation.get_absolute_url())


def _staff_step(request, consultation, form, service, /, *, success: str, template: str, anchor: str = "",
                context=dict, **kwargs):
    """A staff page with one form about a consultation (withdraw, respond, hide a comment): a valid POST runs
    ``service(actor, **kwargs, **form.cleaned_data)`` and goes back to the consultation (at ``anchor``); else the
    form, with what ``context()`` adds (computed only then)."""
    if request.method == "POST" and form.is_valid() and run_service(
            request, service, actor=request.user, **kwargs, **form.cleaned_data, form=form, success=success):
        return redirect(consultation.get_absolute_url() + anchor)
    return render_form(request, template, {"c": consultation, "form": form, **context()})


@require_http_methods(["GET", "POST"])
def consultation_withdraw(request, pk: int):
    consultation = access_consultation(request.user, pk, for_write=True)
    return _staff_step(request, consultation, ReasonForm(request.POST or None), services.consultation_withdraw,
                       consultation=consultation, success=_("The consultation is withdrawn."),
                       template="participation/withdraw_form.html")


@require_http_methods(["GET", "POST"])
def consultation_respond(request, pk: int):
    consultation = access_consultation(request.user, pk, for_write=True)
    return _staff_step(request, consultation, ResponseForm(request.POST or None), services.consultation_respond,
                       consultation=consultation, anchor="#response",
                       success=_("The response is published and the participants are notified."),
                       template="participation/response_form.html",
                       context=lambda: {"counts": queries.counts_for(consultation),
                                        "per_question": queries.comments_per_question(consultation)})


@require_http_methods(["GET", "POST"])
def comment_hide(request, pk: int, comment_pk: int):
    consultation = access_consultation(request.user, pk, for_write=True)
    comment = access_comment(request.user, consultation, comment_pk, for_write=True)
    return _staff_step(request, consultation, HideCommentForm(request.POST or None), services.comment_hide,
                       comment=comment, anchor=f"#comment-{comment.pk}",
                       success=_("The comment is hidden; the reason is shown in its place."),
                       template="participation/comment_hide.html", context=lambda: {"comment": comment})


@require_GET
def comments_export(request, pk: int):
    """All comments as CSV (UTF-8 with BOM so that Excel shows Thai), for writing the response."""
    consultation = access_consultation(request.user, pk, for_write=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.pk}-comments.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("No."), _("Posted"), _("Question"), _("Comment"), _("Status"), _("Reason for hiding")])
    for comment in queries.comments_for(consultation).iterator(chunk_size=500):
        writer.writerow([
            comment.pk, timezone.localtime(comment.created_at).strftime("%Y-%m-%d %H:%M"),
            comment.question.number if comment.question_id else _("general comment"),
            _csv_safe(comment.body), comment.get_status_display(), _csv_safe(comment.hidden_reason),
        ])
    record(actor=request.user, action=AuditEntry.Action.EXPORT, obj=consultation, verb="comments exported",
           organization=consultation.province)
    return response


def _csv_safe(text: str) -> str:
    """Citizens' text must not become a spreadsheet formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_POST
def comment_restore(request, pk: int, comment_pk: int):
    consultation = access_consultation(request.user, pk, for_write=True)
    comment = access_comment(request.user, consultation, comment_pk, for_write=True)
    run_service(request, services.comment_restore, comment=comment, actor=request.user,
                success=_("The comment is visible again."))
    return redirect(consultation.get_absolute_url() + f"#comment-{comment.pk}")
