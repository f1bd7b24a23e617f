"""sitemap.xml: one section per site (its public posts and list pages), under one index at /sitemap.xml."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from salaklang.portal.models import Post, Site


class SitePostsSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def __init__(self, site: Site):
        self.site = site

    def items(self):
        return (Post.objects.public().filter(site=self.site).only("id", "updated_at", "site_id")
                .order_by("-publish_at", "-id"))

    def location(self, item):
        return reverse("portal:post", args=[self.site.province.code, item.pk])

    def lastmod(self, item):
        return item.updated_at


class SitePagesSitemap(Sitemap):
    changefreq = "daily"

    def __init__(self, site: Site):
        self.site = site

    def items(self):
        code = self.site.province.code
        return [reverse("portal:home", args=[code])] + [
            reverse("portal:kind", args=[code, k]) for k in ("news", "albums", "announcements", "documents")]

    def location(self, item):
        return item


def sitemaps_for(site: Site) -> dict:
    return {"pages": SitePagesSitemap(site), "posts": SitePostsSitemap(site)}
