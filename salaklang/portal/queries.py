"""Reads of the portal: a constant number of queries per page, whatever the number of posts."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from salaklang.organizations.models import Organization
from salaklang.portal.models import Category, Photo, Post, Site

HOME_COUNTS = {"featured": 4, "news": 6, "album": 6, "announcement": 8, "document": 6}
LIST_KINDS = {"news": Post.Kind.NEWS, "albums": Post.Kind.ALBUM, "announcements": Post.Kind.ANNOUNCEMENT,
              "documents": Post.Kind.DOCUMENT}
LIST_FIELDS = ("id", "site_id", "organization_id", "kind", "category_id", "title", "summary", "number",
               "effective_date", "publish_at", "status", "expires_at", "featured", "view_count")


def public_posts(site: Site) -> QuerySet[Post]:
    return Post.objects.public().filter(site=site).exclude(kind=Post.Kind.PAGE)


def attach_covers(posts: list[Post], site: Site | None = None) -> list[Post]:
    """Set ``post.cover`` (a Photo or None) on each post with one query."""
    ids = [p.pk for p in posts]
    covers = {ph.post_id: ph for ph in Photo.objects.filter(post_id__in=ids, is_cover=True)} if ids else {}
    for p in posts:
        p.cover = covers.get(p.pk)
        if site is not None:
            p.site = site
    return posts


def listing(qs: QuerySet[Post]) -> QuerySet[Post]:
    return qs.only(*LIST_FIELDS).order_by("-publish_at", "-id")


def home(site: Site) -> dict:
    now = timezone.now()
    base = public_posts(site)
    # One query for the latest of every kind would need a window function; five small index scans are cheaper.
    featured = list(listing(base.filter(featured=True))[: HOME_COUNTS["featured"]])
    blocks = {}
    for kind in (Post.Kind.NEWS, Post.Kind.ALBUM, Post.Kind.ANNOUNCEMENT, Post.Kind.DOCUMENT):
        blocks[kind] = list(listing(base.filter(kind=kind))[: HOME_COUNTS[kind]])
    attach_covers([*featured, *blocks[Post.Kind.NEWS], *blocks[Post.Kind.ALBUM]], site)
    for posts in blocks.values():
        for p in posts:
            p.site = site
    return {
        "featured": featured, "news": blocks[Post.Kind.NEWS], "albums": blocks[Post.Kind.ALBUM],
        "announcements": blocks[Post.Kind.ANNOUNCEMENT], "documents": blocks[Post.Kind.DOCUMENT],
        "open_calls": open_calls(site, now), "consultations": open_consultations(site, now),
        "complaint_stats": complaint_stats(site),
        "categories": list(site.categories.all()),
        "pages": standing_pages(site),
    }


def open_calls(site: Site, now=None) -> list:
    from salaklang.calls.models import Call

    now = now or timezone.now()
    return list(Call.objects.filter(issuer__province_id=site.province_id, status=Call.Status.PUBLISHED,
                                    deadline__gt=now).only("id", "title", "deadline", "opens_at")
                .order_by("deadline")[:5])


def open_consultations(site: Site, now=None) -> list:
    from salaklang.participation.models import Consultation

    now = now or timezone.now()
    return list(Consultation.objects.open_now(now).filter(province_id=site.province_id)
                .only("id", "title", "summary", "closes_at").order_by("closes_at")[:5])


def complaint_stats(site: Site) -> dict:
    """The province's complaint figures of this fiscal year (from the complaints rollup; cached 10 minutes)."""
    key = f"portal:complaints:{site.province_id}"
    stats = cache.get(key)
    if stats is None:
        from salaklang.complaints import queries as cq

        data = cq.dashboard(province=site.province)
        stats = {"total": data["total"], "closed": data["closed"], "on_time_pct": data["on_time_pct"],
                 "median_resolution_hours": data["median_resolution_hours"], "start": data["start"], "end": data["end"]}
        cache.set(key, stats, 600)
    return stats


def standing_pages(site: Site) -> list[dict]:
    """The standing pages of the province's own section (those written), in the standard order."""
    written = dict(Post.objects.public().filter(site=site, kind=Post.Kind.PAGE, organization_id__in=[
        site.province_id, site.office_id]).values_list("page", "id"))
    return [{"page": value, "label": label, "pk": written[value]} for value, label in Post.Page.choices
            if value in written]


def post_detail(post: Post) -> dict:
    photos = list(post.photos.all())
    attachments = list(post.attachments.select_related("uploaded_by"))
    return {"photos": photos, "attachments": attachments,
            "cover": next((p for p in photos if p.is_cover), photos[0] if photos else None)}


def sections(site: Site) -> list[Organization]:
    return list(Organization.objects.filter(province_id=site.province_id, is_active=True,
                                            kind__in=[Organization.Kind.AGENCY, Organization.Kind.DISTRICT])
                .only("id", "code", "name_th", "name_en").order_by("name_th"))


def sites() -> list[Site]:
    return list(Site.objects.filter(is_active=True).select_related("province").order_by("title_th"))


def category_of(site: Site, slug: str) -> Category | None:
    return site.categories.filter(slug=slug).first()
