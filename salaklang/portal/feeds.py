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
        return {"site": site, "category": None}

    def title(self, obj):
        return obj["site"].title + (f" — {obj['category'].name}" if obj["category"] else "")

    def link(self, obj):
        return obj["category"].get_absolute_url() if obj["category"] else obj["site"].get_absolute_url()

    def description(self, obj):
        return obj["site"].tagline or obj["site"].title

    subtitle = description

    def items(self, obj):
        qs = queries.public_posts(obj["site"])
        if obj["category"]:
            qs = qs.filter(category=obj["category"])
        posts = list(qs.select_related("organization").order_by("-publish_at", "-id")[:FEED_SIZE])
        queries.attach_covers(posts, obj["site"])
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

    def item_enclosure_url(self, item: Post):
        return item.cover.url("medium") if getattr(item, "cover", None) else None

    def item_enclosure_mime_type(self, item: Post):
        return "image/jpeg" if getattr(item, "cover", None) else None

    def item_enclosure_length(self, item: Post):
        return item.cover.size if getattr(item, "cover", None) else None


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed


class CategoryFeed(SiteFeed):
    def get_object(self, request, code: str, slug: str):
        site = access.access_site(code)
        cat = queries.category_of(site, slug)
        if cat is None:
            raise Http404
        pagecache.mark(request, site=site)
        return {"site": site, "category": cat}


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
