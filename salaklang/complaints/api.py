"""/api/v1/complaints/ — complaint intake, public status by tracking code, and the staff's own list.

* ``POST /api/v1/complaints/`` — file a complaint (API key ``Authorization: Api-Key …`` or a signed-in session),
  through ``services.intake.complaint_submit`` (channel ``api``; a centre officer may record a staff channel such as
  ``hotline_1567``). Answers 201 with the tracking code.
* ``GET /api/v1/complaints/{tracking_code}/`` — public status and public timeline; no personal data.
* ``GET /api/v1/complaints/`` — signed-in staff: the complaints they may handle (the centre its province, an agency
  its own), paginated, newest first, without the complainant's identity.

Rate limits (django-ratelimit, shared cache): intake per account (``API_COMPLAINT_RATE``, default 600/min) and
public status reads per address (``API_COMPLAINT_STATUS_RATE``, default 120/min); 429 beyond.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, throttling, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from salaklang.complaints import access, queries
from salaklang.complaints.models import Category, Complaint, ComplaintEvent
from salaklang.complaints.services import codes, common
from salaklang.complaints.services import intake as intake_services
from salaklang.core.ratelimit import is_ratelimited
from salaklang.organizations.models import Organization


def _rate(name: str, default: str) -> str:
    return getattr(settings, name, None) or os.environ.get(name) or default


class _Limit(throttling.BaseThrottle):
    """A django-ratelimit counter as a DRF throttle (so the limit is shared with the rest of the site)."""

    group = ""
    setting = ""
    default = ""

    def key(self, request) -> str:
        return "ip"

    def allow_request(self, request, view) -> bool:
        key = self.key(request)
        return not is_ratelimited(request._request, group=f"api.complaints.{self.group}",
                                  key=key if callable(key) else key, rate=_rate(self.setting, self.default),
                                  increment=True)


class IntakeLimit(_Limit):
    group, setting, default = "intake", "API_COMPLAINT_RATE", "600/m"

    def key(self, request):
        user_pk = request.user.pk
        return lambda group, req: f"user:{user_pk}"


class StatusLimit(_Limit):
    group, setting, default = "status", "API_COMPLAINT_STATUS_RATE", "120/m"


# --- serializers -------------------------------------------------------------------------------
class IntakeSerializer(serializers.Serializer):
    province = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.filter(
        kind=Organization.Kind.PROVINCE, is_active=True), help_text=_("Province code, e.g. PNA."))
    category = serializers.SlugRelatedField(slug_field="code", queryset=Category.objects.filter(is_active=True),
                                            help_text=_("Category code (the Open311 service_code)."))
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000)
    district = serializers.SlugRelatedField(slug_field="code", required=False, allow_null=True,
                                            queryset=Organization.objects.filter(kind=Organization.Kind.DISTRICT),
                                            help_text=_("District code, e.g. PNA-D-TAKUAPA."))
    subdistrict = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    share_point = serializers.BooleanField(required=False, default=False)
    anonymous = serializers.BooleanField(required=False, default=False)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    consent_sensitive = serializers.BooleanField(required=False, default=False)
    channel = serializers.ChoiceField(choices=[Complaint.Channel.API, *Complaint.STAFF_CHANNELS],
                                      default=Complaint.Channel.API, required=False,
                                      help_text=_("A centre officer records how the complaint arrived."))
    external_ref = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class ReceiptSerializer(serializers.Serializer):
    tracking_code = serializers.CharField(source="code")
    status = serializers.CharField()
    received_at = serializers.DateTimeField()
    acknowledge_by = serializers.DateField(source="ack_due")
    resolve_by = serializers.DateField(source="resolve_due")
    url = serializers.SerializerMethodField()
    private_url = serializers.SerializerMethodField(
        help_text="The filer's private link: only it (or the filer's account) lets them rate or reopen. Give it to "
                  "the filer only; the tracking code alone reads the public status.")

    def get_url(self, c) -> str:
        from django.urls import reverse

        from salaklang.core.links import absolute_url

        return absolute_url(reverse("complaints:track", kwargs={"code": c.code}))  # BASE_URL, not the Host header

    def get_private_url(self, c) -> str:
        return f"{self.get_url(c)}?key={common.action_key(c)}"


class PublicEventSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name_th", default=None)

    class Meta:
        model = ComplaintEvent
        fields = ["at", "kind", "to_status", "text", "organization"]


class PublicStatusSerializer(serializers.ModelSerializer):
    """What the public tracking page shows: no complainant, contact, description or exact address."""

    tracking_code = serializers.CharField(source="code")
    province = serializers.CharField(source="province.code")
    category = serializers.CharField(source="category.code")
    category_name = serializers.CharField(source="category.name")
    agency = serializers.CharField(source="agency.name_th", default=None)
    district = serializers.SerializerMethodField()
    point = serializers.SerializerMethodField()
    merged_into = serializers.CharField(source="merged_into.code", default=None)
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = ["tracking_code", "status", "province", "category", "category_name", "subject", "agency",
                  "district", "subdistrict", "point", "received_at", "ack_due", "resolve_due", "acknowledged_at",
                  "closed_at", "outcome_reason", "rating", "merged_into", "timeline"]

    def get_district(self, c) -> str:
        return c.district.name_th if c.district_id else c.district_name

    def get_point(self, c) -> list[float] | None:
        point = c.public_point
        return list(point) if point else None

    def get_timeline(self, c) -> list[dict]:
        return PublicEventSerializer(queries.public_timeline(c), many=True).data


class StaffListSerializer(serializers.ModelSerializer):
    """One line of the inbox (identity stays on the case page, where each view is audit-logged)."""

    tracking_code = serializers.CharField(source="code")
    category = serializers.CharField(source="category.code")
    agency = serializers.CharField(source="agency.code", default=None)
    province = serializers.IntegerField(source="province_id")
    district = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = ["id", "tracking_code", "status", "channel", "category", "subject", "province", "agency",
                  "district", "subdistrict", "received_at", "ack_due", "resolve_due", "acknowledged_at", "is_overdue"]

    def get_district(self, c) -> str:
        return c.district.name_th if c.district_id else c.district_name

    def get_is_overdue(self, c) -> bool:
        return c.is_overdue()


# --- the viewset -----------------------------------------------------------------------------
@extend_schema_view(
    list=extend_schema(summary="The complaints you handle (staff)", responses=StaffListSerializer(many=True)),
    retrieve=extend_schema(summary="Public status of a complaint by tracking code", responses=PublicStatusSerializer),
    create=extend_schema(summary="File a complaint", request=IntakeSerializer, responses={201: ReceiptSerializer}),
)
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       viewsets.GenericViewSet):
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]{8,40}"

    def get_permissions(self):
        if self.action == "retrieve":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_throttles(self):
        # Their own limits on top of the site-wide API throttles (issue 10: every operation is throttled).
        if self.action == "create":
            return [IntakeLimit(), *super().get_throttles()]
        if self.action == "retrieve":
            return [StatusLimit(), *super().get_throttles()]
        return super().get_throttles()

    def get_serializer_class(self):
        return {"create": IntakeSerializer, "retrieve": PublicStatusSerializer}.get(self.action, StaffListSerializer)

    def get_queryset(self):
        if self.action == "list":
            if not access.is_complaint_staff(self.request.user):
                return Complaint.objects.none()
            status_ = self.request.query_params.get("status", "all")
            return queries.inbox(self.request.user, status=status_).only(
                "pk", "code", "status", "channel", "subject", "province_id", "subdistrict", "district_name",
                "received_at", "ack_due", "resolve_due", "acknowledged_at", "category__code", "agency__code",
                "district__name_th")
        return Complaint.objects.select_related("province", "category", "agency", "district", "merged_into")

    def get_object(self):
        code = codes.normalize_code(self.kwargs.get("code", ""))
        c = self.get_queryset().filter(code=code).first() if code else None
        if c is None:
            raise NotFound
        return c

    def create(self, request, *args, **kwargs):
        form = IntakeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        # A person signed in with a session files for themself; an officer recording a call or letter does not,
        # and neither does a machine client with an API key.
        files_for_self = request.auth is None and d["channel"] == Complaint.Channel.API
        try:
            c = intake_services.complaint_submit(
                province=d["province"], category=d["category"], subject=d["subject"], description=d["description"],
                channel=d["channel"], actor=request.user, user=request.user if files_for_self else None,
                district=d.get("district"), subdistrict=d["subdistrict"], address=d["address"],
                latitude=d.get("latitude"), longitude=d.get("longitude"), share_point=d["share_point"],
                anonymous=d["anonymous"], contact_name=d["contact_name"], contact_email=d["contact_email"],
                contact_phone=d["contact_phone"], consent_sensitive=d["consent_sensitive"],
                external_ref=d["external_ref"])
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        except ValidationError as exc:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
            return Response(detail, status=status.HTTP_400_BAD_REQUEST)
        return Response(ReceiptSerializer(c, context={"request": request}).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("complaints", ComplaintViewSet, basename="complaint")
