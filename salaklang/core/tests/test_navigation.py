"""The header's entries grouped by the work (core/nav.py menu_for)."""

import pytest

from salaklang.core import nav

pytestmark = pytest.mark.django_db


def test_strategy_staff_get_a_few_groups_not_fifteen_links(demo):
    menu = nav.menu_for(demo["pn.strategy"], "/organizations/committees/")
    flat = [row for entry in menu for row in entry.get("items", [entry])]
    assert len(flat) >= 12 and len(menu) <= 6
    groups = {entry["group"]: entry for entry in menu if "group" in entry}
    assert {"work_agendas", "work_complaints", "work_organization"} <= set(groups)
    assert groups["work_organization"]["current"] and not groups["work_agendas"]["current"]
    assert [r["key"] for r in groups["work_organization"]["items"]][:2] == ["organizations", "people"]
    assert menu[0]["key"] == "dashboard"  # the dashboard stays first, on its own


def test_a_citizen_or_a_visitor_sees_plain_links(demo):
    from django.contrib.auth.models import AnonymousUser

    for user in (demo["citizen"], AnonymousUser()):
        menu = nav.menu_for(user, "/")
        assert menu and all("group" not in entry for entry in menu)


def test_the_header_renders_groups_as_disclosure_buttons(demo, client_as):
    html = client_as("pn.strategy").get("/dashboard/").content.decode()
    assert 'class="nav-group-toggle" aria-expanded="false" aria-controls="nav-work_organization"' in html
    assert 'id="nav-work_organization"' in html and 'data-nav="committees"' in html
    assert "onclick" not in html  # behaviour lives in static/salaklang/js/salaklang.js (CSP: no inline script)
