"""/api/v1/plans/, /api/v1/plan-indicators/ and /api/v1/scorecards/ — read access with the pages' rules."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from salaklang.organizations.models import Organization
from salaklang.plans import access, queries
from salaklang.plans.models import Indicator, Plan


class PlanSerializer(serializers.ModelSerializer):
    province_code = serializers.CharField(source="province.code", read_only=True)
    agenda_title = serializers.CharField(source="agenda.title", read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "agenda", "agenda_title", "province", "province_code", "title", "objective",
                  "fiscal_year_from", "fiscal_year_to", "reporting_frequency", "status", "activated_at", "closed_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    owner_code = serializers.CharField(source="owner.code", read_only=True)
    targets = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", "plan", "mechanism", "activity", "kind", "name", "unit", "value_type", "baseline", "direction",
                  "aggregation", "data_source", "owner", "owner_code", "targets", "latest_period", "latest_actual",
                  "latest_target", "status"]

    def get_targets(self, obj) -> dict[str, str]:
        return {t.period: str(t.target) for t in obj.targets.all()}


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanSerializer

    def get_queryset(self):
        return access.visible_plans(self.request.user).select_related("province", "agenda").order_by("pk")


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        qs = (Indicator.objects.filter(plan__in=access.visible_plans(self.request.user))
              .select_related("owner").prefetch_related("targets").order_by("pk"))
        plan = self.request.query_params.get("plan")
        if plan and plan.isdigit():
            qs = qs.filter(plan_id=int(plan))
        return qs


class ScorecardViewSet(viewsets.ViewSet):
    """list: the national side-by-side counts (national office); retrieve: one province's scorecard."""

    def _fy(self, request, province=None) -> int:
        fy = request.query_params.get("fy", "")
        return int(fy) if fy.isdigit() else queries.default_fy(province)

    @extend_schema(operation_id="scorecards_national", responses=OpenApiTypes.OBJECT,
                   parameters=[OpenApiParameter("fy", int, description="fiscal year (B.E.)")])
    def list(self, request):
        if not access.can_see_national(request.user):
            raise PermissionDenied
        provinces = list(Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True).order_by("code"))
        rows = queries.national_scorecard(provinces, self._fy(request))
        return Response([{"province": r["province"].code, "plans": r["plans"], "total": r["total"],
                          "mechanisms": {m["mechanism"]: dict(m["counts"]) for m in r["mechanisms"]}} for r in rows])

    @extend_schema(operation_id="scorecards_province", responses=OpenApiTypes.OBJECT,
                   parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="province id"),
                               OpenApiParameter("fy", int, description="fiscal year (B.E.)")])
    def retrieve(self, request, pk=None):
        try:
            province = access.access_province_scorecard(request.user, pk)
        except Http404:
            raise NotFound from None
        except DjangoPermissionDenied:
            raise PermissionDenied from None
        data = queries.province_scorecard(province, self._fy(request, province), with_charts=False)
        return Response({"province": province.code, "fiscal_year": data["fy"], "totals": data["totals"], "plans": [
            {"plan": b.plan.pk, "agenda": b.plan.agenda.title, "counts": b.counts, "indicators": [
                {"id": r.indicator.pk, "name": r.indicator.name, "mechanism": m.mechanism, "unit": r.indicator.unit,
                 "period": r.latest.period, "target": None if r.latest.target is None else str(r.latest.target),
                 "actual": None if r.latest.actual is None else str(r.latest.actual), "status": r.latest.status.value}
                for m in b.mechanisms for r in m.rows]} for b in data["plans"]]})


def register(router):
    router.register("plans", PlanViewSet, basename="plan")
    router.register("plan-indicators", IndicatorViewSet, basename="plan-indicator")
    router.register("scorecards", ScorecardViewSet, basename="scorecard")
