"""Host-name routing: a province's own address (www.phangnga.go.th) shows that province's portal.

``PortalHostMiddleware`` looks the request's host up in a small map {host: province code} (cached for a
minute, cleared when a site's host changes). On a mapped host, ``/`` is the province's home page and every
other address works as on the shared site (the portal's own pages are under ``/p/<code>/``). The host must also
be listed in ALLOWED_HOSTS.
"""

from __future__ import annotations

from django.core.cache import cache

CACHE_KEY = "portal:hosts"


def host_map() -> dict[str, str]:
    found = cache.get(CACHE_KEY)
    if found is None:
        from salaklang.portal.models import Site

        found = {host.lower(): code for host, code in Site.objects.filter(is_active=True).exclude(host=None)
                 .exclude(host="").values_list("host", "province__code")}
        cache.set(CACHE_KEY, found, 60)
    return found


def forget_hosts() -> None:
    cache.delete(CACHE_KEY)


def site_code_for(request) -> str | None:
    host = request.get_host().rsplit(":", 1)[0].lower() if request.get_host() else ""
    return host_map().get(host)


class PortalHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal_site_code = None
        if request.path_info in ("/", "/sitemap.xml") and request.method in ("GET", "HEAD"):
            request.portal_site_code = site_code_for(request)
        return self.get_response(request)
