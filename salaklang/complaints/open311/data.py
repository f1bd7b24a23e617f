"""What the Open311 endpoints read and write: services (categories), service requests (complaints).

Rows are plain dicts in the GeoReport v2 field order; ``open311.format`` turns them into JSON or XML.
Nothing personal leaves this module: no complainant name, contact, account, free-text description or
exact address; a point only when the complainant chose to share it, rounded to about 100 m.

Small reference data (provinces, categories) is cached in the process for a minute, so a POST costs no
lookup queries; a category switched off takes effect within that minute.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from salaklang.complaints.models import Category, Complaint
from salaklang.complaints.open311.params import MAX_RESULTS, ParamError, RequestQuery
from salaklang.organizations.models import Organization

CACHE_SECONDS = 60
# The resolve-by date is a day; Open311's expected_datetime is the end of that working day.
END_OF_WORKING_DAY = dt.time(16, 30)

_memo: dict[str, tuple[float, Any]] = {}


def _cached(key: str, build):
    hit = _memo.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = build()
    _memo[key] = (now, value)
    return value


def clear_cache() -> None:
    _memo.clear()


# --- reference data -------------------------------------------------------------------------
def _provinces() -> dict[str, Organization]:
    return {o.code.upper(): o for o in Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True)}


def jurisdiction(code: str | None, *, required: bool = False) -> Organization | None:
    """The province for a ``jurisdiction_id`` (its code, e.g. ``PNA``). Unknown → 404; missing and
    required → 400."""
    code = (code or "").strip().upper()
    if not code:
        if required:
            raise ParamError(400, _("jurisdiction_id is required (the province code, e.g. PNA)."))
        return None
    province = _cached("provinces", _provinces).get(code)
    if province is None:
        raise ParamError(404, _("Unknown jurisdiction_id: %(code)s.") % {"code": code[:20]})
    return province


def _categories() -> dict[str, Category]:
    return {c.code: c for c in Category.objects.filter(is_active=True).order_by("position", "name_th")}


def categories() -> list[Category]:
    return list(_cached("categories", _categories).values())


def category_by_code(code: str) -> Category | None:
    return _cached("categories", _categories).get((code or "").strip())


def changeset() -> str | None:
    """When the service list last changed (GeoReport ``changeset``)."""
    from salaklang.complaints.open311.format import iso

    return iso(_cached("changeset", lambda: Category.objects.aggregate(m=Max("updated_at"))["m"]))


# --- services -------------------------------------------------------------------------------
def service_rows(province: Organization | None) -> list[dict]:
    return [{
        "service_code": c.code,
        "service_name": c.name,
        "description": c.description or None,
        "metadata": True,  # every service takes the attributes below
        "type": "realtime",
        "keywords": c.keywords or None,
        "group": c.group or None,
    } for c in categories()]


def _districts(province: Organization) -> list[Organization]:
    return list(Organization.objects.filter(parent=province, kind=Organization.Kind.DISTRICT, is_active=True)
                .order_by("name_th"))


def service_definition(category: Category, province: Organization | None) -> dict:
    """The attributes Open311 lacks. District is a list of the province's districts when
    ``jurisdiction_id`` is given, else free text."""
    district: dict[str, Any] = {
        "variable": True, "code": "district", "datatype": "string", "required": False,
        "datatype_description": _("The district (amphoe) name."), "order": 2, "description": _("District"),
    }
    if province is not None:
        district.update(datatype="singlevaluelist", datatype_description=None,
                        values=[{"key": d.code, "name": d.name_th} for d in _districts(province)])
    attributes = [
        {"variable": True, "code": "subject", "datatype": "string", "required": False,
         "datatype_description": _("A short subject, up to 200 characters."), "order": 1,
         "description": _("Subject")},
        district,
        {"variable": True, "code": "subdistrict", "datatype": "string", "required": False,
         "datatype_description": _("The sub-district (tambon) name."), "order": 3, "description": _("Sub-district")},
        {"variable": True, "code": "share_point", "datatype": "singlevaluelist", "required": False,
         "datatype_description": None, "order": 4,
         "description": _("May the map point be shown publicly (rounded to about 100 m)?"),
         "values": [{"key": "false", "name": _("No")}, {"key": "true", "name": _("Yes")}]},
    ]
    if category.is_sensitive:
        attributes.append({
            "variable": True, "code": "consent_sensitive", "datatype": "singlevaluelist", "required": True,
            "datatype_description": None, "order": 5,
            "description": _("Complaints of this kind usually carry sensitive data (e.g. health). The complainant "
                             "consents to its processing for handling the complaint."),
            "values": [{"key": "true", "name": _("I consent")}],
        })
    return {"service_code": category.code, "attributes": attributes}


# --- service requests -----------------------------------------------------------------------
def open311_status(status: str) -> str:
    return "open" if status in Complaint.OPEN else "closed"


def _status_notes(c: Complaint) -> str | None:
    if c.status == Complaint.Status.MERGED and c.merged_into_id:
        return _("Merged into %(code)s; follow that request.") % {"code": c.merged_into.code}
    if c.status == Complaint.Status.SPLIT:
        return _("Split to several agencies; each part has its own code.")
    if c.status in Complaint.CLOSED:
        label = str(Complaint.Status(c.status).label)
        return f"{label}: {c.outcome_reason}" if c.outcome_reason else label
    return None


def _expected(c: Complaint) -> dt.datetime | None:
    if c.status not in Complaint.OPEN or c.resolve_due is None:
        return None
    return timezone.make_aware(dt.datetime.combine(c.resolve_due, END_OF_WORKING_DAY))


def _address(c: Complaint) -> str:
    district = c.district.name_th if c.district_id else c.district_name
    return " ".join(p for p in (c.subdistrict, district, c.province.name_th) if p)


def request_row(c: Complaint) -> dict:
    """One complaint as a GeoReport v2 service request, without personal data."""
    point = c.public_point
    category = c.category
    subject = c.subject if c.subject and c.subject != category.name_th else ""
    description = f"{category.name}: {subject}" if subject else category.name
    return {
        "service_request_id": c.code,
        "status": open311_status(c.status),
        "status_notes": _status_notes(c),
        "service_name": category.name,
        "service_code": category.code,
        "description": description,
        "agency_responsible": c.agency.name_th if c.agency_id else None,
        "service_notice": None,
        "requested_datetime": c.received_at,
        "updated_datetime": c.updated_at,
        "expected_datetime": _expected(c),
        "address": _address(c),
        "address_id": None,
        "zipcode": None,
        "lat": point[0] if point else None,
        "long": point[1] if point else None,
        "media_url": None,
    }


PUBLIC_FIELDS = ("id", "code", "status", "subject", "outcome_reason", "received_at", "updated_at", "resolve_due",
                 "latitude", "longitude", "share_point", "subdistrict", "district_name", "category_id", "agency_id",
                 "district_id", "province_id", "merged_into_id")


def _public_queryset():
    """Complaints with only the columns a public row needs (personal data is never loaded)."""
    return (Complaint.objects.select_related("category", "agency", "district", "province", "merged_into")
            .only(*PUBLIC_FIELDS, "category__code", "category__name_th", "category__name_en",
                  "agency__name_th", "district__name_th", "province__name_th", "merged_into__code"))


def request_rows_by_ids(ids: list[str]) -> list[dict]:
    from salaklang.complaints.services.codes import normalize_code

    # read leniently, as the tracking page does (case, O/0, I/1, missing dashes)
    ids = [normalize_code(i) or i.strip().upper() for i in ids if i.strip()][:MAX_RESULTS]
    found = {c.code: c for c in _public_queryset().filter(code__in=ids)}
    return [request_row(found[i]) for i in dict.fromkeys(ids) if i in found]


def request_rows(query: RequestQuery) -> list[dict]:
    if query.ids:
        return request_rows_by_ids(query.ids)
    qs = _public_queryset()
    if query.jurisdiction:
        qs = qs.filter(province=jurisdiction(query.jurisdiction))
    if query.service_codes:
        qs = qs.filter(category__code__in=query.service_codes)
    if query.start:
        qs = qs.filter(received_at__gte=query.start)
    if query.end:
        qs = qs.filter(received_at__lte=query.end)
    if query.statuses and set(query.statuses) != {"open", "closed"}:
        wanted = Complaint.OPEN if query.statuses == ["open"] else (*Complaint.CLOSED, *Complaint.FINAL)
        qs = qs.filter(status__in=wanted)
    return [request_row(c) for c in qs.order_by("-received_at", "-id")[:MAX_RESULTS]]


# --- POST -----------------------------------------------------------------------------------
def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _district(province: Organization, value: str) -> tuple[Organization | None, str]:
    """A district attribute: a district code of the province (from the service definition) or a name."""
    value = value.strip()[:120]
    if not value:
        return None, ""
    key = f"districts:{province.pk}"
    districts = _cached(key, lambda: {d.code.upper(): d for d in _districts(province)})
    found = districts.get(value.upper()) or next((d for d in districts.values() if d.name_th == value), None)
    return (found, "") if found else (None, value)


def submit(*, key, jurisdiction: Organization, category: Category, description: str,
           point: tuple[float, float] | None, address: str, address_id: str, attributes: dict[str, str],
           contact: dict[str, str], device_id: str, account_id: str, media_url: str) -> Complaint:
    """A POSTed service request through the one write path (``intake.complaint_submit``)."""
    from salaklang.complaints.services import intake

    if category.is_sensitive and not _truthy(attributes.get("consent_sensitive")):
        raise ParamError(400, _("This service needs attribute[consent_sensitive]=true (explicit consent to "
                                "sensitive data)."))
    district, district_name = _district(jurisdiction, attributes.get("district", ""))
    # Without a subject attribute the category names the complaint: the free-text description never becomes
    # public through the subject.
    subject = (attributes.get("subject") or "").strip()[:200] or category.name_th
    name = " ".join(p for p in (contact.get("first_name"), contact.get("last_name")) if p)
    anonymous = not (name or contact.get("email") or contact.get("phone"))
    place = address or (f"address_id {address_id}" if address_id else "")
    complaint = intake.complaint_submit(
        actor=key.user, channel=Complaint.Channel.OPEN311, province=jurisdiction, category=category,
        subject=subject, description=description, district=district, district_name=district_name,
        subdistrict=(attributes.get("subdistrict") or "").strip()[:120], address=place[:300],
        latitude=point[0] if point else None, longitude=point[1] if point else None,
        share_point=_truthy(attributes.get("share_point")) and point is not None,
        anonymous=anonymous, contact_name=name[:200], contact_email=contact.get("email", ""),
        contact_phone=contact.get("phone", ""),
        consent_sensitive=category.is_sensitive, external_ref=(device_id or account_id)[:100],
    )
    if not isinstance(complaint, Complaint):
        raise ValidationError(_("The complaint could not be stored."))
    return complaint


def post_response_row(complaint: Complaint) -> dict:
    days = complaint.category.resolve_days
    return {
        "service_request_id": complaint.code,
        "service_notice": _("Received by the Damrongdhama centre of %(province)s. It will be answered within "
                            "%(days)s working days; follow it with this code.")
        % {"province": complaint.province.name_th, "days": days},
        "account_id": None,
    }
