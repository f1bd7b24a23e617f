"""sitemap.xml views (an index of the sites at /sitemap.xml, one sitemap per site)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import reverse
from django.views.decorators.http import require_GET

from salaklang.portal import access, pagecache, queries
from salaklang.portal.sitemaps import sitemaps_for


@login_not_required
@require_GET
def site_sitemap(request, code: str):
    site = access.access_site(code)
    pagecache.mark(request, site=site)
    return sitemap_views.sitemap(request, sitemaps=sitemaps_for(site))


@login_not_required
@require_GET
def sitemap_index(request):
    """/sitemap.xml: on a province's own host its sitemap, on the shared site an index of every site's."""
    code = getattr(request, "portal_site_code", None)
    if code:
        return site_sitemap(request, code)
    from django.template.response import TemplateResponse

    pagecache.mark(request)

    urls = [request.build_absolute_uri(reverse("portal:sitemap", args=[s.province.code])) for s in queries.sites()]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": [{"location": u, "last_mod": None}
                                                                          for u in urls]},
                            content_type="application/xml")
