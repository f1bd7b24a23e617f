"""/api/v1/audit/ — read-only audit trail for administrators (append-only: no write endpoints)."""

from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from salaklang.audit.access import can_view_audit, visible_entries
from salaklang.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, read_only=True)
    on_behalf_of = serializers.CharField(source="on_behalf_of.username", default=None, read_only=True)
    organization = serializers.CharField(source="organization.code", default=None, read_only=True)

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "actor", "on_behalf_of", "action", "verb", "object_type", "object_id", "object_repr",
                  "organization", "changes", "ip_address"]


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuditEntrySerializer

    def get_queryset(self):
        if not can_view_audit(self.request.user):
            raise PermissionDenied
        qs = visible_entries(self.request.user).select_related("actor", "on_behalf_of", "organization").order_by("-at", "-id")
        for param in ("object_type", "object_id", "action"):
            if self.request.query_params.get(param):
                qs = qs.filter(**{param: self.request.query_params[param]})
        return qs


def register(router):
    router.register("audit", AuditEntryViewSet, basename="audit")
