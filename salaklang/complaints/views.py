"""Public complaint pages: filing, tracking by code, rating, reopening, data requests, dashboard, open data.

No sign-in needed (``login_not_required``); every form is rate limited per address. A code that does not exist
gives the site's ordinary 404 page, whatever its shape, so guessing reveals nothing; an address that tries too
many unknown codes gets 429 for every code until the window passes.
"""

from __future__ import annotations

import csv
import functools
import json
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from salaklang.complaints import access, queries
from salaklang.complaints.forms import (
    POINT_HELP,
    ComplaintForm,
    DashboardFilterForm,
    DataRequestForm,
    RateForm,
    ReopenForm,
    TrackForm,
)
from salaklang.complaints.models import Complaint, ComplaintAttachment
from salaklang.complaints.services import codes as codes_services
from salaklang.complaints.services import common, intake, privacy
from salaklang.complaints.services import handling as handling_services
from salaklang.core.errors import PublicNotFound
from salaklang.core.forms import errors_to_form
from salaklang.core.links import absolute_url
from salaklang.core.ratelimit import is_ratelimited
from salaklang.organizations.models import Organization

PAGE_SIZE = 25


def rate(name: str, default: str) -> str:
    return getattr(settings, name, default)


def limited(request, group: str, setting_name: str, default: str, key: str = "ip") -> bool:
    return is_ratelimited(request, group=f"complaints.{group}", key=key, rate=rate(setting_name, default),
                          increment=True)


def _parse_rate(text: str) -> tuple[int, int]:
    number, _sep, unit = text.partition("/")
    return int(number), {"s": 1, "m": 60, "h": 3600, "d": 86400}.get(unit[-1:] or "m", 60) * int(unit[:-1] or 1)


def _miss_key(request, group: str, period: int) -> str:
    from salaklang.core.middleware import client_ip

    return f"complaints:miss:{group}:{client_ip(request)}:{int(time.time() // period)}"


def too_many_misses(request, group: str = "track") -> bool:
    """True when this address has looked up too many unknown codes in the current window. One cache read: the
    valid lookups of citizens cost nothing more (the tracking page must stay fast); only misses are counted."""
    limit, period = _parse_rate(rate("COMPLAINTS_TRACK_MISS_RATE", "20/m"))
    return (cache.get(_miss_key(request, group, period)) or 0) >= limit


def count_miss(request, group: str = "track") -> None:
    _limit, period = _parse_rate(rate("COMPLAINTS_TRACK_MISS_RATE", "20/m"))
    key = _miss_key(request, group, period)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, period + 5)


def too_many(request):
    return render(request, "complaints/rate_limited.html", status=429)


def default_province(request) -> Organization | None:
    code = request.GET.get("province") or getattr(settings, "COMPLAINTS_DEFAULT_PROVINCE", "PNA")
    return Organization.objects.filter(code=code, kind=Organization.Kind.PROVINCE, is_active=True).first()


# --- filing -----------------------------------------------------------------------------------
@login_not_required
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    province = default_province(request)
    user = request.user if request.user.is_authenticated else None
    initial = {}
    if user is not None:
        initial = {"contact_name": user.get_full_name(), "contact_email": user.email,
                   "contact_phone": getattr(user, "phone", "")}
    form = ComplaintForm(request.POST or None, request.FILES or None, province=province, initial=initial)
    if request.method == "POST":
        if limited(request, "submit", "COMPLAINTS_SUBMIT_RATE", "10/h"):
            return too_many(request)
        if form.is_valid():
            d = form.cleaned_data
            try:
                c = intake.complaint_submit(
                    province=d["province"], category=d["category"], subject=d["subject"],
                    description=d["description"], channel=Complaint.Channel.WEB, actor=user, user=user,
                    district=d.get("district"), district_name=d.get("district_name") or "",
                    subdistrict=d.get("subdistrict") or "", address=d.get("address") or "",
                    latitude=d.get("latitude"), longitude=d.get("longitude"), share_point=d.get("share_point"),
                    anonymous=d.get("anonymous"), contact_name=d.get("contact_name") or "",
                    contact_email=d.get("contact_email") or "", contact_phone=d.get("contact_phone") or "",
                    consent_sensitive=d.get("consent_sensitive"), attachments=d.get("files") or [])
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("Your complaint has been received. Your tracking code is %(code)s — "
                                            "keep it to follow the complaint.") % {"code": c.code})
                _remember_key(request, c)
                request.session[NEW_KEY_SESSION] = c.code  # show the private link once on the next page
                return redirect("complaints:track", code=c.code)
    return render(request, "complaints/complaint_form.html", {
        "form": form, "point_help": POINT_HELP, "retention_years": round(common.retention_days() / 365),
        "reopen_days": common.reopen_days()}, status=400 if request.method == "POST" else 200)


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


