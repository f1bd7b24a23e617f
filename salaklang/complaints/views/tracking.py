"""Following a complaint by its code: the tracking page, receipt, files, rating, reopening and personal data
requests. A code that does not exist gives the site's ordinary 404 page, whatever its shape, so guessing reveals
nothing; an address that tries too many unknown codes gets 429 for every code until the window passes."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from salaklang.complaints import access, queries
from salaklang.complaints.forms import (
    DataRequestForm,
    RateForm,
    ReopenForm,
    TrackForm,
)
from salaklang.complaints.models import Complaint, ComplaintAttachment
from salaklang.complaints.services import codes as codes_services
from salaklang.complaints.services import common, privacy
from salaklang.complaints.services import handling as handling_services
from salaklang.complaints.views.limits import (
    count_miss,
    limited,
    too_many,
    too_many_misses,
)
from salaklang.core.errors import PublicNotFound
from salaklang.core.links import absolute_url
from salaklang.core.services import run_service


# --- tracking ------------------------------------------------------------------------------------
class TooManyMisses(Exception):
    pass


def _public_complaint(request, code: str) -> Complaint:
    """The complaint of a tracking code, or the site's 404 page saying "this tracking code was not found". An
    address that has tried too many unknown codes gets 429 for every code, known or not, until the window passes
    (so the answer reveals nothing)."""
    if too_many_misses(request):
        raise TooManyMisses
    normalized = codes_services.normalize_code(code)
    c = None
    if normalized:
        c = (Complaint.objects.select_related("category", "agency", "district", "merged_into", "parent")
             .filter(code=normalized).first())
    if c is None:
        count_miss(request)
        raise PublicNotFound(_("This tracking code was not found."))
    return c


def by_code(limit: tuple[str, str] | None = None):
    """The view gets the complaint of the tracking code instead of the code: after the rate limit (``limit``:
    group, setting name), then the lookup; 429 when either says too many.

    Anonymous visitors are limited by address. A signed-in person is counted by their account, never by the
    address (an office's staff share one address with the citizens at its counter), and staff who may handle
    the case (the centre, the assigned agency) are not limited on it at all: handing over receipts is their work."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, code: str, **kwargs):
            signed_in = request.user.is_authenticated
            if limit and not signed_in and limited(request, *limit):
                return too_many(request)
            try:
                c = _public_complaint(request, code)
            except TooManyMisses:
                return too_many(request)
            if limit and signed_in and not access.can_handle(request.user, c) and limited(request, *limit, key="user"):
                return too_many(request)
            return view(request, c, **kwargs)

        return wrapper

    return decorate


ACTION_RATE = ("action", "COMPLAINTS_ACTION_RATE")


def complainant_post(view):
    """A complainant's form on the tracking page (rate, reopen, ask for one's data): no sign-in needed, POST only,
    the complaint found by its code and the address rate limited as for every action."""
    return login_not_required(require_POST(by_code(limit=ACTION_RATE)(view)))


@login_not_required
@require_GET
def track_lookup(request):
    form = TrackForm(request.GET or None)
    if request.GET and form.is_valid():
        if too_many_misses(request):
            return too_many(request)
        normalized = codes_services.normalize_code(form.cleaned_data["code"])
        if normalized:
            return redirect("complaints:track", code=normalized)
        form.add_error("code", _("This does not look like a tracking code, e.g. PNA-6912-K7QF-9XMB."))
    return render(request, "complaints/track_lookup.html", {"form": form})


KEYS_SESSION = "complaint_keys"
NEW_KEY_SESSION = "complaint_new_key"


def remember_key(request, c: Complaint) -> None:
    """This browser holds the filer's key of ``c`` (the session keeps the codes, never the key itself)."""
    codes = [x for x in request.session.get(KEYS_SESSION, []) if x != c.code][-49:]
    request.session[KEYS_SESSION] = [*codes, c.code]


def _holds_key(request, c: Complaint) -> bool:
    return c.code in request.session.get(KEYS_SESSION, [])


def may_act(request, c: Complaint) -> bool:
    """Rating and reopening need something only the filer has: their account, or the private link of the receipt
    (remembered by this browser). The tracking code alone only reads the public status."""
    return _is_owner(request, c) or _holds_key(request, c)


@login_not_required
@require_GET
@by_code()
def track(request, c: Complaint):
    key = request.GET.get("key")
    if key is not None:
        if common.check_action_key(c, key):
            remember_key(request, c)
            return redirect("complaints:track", code=c.code)  # the key leaves the address bar and history
        messages.error(request, _("This private link is not valid for this complaint. You can still follow its "
                                  "status."))
    private_link = None
    if request.session.get(NEW_KEY_SESSION) == c.code:
        del request.session[NEW_KEY_SESSION]
        private_link = absolute_url(  # BASE_URL, never the request's Host header
            reverse("complaints:track", kwargs={"code": c.code})) + "?key=" + common.action_key(c)
    response = render(request, "complaints/track.html", _track_context(
        c, owner=_is_owner(request, c), can_act=may_act(request, c), private_link=private_link))
    if private_link:
        response["Cache-Control"] = "private, no-store"
    return response


def _is_owner(request, c: Complaint) -> bool:
    return request.user.is_authenticated and c.user_id is not None and c.user_id == request.user.pk


def _refused(request, c: Complaint):
    messages.error(request, _("Only the person who filed the complaint can do this: sign in with the account used "
                              "to file it, or open the private link from the receipt."))
    return render(request, "complaints/track.html", _track_context(c, owner=_is_owner(request, c)), status=403)


def _track_context(c: Complaint, owner: bool = False, can_act: bool = True, private_link: str | None = None,
                   **forms) -> dict:
    return {
        "c": c,
        "events": list(queries.public_timeline(c)),
        "photos": list(c.attachments.filter(is_public=True)),
        "children": list(c.children.select_related("agency").order_by("pk")),
        "private_link": private_link,
        "can_act": can_act,
        "rate_form": forms.get("rate_form") or (RateForm() if can_act and c.is_closed and c.rating is None
                                                else None),
        "reopen_form": forms.get("reopen_form") or (ReopenForm() if can_act and handling_services.can_reopen(c) else None),
        "data_form": forms.get("data_form") or (DataRequestForm() if (c.contact_email or owner)
                                                and not c.anonymised_at else None),
        "reopen_days": common.reopen_days(),
        "today": timezone.localdate(),
    }


@login_not_required
@require_safe  # GET and HEAD (link checkers ask HEAD)
@by_code(limit=("receipt", "COMPLAINTS_RECEIPT_RATE"))  # a PDF costs real CPU
def track_receipt(request, c: Complaint):
    """The receipt as PDF (public data only): for the citizen to keep, or for the centre to hand over."""
    from salaklang.complaints.documents import receipt_pdf

    return HttpResponse(receipt_pdf(c), content_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="{c.code}.pdf"'})


@login_not_required
@require_GET
@by_code()
def track_file(request, c: Complaint, att_pk: int):
    att = get_object_or_404(ComplaintAttachment, pk=att_pk, complaint=c, is_public=True)
    return FileResponse(att.file.open("rb"), content_type=att.content_type)


def _complainant_act(request, c: Complaint, form, form_key: str, service, success: str):
    """A complainant's action on the tracking page (rate, reopen): the holder of the private link or the signed-in
    complainant posts ``form``; its fields are the service's arguments. Done: back to the tracking page with
    ``success``; refused: the page again with the form's errors (400)."""
    if not may_act(request, c):
        return _refused(request, c)
    if form.is_valid() and run_service(request, service, complaint=c, actor=request.user, **form.cleaned_data,
                                       form=form, success=success):
        return redirect("complaints:track", code=c.code)
    return render(request, "complaints/track.html", _track_context(c, **{form_key: form}), status=400)


@complainant_post
def track_rate(request, c: Complaint):
    return _complainant_act(request, c, RateForm(request.POST), "rate_form", handling_services.complaint_rate,
                            _("Thank you for rating the handling of your complaint."))


@complainant_post
def track_reopen(request, c: Complaint):
    return _complainant_act(request, c, ReopenForm(request.POST), "reopen_form", handling_services.complaint_reopen,
                            _("The complaint has been reopened and sent back to the agency."))


@complainant_post
def track_data_request(request, c: Complaint):
    """A request to see or delete one's data: whoever holds the code and the e-mail given in the complaint, or the
    signed-in complainant with their account's e-mail."""
    form = DataRequestForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        known = {e.strip().lower() for e in (c.contact_email, request.user.email if _is_owner(request, c) else "")
                 if e}
        if email not in known:
            form.add_error("email", _("This e-mail is not the one given in the complaint."))
        else:
            privacy.data_request_create(complaint=c, kind=form.cleaned_data["kind"], email=email,
                                         requester=request.user, message=form.cleaned_data["message"])
            messages.success(request, _("Your request has been recorded. We answer by e-mail within 30 days."))
            return redirect("complaints:track", code=c.code)
    return render(request, "complaints/track.html", _track_context(c, owner=_is_owner(request, c), data_form=form), status=400)
