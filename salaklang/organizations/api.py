"""/api/v1/organizations/ and /api/v1/people/ — read-only, scoped by the same access rules as the pages."""

from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from salaklang.accounts.models import User
from salaklang.organizations import access
from salaklang.organizations.models import Membership, Organization


class OrganizationSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None)
    province_code = serializers.CharField(source="province.code", read_only=True, default=None)
    document_prefix = serializers.CharField(read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "code", "kind", "name_th", "name_en", "short_name", "letter_prefix", "registry_code",
                  "document_prefix", "parent", "parent_code", "province", "province_code", "is_active"]


class MembershipSerializer(serializers.ModelSerializer):
    organization_code = serializers.CharField(source="organization.code", read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "organization_code", "role", "is_active"]


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    memberships = MembershipSerializer(many=True, read_only=True, source="active_memberships")

    class Meta:
        model = User
        fields = ["id", "username", "title", "first_name", "last_name", "first_name_en", "last_name_en", "full_name",
                  "position_title", "email", "phone", "is_active", "memberships"]


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationSerializer
    filterset_fields = None

    def get_queryset(self):
        qs = access.visible_organizations(self.request.user).select_related("parent", "province").order_by("depth", "name_th")
        kind = self.request.query_params.get("kind")
        if kind:
            qs = qs.filter(kind=kind)
        province = self.request.query_params.get("province")
        if province:
            qs = qs.filter(province__code=province)
        return qs


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PersonSerializer

    def get_queryset(self):
        if not access.can_manage_people(self.request.user):
            raise PermissionDenied
        from django.db.models import Prefetch

        active = Membership.objects.filter(is_active=True).select_related("organization")
        return access.visible_people(self.request.user).prefetch_related(
            Prefetch("memberships", queryset=active, to_attr="active_memberships")).order_by("pk")


def register(router):
    router.register("organizations", OrganizationViewSet, basename="organization")
    router.register("people", PersonViewSet, basename="person")
