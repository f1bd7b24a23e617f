"""The public portal of a provincial hall (เว็บไซต์ศาลากลางจังหวัด).

One ``Site`` per province: it answers on its own host name (e.g. www.phangnga.go.th) and under
``/p/<code>/`` of the shared site. Each organization of the province (the province itself, its agencies,
districts) writes in its own *section* of that site: a ``Post`` belongs to a site and to the organization
whose editors wrote it. Posts are news, activity albums, announcements (ประกาศ), documents
(เอกสารเผยแพร่) and standing pages (history, vision, structure, ...). The status workflow is declared with
``salaklang.core.workflow`` (see ``salaklang.portal.apps``); every change keeps the previous content as a
``PostVersion``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from salaklang.core.models import TimeStampedModel, Version


def _english() -> bool:
    return (get_language() or "th").startswith("en")


class Site(TimeStampedModel):
    province = models.OneToOneField(
        "organizations.Organization", verbose_name=_("province"), on_delete=models.PROTECT, related_name="portal_site",
        limit_choices_to={"kind": "province"},
    )
    office = models.ForeignKey(
        "organizations.Organization", verbose_name=_("office that runs the site"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Usually the Provincial Office: its portal editors edit the home page, categories and standing pages."),
    )
    host = models.CharField(
        _("host name"), max_length=200, unique=True, null=True, blank=True,
        help_text=_("The site's own address without https://, e.g. www.phangnga.go.th (also add it to ALLOWED_HOSTS)."),
    )
    title_th = models.CharField(_("site name (Thai)"), max_length=200)
    title_en = models.CharField(_("site name (English)"), max_length=200, blank=True)
    tagline = models.CharField(_("tagline (Thai)"), max_length=300, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=300, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("portal site")
        verbose_name_plural = _("portal sites")
        ordering = ["title_th"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if _english() and self.title_en else self.title_th

    @property
    def tagline_text(self) -> str:
        """The tagline in the page's language: an English page without an English tagline shows none (never Thai)."""
        return self.tagline_en if _english() else self.tagline

    @property
    def code(self) -> str:
        return self.province.code

    def get_absolute_url(self) -> str:
        return reverse("portal:home", args=[self.province.code])


