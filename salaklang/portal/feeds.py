"""RSS 2.0 and Atom feeds per site and per category (django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from salaklang.portal import access, pagecache, queries
from salaklang.portal.models import Post
from salaklang.portal.richtext import plain_text

FEED_SIZE = 30


class SiteFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response

    def get_object(self, request, code: str):
        site = access.access_site(code)
        pagecache.mark(request, site=site)
        return {"site": site, "category": None, "request": request}

    def title(self, obj):
        return obj["site"].title + (f" — {obj['category'].name}" if obj["category"] else "")

    def link(self, obj):
        return obj["category"].get_absolute_url() if obj["category"] else obj["site"].get_absolute_url()

    def description(self, obj):
        return obj["site"].tagline_text or obj["site"].title

    subtitle = description

    def items(self, obj):
        qs = queries.public_posts(obj["site"])
        if obj["category"]:
            qs = qs.filter(category=obj["category"])
        posts = list(qs.select_related("organization").order_by("-publish_at", "-id")[:FEED_SIZE])
        queries.attach_covers(posts, obj["site"])
        for post in posts:
            post.feed_enclosure = _enclosure(obj["request"], getattr(post, "cover", None))
        return posts

    def item_title(self, item: Post):
        return item.title

    def item_description(self, item: Post):
        return item.summary or plain_text(item.body)[:500]

    def item_link(self, item: Post):
        return item.get_absolute_url()

    def item_pubdate(self, item: Post):
        return item.publish_at

    def item_updateddate(self, item: Post):
        return item.updated_at

    def item_author_name(self, item: Post):
        return item.organization.name

    def item_categories(self, item: Post):
        return [item.get_kind_display()]

    # An enclosure is the cover at its medium size: an absolute URL (feed readers fetch it from elsewhere; the
    # host the feed was asked on, the site's own host name or the shared site's), its type and its real length.
    def item_enclosure_url(self, item: Post):
        return item.feed_enclosure[0] if item.feed_enclosure else None

    def item_enclosure_mime_type(self, item: Post):
        return item.feed_enclosure[1] if item.feed_enclosure else None

    def item_enclosure_length(self, item: Post):
        return item.feed_enclosure[2] if item.feed_enclosure else None


def _enclosure(request, cover) -> tuple[str, str, int] | None:
    """(absolute URL, type, bytes) of the file /p/photos/<id>/medium/ serves, or None (no cover, file missing)."""
    if cover is None:
        return None
    field, content_type = cover.rendition("medium")
    try:
        length = field.size
    except (OSError, ValueError):  # the file is gone (or the row has none): no enclosure rather than a wrong one
        return None
    return request.build_absolute_uri(cover.url("medium")), content_type, length


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed


class CategoryFeed(SiteFeed):
    def get_object(self, request, code: str, slug: str):
        site = access.access_site(code)
        cat = queries.category_of(site, slug)
        if cat is None:
            raise Http404
        pagecache.mark(request, site=site)
        return {"site": site, "category": cat, "request": request}


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
