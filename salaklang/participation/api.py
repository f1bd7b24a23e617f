"""/api/v1/consultations/ — published consultations, their questions and counts (read-only, public)."""

from __future__ import annotations

from rest_framework import mixins, permissions, serializers, viewsets

from salaklang.participation import queries
from salaklang.participation.models import Consultation, Question


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["number", "text"]


class ConsultationSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    phase = serializers.CharField(read_only=True)
    supports = serializers.IntegerField(source="n_supports", read_only=True)
    comments = serializers.IntegerField(source="n_comments", read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Consultation
        fields = ["id", "url", "province", "subject", "title", "summary", "background", "link_title", "link_url",
                  "opens_at", "closes_at", "phase", "supports", "comments", "questions", "what_we_heard",
                  "what_we_did", "responded_at"]


class ConsultationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published consultations (newest first) with support and comment counts; no personal data."""

    serializer_class = ConsultationSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return (
            queries.with_counts(Consultation.objects.public())
            .prefetch_related("questions")
            .order_by("-opens_at", "-id")
        )


def register(router) -> None:
    router.register("consultations", ConsultationViewSet, basename="consultation")
