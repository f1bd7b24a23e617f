"""Filing a complaint (public, no sign-in needed, rate limited per address)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from salaklang.complaints.forms import (
    POINT_HELP,
    ComplaintForm,
)
from salaklang.complaints.models import Complaint
from salaklang.complaints.services import common, intake
from salaklang.complaints.views.limits import (
    default_province,
    limited,
    too_many,
)
from salaklang.complaints.views.tracking import NEW_KEY_SESSION, remember_key
from salaklang.core.forms import errors_to_form


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
        if limited(request, "submit", "COMPLAINTS_SUBMIT_RATE"):
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
                remember_key(request, c)
                request.session[NEW_KEY_SESSION] = c.code  # show the private link once on the next page
                return redirect("complaints:track", code=c.code)
    return render(request, "complaints/complaint_form.html", {
        "form": form, "point_help": POINT_HELP, "retention_years": round(common.retention_days() / 365),
        "reopen_days": common.reopen_days()}, status=400 if request.method == "POST" else 200)
