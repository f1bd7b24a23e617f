"""Every URL denies an anonymous visitor unless its view is explicitly public, and none crashes.

Walks the whole URL configuration, so a new view is covered the day it is added.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ARG = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000000", "path": "x"}


def iter_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            yield from iter_patterns(p, route)
        elif isinstance(p, URLPattern):
            yield route, p.callback


def sample_path(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:
        return None  # regex routes (DRF format suffixes, admin): covered by their own tests
    path = ARG.sub(lambda m: SAMPLE.get(m.group("conv") or "str", "x"), route)
    return "/" + path


PUBLIC_DRF_PERMISSIONS = {"AllowAny", "IsAuthenticatedOrReadOnly"}


def is_public(callback) -> bool:
    drf_view = getattr(callback, "cls", None)
    if drf_view is not None:
        # DRF marks every view login_not_required; its own permission classes decide.
        perms = getattr(drf_view, "permission_classes", [])
        return any(p.__name__ in PUBLIC_DRF_PERMISSIONS or getattr(p, "public", False) for p in perms)
    view = getattr(callback, "view_class", None)
    return getattr(callback, "login_required", True) is False or getattr(view, "login_required", True) is False


ROUTES = sorted({(r, cb) for r, cb in iter_patterns() if sample_path(r)}, key=lambda x: x[0])


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "callback"), ROUTES, ids=[r for r, _ in ROUTES])
def test_anonymous_get_is_refused_unless_public_and_never_crashes(client, route, callback):
    if route.startswith("django-admin/"):
        pytest.skip("Django admin has its own login")
    response = client.get(sample_path(route))
    assert response.status_code < 500, f"{route} crashed for an anonymous GET"
    if not is_public(callback):
        assert response.status_code in (301, 302, 401, 403, 404, 405), (
            f"{route} answered {response.status_code} to an anonymous visitor but is not marked public"
        )
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
