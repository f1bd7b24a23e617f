"""/api/v1/agendas/ and /api/v1/meetings/ — read access with the pages' rules."""

from rest_framework import serializers, viewsets

from salaklang.agendas import access
from salaklang.agendas.models import Agenda, Attendee, Meeting, MeetingItem


class AgendaSerializer(serializers.ModelSerializer):
    province_code = serializers.CharField(source="province.code", read_only=True)
    proposed_by_code = serializers.CharField(source="proposed_by.code", read_only=True)

    class Meta:
        model = Agenda
        fields = ["id", "province", "province_code", "fiscal_year", "title", "problem", "area", "evidence",
                  "proposed_by", "proposed_by_code", "national_strategy", "status", "selected_at", "selected_by_item"]


class AttendeeSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    delegate_name = serializers.SerializerMethodField()

    class Meta:
        model = Attendee
        fields = ["id", "label", "person", "organization", "role_label", "kind", "attendance", "delegate",
                  "delegate_name"]

    def get_delegate_name(self, obj) -> str:
        return str(obj.delegate) if obj.delegate_id else ""


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingItem
        fields = ["id", "section", "title", "agendas", "call", "discussion", "resolution"]


class MeetingSerializer(serializers.ModelSerializer):
    committee_name = serializers.CharField(source="committee.name_th", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "committee", "committee_name", "province", "number", "title", "date", "start_time", "end_time",
                  "venue", "chair", "status", "opened_at", "closed_at", "minutes_status", "minutes_version"]


class MeetingDetailSerializer(MeetingSerializer):
    attendees = AttendeeSerializer(many=True, read_only=True)
    items = ItemSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "attendees", "items"]


class AgendaViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AgendaSerializer

    def get_queryset(self):
        qs = access.visible_agendas(self.request.user).select_related("province", "proposed_by").order_by(
            "-fiscal_year", "pk")
        fy, status = self.request.query_params.get("fiscal_year"), self.request.query_params.get("status")
        if fy and fy.isdigit():
            qs = qs.filter(fiscal_year=int(fy))
        if status:
            qs = qs.filter(status=status)
        return qs

    def get_object(self):
        return access.access_agenda(self.request.user, self.kwargs["pk"])


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_queryset(self):
        qs = access.visible_meetings(self.request.user).select_related("committee").order_by("-date", "pk")
        if self.action == "retrieve":
            qs = qs.prefetch_related("attendees__delegate", "attendees__person", "attendees__organization",
                                     "items__agendas")
        return qs


def register(router):
    router.register("agendas", AgendaViewSet, basename="agenda")
    router.register("meetings", MeetingViewSet, basename="meeting")
