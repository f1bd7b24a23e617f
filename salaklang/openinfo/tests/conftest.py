from __future__ import annotations

import pytest

from salaklang.organizations.models import Organization


@pytest.fixture
def ita(demo):
    """The national 2570 list from the default template, made by the national admin."""
    from salaklang.openinfo import services

    admin = demo["admin"]
    year = services.year_from_default(year=2570, actor=admin)
    return {"year": year, "users": demo, "admin": admin, "pna": Organization.objects.get(code="PNA"),
            "cri": Organization.objects.get(code="CRI")}
