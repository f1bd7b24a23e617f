"""/api/v1/ita/… — item lists, evidence and readiness (read-only; changes go through the pages and services).

``ita/items/?year=2570[&province=PNA]`` — the list that applies (public). ``ita/evidence/?org=PNA&year=2570`` —
published evidence with public URLs (staff who answer for the organization also see drafts).
``ita/readiness/?year=2570`` — the board for the signed-in strategy staff (their province) or national admins.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from salaklang.core.links import absolute_url
from salaklang.openinfo import access, queries, services
from salaklang.openinfo.models import Evidence, Item
from salaklang.organizations.models import Organization


class ItemSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="year.year", read_only=True)

    class Meta:
        model = Item
        fields = ["id", "year", "code", "title_th", "description", "group", "generator", "order"]


class EvidenceSerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.code", read_only=True)
    item = serializers.CharField(source="item.code", read_only=True)
    year = serializers.IntegerField(source="item.year.year", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "organization", "year", "item", "kind", "title", "generator", "status", "due_on",
                  "published_at", "url"]

    def get_url(self, ev) -> str:
        return absolute_url(queries.item_url(ev.organization, ev.item))


def _int(value, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound(f"{name} must be a B.E. year, e.g. 2570") from None


def _org(code) -> Organization:
    org = Organization.objects.filter(code=code or "", is_active=True).first()
    if org is None:
        raise NotFound("unknown organization")
    return org


class ItemViewSet(viewsets.ViewSet):
    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[OpenApiParameter("year", int, required=True),
                               OpenApiParameter("org", str, description="organization code (its province's list); without it, the "
                                                "list of the signed-in person's province, else the national list")],
                   responses=ItemSerializer(many=True))
    def list(self, request):
        year = _int(request.query_params.get("year"), "year")
        org = _org(request.query_params.get("org")) if request.query_params.get("org") else None
        if org is None:  # a signed-in person of a province: the list that applies to their province
            from salaklang.organizations.access import roles_of

            province_ids = sorted(roles_of(request.user).province_ids)
            org = Organization(province_id=province_ids[0] if province_ids else None)
        ay = services.year_for(org, year)
        if ay is None:
            raise NotFound("no list for this year")
        return Response(ItemSerializer(ay.items.select_related("year"), many=True).data)


class EvidenceViewSet(viewsets.ViewSet):
    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=[OpenApiParameter("year", int, required=True), OpenApiParameter("org", str, required=True)],
                   responses=EvidenceSerializer(many=True))
    def list(self, request):
        year = _int(request.query_params.get("year"), "year")
        org = _org(request.query_params.get("org"))
        qs = Evidence.objects.filter(organization=org, item__year__year=year).select_related(
            "organization", "item__year").order_by("item__order", "id")
        if not (request.user.is_authenticated and access.can_answer(request.user, org)):
            qs = qs.filter(status=Evidence.Status.PUBLISHED)
        return Response(EvidenceSerializer(qs, many=True).data)


class ReadinessViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("year", int, required=True)], responses={200: dict})
    def list(self, request):
        year = _int(request.query_params.get("year"), "year")
        province_ids = access.board_province_ids(request.user)
        if province_ids is not None and not province_ids:
            raise PermissionDenied
        data = queries.board(year=year, province_ids=province_ids)
        codes = [i.code for i in data["items"]]
        return Response({
            "year": year, "items": codes,
            "organizations": [{"code": r["org"].code, "name_th": r["org"].name_th, "rate": r["rate"],
                               "statuses": [c["status"] for c in r["cells"]]} for r in data["rows"]],
            "provinces": [{"code": p["province"].code, "rate": p["rate"], "done": p["done"], "total": p["total"]}
                          for p in data["provinces"]],
        })


def register(router) -> None:
    router.register("ita/items", ItemViewSet, basename="ita-item")
    router.register("ita/evidence", EvidenceViewSet, basename="ita-evidence")
    router.register("ita/readiness", ReadinessViewSet, basename="ita-readiness")
