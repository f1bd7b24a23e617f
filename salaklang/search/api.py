"""/api/v1/search/?q=…&kind=… — the same engine, ranking and permissions as the search page."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from salaklang.search import engine
from salaklang.search.kinds import REGISTRY
from salaklang.search.views import limited, params

HIT_FIELDS = {
    "kind": serializers.CharField(), "kind_label": serializers.CharField(), "label": serializers.CharField(),
    "title": serializers.CharField(), "url": serializers.CharField(),
    "date": serializers.DateTimeField(allow_null=True), "fiscal_year": serializers.IntegerField(allow_null=True),
    "organization": serializers.CharField(allow_null=True), "province": serializers.CharField(allow_null=True),
    "snippet": serializers.CharField(help_text="HTML: the text around the first match, matches in <mark>"),
    "title_highlighted": serializers.CharField(),
}


class SearchView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Search everything the caller may open",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="words (all must occur; Thai sub-words, both digit "
                                                                 "forms, any Latin case); at least 3 characters"),
            OpenApiParameter("kind", OpenApiTypes.STR, many=True, enum=sorted(REGISTRY)),
            OpenApiParameter("province", OpenApiTypes.STR, description="province code, e.g. PNA"),
            OpenApiParameter("fy", OpenApiTypes.INT, description="fiscal year (B.E.)"),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses={200: inline_serializer("SearchResults", {
            "query": serializers.CharField(), "error": serializers.CharField(), "page": serializers.IntegerField(),
            "has_next": serializers.BooleanField(), "results": inline_serializer("SearchHit", HIT_FIELDS, many=True)}),
            400: OpenApiTypes.OBJECT, 429: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        if limited(request._request):
            return Response({"detail": "Too many searches: wait a minute and try again."}, status=429)
        p = params(request._request)
        res = engine.search(request.user, p["q"], kinds=p["kinds"], province_id=p["province_id"],
                            fiscal_year=p["fiscal_year"], page=p["page"])
        return Response({"query": res.query.raw, "error": res.error, "page": res.page, "has_next": res.has_next,
                         "results": [h.as_dict() for h in res.hits]}, status=400 if res.query.too_long else 200)


def register(router) -> None:
    pass


urlpatterns = [path("search/", SearchView.as_view(), name="search")]
