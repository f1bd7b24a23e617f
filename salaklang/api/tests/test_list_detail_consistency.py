"""Every API list endpoint and its detail endpoint apply the same rule (issue 12, point 3).

For several demo people: each object a list returns opens in the matching detail endpoint (200) for the same
person, and the reverse — for a sample of every model's rows, an object that opens in the detail endpoint is
in the list. The endpoints come from the router, so a new API is walked without being named here.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

PEOPLE = [None, "citizen", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.health",
          "pn.reviewer", "pn.damrongdhama", "cr.strategy", "cr.vicegov", "cr.nre.head", "cr.tourism.analyst"]
MAX_PAGES = 40
SAMPLE = 25


# The key a list row carries for its detail URL, where it is not the lookup field itself.
LIST_KEY = {"complaints": "tracking_code"}
# Detail endpoints that are public by design, so the reverse check means nothing there: a complaint's status
# opens for anyone holding its tracking code (a bearer secret), while the list is the staff inbox.
PUBLIC_DETAIL = {"complaints"}


@pytest.fixture
def whole_demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "demo-uploads"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _get(client, url):
    from django.core.cache import cache

    cache.clear()  # the API's rate limits are not what this test is about
    return client.get(url)


def _model_of(viewset):
    serializer = getattr(viewset, "serializer_class", None)
    if serializer is None:
        view = viewset()
        view.action, view.request, view.format_kwarg, view.kwargs = "list", None, None, {}
        serializer = view.get_serializer_class()
    return getattr(getattr(serializer, "Meta", None), "model", None)


def _endpoints():
    """(prefix, lookup field, model) of every router entry listing objects that also have a detail endpoint.
    Aggregates (a plain ``ViewSet`` such as the scorecards, whose detail is a province's summary) are not
    object lists and are left out."""
    from rest_framework.viewsets import GenericViewSet

    from salaklang.api.urls import router

    out = []
    for prefix, viewset, _basename in router.registry:
        if not (issubclass(viewset, GenericViewSet) and hasattr(viewset, "list") and hasattr(viewset, "retrieve")):
            continue
        out.append((prefix, viewset.lookup_field, _model_of(viewset)))
    return out


ENDPOINTS = _endpoints()


def _client(username):
    from salaklang.accounts.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username),
                           backend="salaklang.accounts.backends.UsernameOrEmailBackend")
    return client


def _listed(client, prefix, lookup):
    """The lookup values of every object the list returns (all its pages), or None when the list is refused."""
    url, keys, pages = f"/api/v1/{prefix}/", [], 0
    field = LIST_KEY.get(prefix, "id" if lookup == "pk" else lookup)
    while url and pages < MAX_PAGES:
        response = _get(client, url)
        if response.status_code in (401, 403):
            return None
        assert response.status_code == 200, (url, response.status_code)
        body = response.json()
        rows = body["results"] if isinstance(body, dict) and "results" in body else body
        for row in rows:
            key = row.get(field)
            assert key is not None, f"{prefix}: a listed row has no {field}"
            keys.append(key)
        url = body.get("next") if isinstance(body, dict) else None
        pages += 1
    assert pages < MAX_PAGES, f"{prefix}: more than {MAX_PAGES} pages"
    return keys


def test_each_listed_object_opens_and_each_openable_object_is_listed(whole_demo):
    if len(ENDPOINTS) < 9:
        pytest.fail(f"only {len(ENDPOINTS)} list/detail endpoints found in the router")
    problems, checked = [], 0
    for username in PEOPLE:
        problems += [f"{username or 'anonymous'}: {p}" for p in _walk(_client(username))]
        checked += 1
    assert checked == len(PEOPLE)
    assert not problems, "; ".join(problems[:30])


def _walk(client) -> list[str]:
    problems = []
    for prefix, lookup, model in ENDPOINTS:
        listed = _listed(client, prefix, lookup)
        if listed is None:
            continue
        for key in listed:
            status = _get(client, f"/api/v1/{prefix}/{key}/").status_code
            if status != 200:
                problems.append(f"{prefix}/{key}: listed but the detail answers {status}")
        if model is None or prefix in PUBLIC_DETAIL:
            continue
        field = "pk" if lookup == "pk" else lookup
        sample = list(model._default_manager.order_by("-pk").values_list(field, flat=True)[:SAMPLE])
        sample += list(model._default_manager.order_by("pk").values_list(field, flat=True)[:SAMPLE])
        wanted = {str(k) for k in listed}
        for key in dict.fromkeys(sample):
            if _get(client, f"/api/v1/{prefix}/{key}/").status_code == 200 and str(key) not in wanted:
                problems.append(f"{prefix}/{key}: opens in the detail but is not in the list")
    return problems
