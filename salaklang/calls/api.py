"""/api/v1/calls/ and /api/v1/proposals/ — read access with the pages' rules, plus the main actions
through the same services. A service's refusal reaches the client through
``salaklang.api.exceptions.api_exception_handler`` (400 / 403 with its message)."""

from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from salaklang.calls import access, services
from salaklang.calls.models import Call, Proposal


class CallSerializer(serializers.ModelSerializer):
    issuer_code = serializers.CharField(source="issuer.code", read_only=True)

    class Meta:
        model = Call
        fields = ["id", "title", "issuer", "issuer_code", "fiscal_year", "status", "document_number", "letter_date",
                  "categories", "quota_per_respondent", "opens_at", "deadline", "late_policy", "subject"]


class ProposalSerializer(serializers.ModelSerializer):
    organization_code = serializers.CharField(source="organization.code", read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "call", "organization", "organization_code", "status", "title", "category", "background",
                  "objectives", "target_group", "novelty", "stage", "results", "submitted_at", "is_late", "version",
                  "forwarded_from"]


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CallSerializer

    def get_queryset(self):
        return access.visible_calls(self.request.user).select_related("issuer").order_by("-created_at")

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        call = self.get_object()
        return Response(CallSerializer(services.call_publish(actor=request.user, call=call)).data)


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProposalSerializer

    def get_queryset(self):
        return access.visible_proposals(self.request.user).select_related("organization").order_by("-updated_at")

    def get_object(self):
        return access.access_proposal(self.request.user, self.kwargs["pk"])

    @action(detail=True, methods=["post"], url_path="send-for-approval")
    def send_for_approval(self, request, pk=None):
        p = self.get_object()
        return Response(ProposalSerializer(services.proposal_send_for_approval(actor=request.user, proposal=p)).data)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        p = self.get_object()
        p = services.proposal_approve(actor=request.user, proposal=p, comment=str(request.data.get("comment", "")))
        return Response(ProposalSerializer(p).data)


def register(router):
    router.register("calls", CallViewSet, basename="call")
    router.register("proposals", ProposalViewSet, basename="proposal")