def by_code(limit: tuple[str, str, str] | None = None):
    """The view gets the complaint of the tracking code instead of the code: after the rate limit (``limit``:
    group, setting, default), then the lookup; 429 when either says too many.

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


ACTION_RATE = ("action", "COMPLAINTS_ACTION_RATE", "20/h")


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


def _remember_key(request, c: Complaint) -> None:
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
            _remember_key(request, c)
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
@by_code(limit=("receipt", "COMPLAINTS_RECEIPT_RATE", "10/m"))  # a PDF costs real CPU
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


@login_not_required
@require_POST
@by_code(limit=ACTION_RATE)
def track_rate(request, c: Complaint):
    if not may_act(request, c):
        return _refused(request, c)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            handling_services.complaint_rate(complaint=c, rating=form.cleaned_data["rating"],
                                    comment=form.cleaned_data["comment"], actor=request.user)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Thank you for rating the handling of your complaint."))
            return redirect("complaints:track", code=c.code)
    return render(request, "complaints/track.html", _track_context(c, rate_form=form), status=400)


@login_not_required
@require_POST
@by_code(limit=ACTION_RATE)
def track_reopen(request, c: Complaint):
    if not may_act(request, c):
        return _refused(request, c)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            handling_services.complaint_reopen(complaint=c, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The complaint has been reopened and sent back to the agency."))
            return redirect("complaints:track", code=c.code)
    return render(request, "complaints/track.html", _track_context(c, reopen_form=form), status=400)


@login_not_required
@require_POST
@by_code(limit=ACTION_RATE)
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


# --- the citizen's own complaints ----------------------------------------------------------------
@require_GET
def mine(request):
    qs = Complaint.objects.filter(user=request.user).order_by("-received_at", "-pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "complaints/mine.html", {"page": page})


# --- public dashboard and open data -----------------------------------------------------------------
def _dashboard_filters(request) -> tuple[DashboardFilterForm, Organization | None, int | None]:
    form = DashboardFilterForm(request.GET or None, years=queries.years_available())
    province = year = None
    if form.is_valid():
        province, year = form.cleaned_data.get("province"), form.cleaned_data.get("year")
    return form, province, year


@login_not_required
@require_GET
def dashboard(request):
    form, province, year = _dashboard_filters(request)
    data = queries.dashboard(province=province, year=year)
    return render(request, "complaints/dashboard.html", {"form": form, "d": data, "province": province,
                                                         "query": request.GET.urlencode()})


@login_not_required
@require_GET
def open_data(request, fmt: str):
    if limited(request, "opendata", "COMPLAINTS_OPEN_DATA_RATE", "60/m"):
        return too_many(request)
    if fmt not in ("csv", "json"):
        raise Http404
    _form, province, year = _dashboard_filters(request)
    rows = queries.open_data_rows(province=province, year=year)
    name = f"complaints-{province.code if province else 'all'}-{year or 'last12'}"
    if fmt == "json":
        body = json.dumps({"license": "Open Government Licence (Thailand)", "fields": list(rows[0]) if rows else [],
                           "rows": rows}, ensure_ascii=False)
        return HttpResponse(body, content_type="application/json; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.json"'})
    response = HttpResponse(content_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    response.write("\ufeff")  # Excel opens UTF-8 Thai correctly with a BOM
    writer = csv.DictWriter(response, fieldnames=["month", "province", "category", "category_name", "agency",
                                                  "district", "status", "timeliness", "count"])
    writer.writeheader()
    writer.writerows(rows)
    return response

