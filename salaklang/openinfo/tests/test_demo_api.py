from __future__ import annotations

import re

import pytest

from salaklang.openinfo import queries
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_demo_shows_every_state_and_every_public_link_works(demo, client):
    from salaklang.openinfo import demo as ita_demo

    first = ita_demo.seed()
    assert ita_demo.seed()["evidence"] == "already there"
    assert first["evidence"] > 10
    pna = Organization.objects.get(code="PNA")
    data = queries.board(year=2570, province_ids={pna.pk})
    row = next(r for r in data["rows"] if r["org"] == pna)
    assert {c["status"] for c in row["cells"]} == {"missing", "draft", "published", "generated"}
    html = client.get("/ita/PNA/2570/").content.decode()
    links = re.findall(r'href="(/ita/PNA/2570/[^"]+)"', html)
    assert len(links) >= 11
    for link in links:
        assert client.get(link).status_code == 200, link


def test_api_items_evidence_readiness(demo, client, client_as):
    from salaklang.openinfo import demo as ita_demo

    ita_demo.seed()
    items = client.get("/api/v1/ita/items/?year=2570").json()
    assert [i["code"] for i in items][:2] == ["O1", "O2"] and len(items) == 43
    assert client.get("/api/v1/ita/items/?year=abc").status_code == 404
    ev = client.get("/api/v1/ita/evidence/?year=2570&org=PNA").json()
    assert "O6" not in {e["item"] for e in ev}  # the draft is not public
    assert all(e["status"] == "published" for e in ev)
    assert client.get("/api/v1/ita/readiness/?year=2570").status_code in (401, 403)
    staff = client_as("pn.strategy")
    body = staff.get("/api/v1/ita/readiness/?year=2570").json()
    codes = {o["code"] for o in body["organizations"]}
    assert "PNA" in codes and not any(c.startswith("CRI") for c in codes)


