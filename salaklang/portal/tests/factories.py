"""Factories for the portal: the website of the world's province and its posts, built through the services."""

from __future__ import annotations

from salaklang.portal import services
from salaklang.portal.models import Post, Site


def make_site(world) -> Site:
    return services.site_ensure(province=world["province"], office=world["province"])


def make_post(world, *, site: Site | None = None, organization=None, publish: bool = True, kind: str = Post.Kind.NEWS,
              title: str = "จังหวัดจัดงานวันเด็ก", body: str = "<p>เนื้อหาข่าว</p>", **fields) -> Post:
    """A post of the world's province office on its website, written by the world's portal editor."""
    site = site or make_site(world)
    post = services.post_create(actor=world["editor"], site=site, organization=organization or world["province"],
                                kind=kind, title=title, body=body, **fields)
    return services.post_publish(post=post, actor=world["editor"]) if publish else post
