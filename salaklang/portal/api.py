"""/api/v1/portal/posts/ — the portal's posts (news, albums, announcements, documents, pages).

Public read: published posts of every site (``?site=PNA&kind=announcement``). Editors write: ``POST`` creates a
draft in a section they write in; ``PATCH`` changes content (the previous version is kept); ``POST
…/publish/`` publishes now or at ``publish_at``; ``POST …/unpublish/``. Every write goes through
``salaklang.portal.services``.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from salaklang.organizations.models import Organization
from salaklang.portal import access, services
from salaklang.portal.models import Attachment, Category, Photo, Post


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="large_url", read_only=True)
    thumbnail = serializers.CharField(source="thumb_url", read_only=True)

    class Meta:
        model = Photo
        fields = ["id", "url", "thumbnail", "caption", "is_cover", "width", "height"]


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Attachment
        fields = ["id", "url", "filename", "description", "content_type", "size", "download_count", "uploaded_at"]


class PostSerializer(serializers.ModelSerializer):
    site = serializers.CharField(source="site.province.code", read_only=True)
    section = serializers.CharField(source="organization.code", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Post
        fields = ["id", "url", "site", "section", "kind", "page", "category", "title", "summary", "body", "number",
                  "effective_date", "event_date", "venue", "status", "publish_at", "expires_at", "featured",
                  "view_count", "photos", "attachments", "updated_at"]


class PostWriteSerializer(serializers.Serializer):
    site = serializers.CharField(required=False, help_text="Province code of the site (creation only), e.g. PNA.")
    section = serializers.CharField(required=False, help_text="Code of the organization whose section it is.")
    kind = serializers.ChoiceField(choices=Post.Kind.choices, required=False)
    page = serializers.ChoiceField(choices=Post.Page.choices, required=False, allow_blank=True)
    category = serializers.CharField(required=False, allow_blank=True, help_text="Category short name.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=500)
    body = serializers.CharField(required=False, allow_blank=True)
    number = serializers.CharField(required=False, allow_blank=True, max_length=60)
    effective_date = serializers.DateField(required=False, allow_null=True)
    event_date = serializers.DateField(required=False, allow_null=True)
    venue = serializers.CharField(required=False, allow_blank=True, max_length=300)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class PublishSerializer(serializers.Serializer):
    publish_at = serializers.DateTimeField(required=False, allow_null=True)


class PostViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published posts for everyone; an editor also sees (and writes) the posts of the sections they write in."""

    serializer_class = PostSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        qs = Post.objects.public()
        user = self.request.user
        if user.is_authenticated and access.may_edit_somewhere(user):
            editable = Q()
            for site in access.editor_sites(user):
                ids = access.section_ids(user, site)
                editable |= Q(site=site) if ids is None else Q(site=site, organization_id__in=ids)
            if editable:
                qs = Post.objects.filter(Q(pk__in=qs.values("pk")) | editable)
        params = self.request.query_params
        if params.get("site"):
            qs = qs.filter(site__province__code=params["site"])
        if params.get("kind") in Post.Kind.values:
            qs = qs.filter(kind=params["kind"])
        return (qs.select_related("site__province", "organization", "category")
                .prefetch_related("photos", "attachments").order_by("-publish_at", "-id"))

    @extend_schema(parameters=[OpenApiParameter("site", str, description="Province code, e.g. PNA"),
                               OpenApiParameter("kind", str, enum=Post.Kind.values)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _writable(self, pk) -> Post:
        try:
            return access.access_post_any_site(self.request.user, pk, for_write=True)
        except Http404:
            raise NotFound from None

    @extend_schema(request=PostWriteSerializer, responses={201: PostSerializer})
    def create(self, request, *args, **kwargs):
        form = PostWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d = dict(form.validated_data)
        try:
            site = access.access_site(d.pop("site", ""))
            section = Organization.objects.get(code=d.pop("section", ""), province_id=site.province_id)
        except (Http404, Organization.DoesNotExist):
            raise NotFound from None
        slug = d.pop("category", "")
        category = Category.objects.filter(site=site, slug=slug).first() if slug else None
        post = services.post_create(actor=request.user, site=site, organization=section, category=category, **d)
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PostWriteSerializer, responses=PostSerializer)
    def partial_update(self, request, pk=None):
        post = self._writable(pk)
        form = PostWriteSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        d = dict(form.validated_data)
        d.pop("site", None)
        d.pop("section", None)
        if "category" in d:
            slug = d.pop("category")
            d["category_id"] = Category.objects.filter(site=post.site, slug=slug).values_list("pk", flat=True).first()
        post = services.post_update(post=post, actor=request.user, data=d)
        return Response(PostSerializer(post).data)

    @extend_schema(request=PublishSerializer, responses=PostSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        post = self._writable(pk)
        form = PublishSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        post = services.post_publish(post=post, actor=request.user, at=form.validated_data.get("publish_at"))
        return Response(PostSerializer(post).data)

    @extend_schema(request=None, responses=PostSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        post = self._writable(pk)
        post = services.post_unpublish(post=post, actor=request.user)
        return Response(PostSerializer(post).data)


def register(router) -> None:
    router.register("portal/posts", PostViewSet, basename="portal-post")