class Category(models.Model):
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="categories")
    slug = models.SlugField(_("short name in addresses"), max_length=60, allow_unicode=False)
    name_th = models.CharField(_("name (Thai)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("portal", "category")
        verbose_name_plural = pgettext_lazy("portal", "categories")
        ordering = ["sort_order", "name_th"]
        constraints = [models.UniqueConstraint(fields=["site", "slug"], name="portal_category_slug_unique")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:category", args=[self.site.province.code, self.slug])

    @property
    def name(self) -> str:
        return self.name_en if _english() and self.name_en else self.name_th


class PostQuerySet(models.QuerySet):
    def public(self, now=None):
        """What an anonymous visitor sees: published (or scheduled and due), not expired."""
        now = now or timezone.now()
        return self.filter(
            status__in=(Post.Status.PUBLISHED, Post.Status.SCHEDULED), publish_at__lte=now,
        ).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class Post(TimeStampedModel):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        ALBUM = "album", _("Activity album")
        ANNOUNCEMENT = "announcement", _("Announcement")
        DOCUMENT = "document", _("Document")
        PAGE = "page", _("Standing page")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    # The table of allowed status changes (registered with salaklang.core.workflow in apps.py).
    TRANSITIONS = {
        Status.DRAFT: {Status.SCHEDULED, Status.PUBLISHED},
        Status.SCHEDULED: {Status.PUBLISHED, Status.DRAFT},
        Status.PUBLISHED: {Status.UNPUBLISHED},
        Status.UNPUBLISHED: {Status.PUBLISHED, Status.SCHEDULED, Status.DRAFT},
    }

    class Page(models.TextChoices):
        """The standing pages Thai government website standards ask for."""

        HISTORY = "history", pgettext_lazy("portal page", "History")
        VISION = "vision", _("Vision and mission")
        STRUCTURE = "structure", _("Organization structure")
        EXECUTIVES = "executives", _("Executives")
        DUTIES = "duties", _("Powers and duties")
        CONTACT = "contact", _("Contact us")

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="posts")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("section (organization)"), on_delete=models.PROTECT,
        related_name="portal_posts",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    page = models.CharField(_("standing page"), max_length=20, choices=Page.choices, blank=True)
    category = models.ForeignKey(Category, verbose_name=pgettext_lazy("portal", "category"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="posts")
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True,
                               help_text=_("One or two sentences for lists, feeds and share previews."))
    body = models.TextField(_("text"), blank=True)
    number = models.CharField(_("announcement number"), max_length=60, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    event_date = models.DateField(_("date of the activity"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True,
                                      help_text=_("After this time the post is no longer shown (announcements)."))
    featured = models.BooleanField(_("featured on the province home page"), default=False)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    version = models.PositiveIntegerField(default=1)
    # Where the post came from: a meeting, a call, a consultation, an agenda ("<app>.<model>:<pk>"), or an
    # imported feed entry ("feed:<guid>"); unique per site, so publishing or importing twice creates nothing twice.
    source_key = models.CharField(max_length=300, blank=True)
    source_url = models.CharField(_("source"), max_length=500, blank=True)
    source_label = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT,
                                   related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("last changed by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["site", "status", "-publish_at"], name="portal_post_site_pub"),
            models.Index(fields=["site", "kind", "status", "-publish_at"], name="portal_post_site_kind_pub"),
            models.Index(fields=["category", "status", "-publish_at"], name="portal_post_cat_pub"),
            models.Index(fields=["organization", "status", "-publish_at"], name="portal_post_org_pub"),
            models.Index(fields=["site", "featured", "status", "-publish_at"], name="portal_post_featured"),
            models.Index(fields=["status", "publish_at"], name="portal_post_status_due"),
            models.Index(fields=["site", "-updated_at"], name="portal_post_site_updated"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["site", "source_key"], condition=~Q(source_key=""),
                                    name="portal_post_source_once"),
            models.UniqueConstraint(fields=["site", "organization", "page"], condition=~Q(page=""),
                                    name="portal_post_page_once"),
        ]

    def __str__(self) -> str:
        return self.title or str(_("(untitled)"))

    def get_absolute_url(self) -> str:
        return reverse("portal:post", args=[self.site.province.code, self.pk])

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return (self.status in (self.Status.PUBLISHED, self.Status.SCHEDULED) and self.publish_at is not None
                and self.publish_at <= now and (self.expires_at is None or self.expires_at > now))

    def can_transition_to(self, status: str) -> bool:
        from salaklang.core import workflow

        return workflow.can_transition_to(self, status)


class PostVersion(Version):
    """The content of a post before a change (history with who and when; restore)."""

    subject_field = "post"
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["post", "number"], name="portal_version_unique")]


class Photo(models.Model):
    """A photo of a post: the re-encoded original (no metadata) and, once the background task has run,
    thumbnail / medium / large renditions for ``srcset``."""

    SIZES = {"thumb": 320, "medium": 800, "large": 1600}

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="portal/photos/%Y/")
    thumb = models.FileField(upload_to="portal/photos/%Y/", blank=True)
    medium = models.FileField(upload_to="portal/photos/%Y/", blank=True)
    large = models.FileField(upload_to="portal/photos/%Y/", blank=True)
    content_type = models.CharField(max_length=40, default="image/jpeg")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    is_cover = models.BooleanField(_("cover photo"), default=False)
    sort_order = models.PositiveIntegerField(default=0)
    source_key = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["sort_order", "id"]
        indexes = [models.Index(fields=["post", "sort_order"], name="portal_photo_post_order")]
        constraints = [models.UniqueConstraint(fields=["post"], condition=Q(is_cover=True),
                                               name="portal_photo_one_cover")]

    def __str__(self) -> str:
        return self.caption or f"photo {self.pk}"

    @property
    def ready(self) -> bool:
        return bool(self.thumb)

    def rendition(self, size: str = "") -> tuple:
        """The file served for ``size`` ("thumb", "medium", "large"; "" or "full": the original) and its type."""
        field = getattr(self, size) if size in self.SIZES else None
        if not field:
            return self.image, self.content_type
        return field, "image/webp" if field.name.endswith(".webp") else "image/jpeg"

    def url(self, size: str = "") -> str:
        if size and not getattr(self, size):
            size = ""
        return reverse("portal:photo", args=[self.pk, size or "full"])

    @property
    def thumb_url(self) -> str:
        return self.url("thumb")

    @property
    def medium_url(self) -> str:
        return self.url("medium")

    @property
    def large_url(self) -> str:
        return self.url("large")

    def srcset(self) -> str:
        if not self.ready:
            return ""
        parts = []
        for name, width in self.SIZES.items():
            if getattr(self, name):
                parts.append(f"{self.url(name)} {min(width, self.width or width)}w")
        return ", ".join(parts)


class Attachment(models.Model):
    """A file of a post (the attachments table of seed 004: file, description, uploader, size, date, downloads)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="portal/files/%Y/")
    filename = models.CharField(_("file name"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    sort_order = models.PositiveIntegerField(default=0)
    source_key = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                    on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["sort_order", "id"]
        indexes = [models.Index(fields=["post", "sort_order"], name="portal_att_post_order")]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("portal:attachment", args=[self.pk])


class ViewMark(models.Model):
    """The view and download buffer of an install without Redis (``salaklang.portal.counting``): append-only.

    A counted page view is one row per visitor, object and day — the unique constraint (on views only) makes the
    per-request write one ``INSERT … ON CONFLICT DO NOTHING``, so a second visit the same day inserts nothing and
    no post row is locked on the hot path. A download is one row each (no dedup). ``counting.flush`` claims the
    rows not yet counted (``batch``), adds them to ``Post.view_count`` / ``Attachment.download_count`` and deletes
    what is no longer needed: downloads, and views of past days; today's views stay (flushed) for the dedup.
    """

    VIEW, DOWNLOAD = "post", "attachment"

    day = models.DateField()
    kind = models.CharField(max_length=10)  # "post" (a view of a post) or "attachment" (a download)
    object_id = models.PositiveBigIntegerField()
    visitor = models.CharField(max_length=32, blank=True)  # keyed hash (counting.visitor_key); empty for downloads
    batch = models.PositiveBigIntegerField(null=True, blank=True)  # the flush that counted it; null: not yet

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "kind", "object_id", "visitor"], condition=Q(kind="post"),
                                    name="portal_viewmark_once_a_day"),
        ]
        indexes = [
            models.Index(fields=["kind", "object_id"], condition=Q(batch__isnull=True),
                         name="portal_viewmark_pending"),
            models.Index(fields=["day"], name="portal_viewmark_day"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.day}"
