"""/api/v1/ — every app adds its endpoints to ``router`` in its own ``api.py`` (imported below)."""

from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

app_name = "api"
router = DefaultRouter()
extra_urlpatterns: list = []

for _app in ("organizations", "audit", "calls", "reviews", "agendas", "plans", "complaints", "participation", "portal",
             "openinfo", "search"):
    try:
        module = import_module(f"salaklang.{_app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"salaklang.{_app}.api":
            raise
        continue
    module.register(router)
    extra_urlpatterns += getattr(module, "urlpatterns", [])

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    *extra_urlpatterns,
    path("", include(router.urls)),
]
