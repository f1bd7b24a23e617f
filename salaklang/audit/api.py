"""/api/v1/audit/ — read-only audit trail for administrators (append-only: no write endpoints).

Sealed entries (a citizen's or an anonymous filing, a personal-data request) show ``actor`` and ``ip_address``
as null and ``sealed: true``, except to people allowed to see complainants' personal data (each such read is
audited)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from salaklang.audit.access import can_view_audit, unseal, visible_entries
from salaklang.audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    on_behalf_of = serializers.CharField(source="on_behalf_of.username", default=None, read_only=True)
    organization = serializers.CharField(source="organization.code", default=None, read_only=True)
    ip_address = serializers.SerializerMethodField()
    sealed = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "actor", "on_behalf_of", "action", "verb", "object_type", "object_id", "object_repr",
                  "organization", "changes", "ip_address", "sealed"]

    def _revealed(self, obj) -> dict | None:
        return self.context.get("revealed", {}).get(obj.pk)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, obj):
        shown = self._revealed(obj)
        if shown:
            return shown["actor"]
        return obj.actor.username if obj.actor_id else None

    @extend_schema_field(serializers.IPAddressField(allow_null=True))
    def get_ip_address(self, obj):
        shown = self._revealed(obj)
        return shown["ip_address"] if shown else obj.ip_address

    def get_sealed(self, obj) -> bool:
        return hasattr(obj, "sealed")


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuditEntrySerializer

    def get_queryset(self):
        if not can_view_audit(self.request.user):
            raise PermissionDenied
        qs = visible_entries(self.request.user).select_related(
            "actor", "on_behalf_of", "organization", "sealed").order_by("-at", "-id")
        for param in ("object_type", "object_id", "action"):
            if self.request.query_params.get(param):
                qs = qs.filter(**{param: self.request.query_params[param]})
        return qs

    def get_serializer(self, *args, **kwargs):
        instance = args[0] if args else kwargs.get("instance")
        entries = list(instance) if isinstance(instance, list | tuple) else ([instance] if instance else [])
        sealed = [e for e in entries if isinstance(e, AuditEntry) and hasattr(e, "sealed")]
        kwargs.setdefault("context", self.get_serializer_context())
        kwargs["context"]["revealed"] = unseal(self.request.user, sealed) if sealed else {}
        return super().get_serializer(*args, **kwargs)


def register(router):
    router.register("audit", AuditEntryViewSet, basename="audit")
