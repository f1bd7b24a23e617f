from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

urlpatterns = [
    path("", include("salaklang.core.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("accounts/", include("salaklang.accounts.urls")),
    path("organizations/import/", include("salaklang.organizations.import_urls")),
    path("organizations/", include("salaklang.organizations.urls")),
    path("audit/", include("salaklang.audit.urls")),
    path("notifications/", include("salaklang.notifications.urls")),
    path("documents/", include("salaklang.documents.urls")),
    path("calls/", include("salaklang.calls.urls")),
    path("reviews/", include("salaklang.reviews.urls")),
    path("agendas/", include("salaklang.agendas.urls")),
    path("plans/", include("salaklang.plans.urls")),
    path("complaints/", include("salaklang.complaints.urls")),
    path("participation/", include("salaklang.participation.urls")),
    path("ita/", include("salaklang.openinfo.urls")),  # issue 14: ITA disclosures / open information centre
    path("open311/v2/", include("salaklang.complaints.open311.urls")),
    path("api/v1/", include("salaklang.api.urls")),
    path("django-admin/", admin.site.urls),
]

# --- Public portal (salaklang.portal, issue 13) ----------------------------------------------------
from salaklang.portal.views_seo import sitemap_index  # noqa: E402

urlpatterns += [
    path("p/", include("salaklang.portal.urls")),
    path("sitemap.xml", sitemap_index, name="sitemap"),
]
# --- end of the public portal block ------------------------------------------------------------

if "salaklang.core.bench_middleware.QueryCountHeaderMiddleware" in settings.MIDDLEWARE:  # `make bench` only
    from salaklang.core import bench_views

    urlpatterns += [path("__bench__/floor/layout/", bench_views.layout), path("__bench__/floor/bare/", bench_views.bare)]

admin.site.site_header = settings.SALAKLANG["SITE_NAME"]

# The site's own error pages (Thai/English, with a way on), also when DEBUG is off as in `make run`.
handler404 = "salaklang.core.views.page_not_found"
handler403 = "salaklang.core.views.permission_denied"
