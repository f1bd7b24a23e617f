import pytest

from salaklang.complaints.defaults import load as load_defaults
from salaklang.complaints.models import Category, CategoryRoute, Complaint, Holiday
from salaklang.complaints.services import intake
from salaklang.organizations.models import Organization


@pytest.fixture
def pna(demo):
    return Organization.objects.get(code="PNA")


@pytest.fixture
def tourism(demo):
    return Organization.objects.get(code="PNA-TOUR")


@pytest.fixture
def health(demo):
    return Organization.objects.get(code="PNA-HEALTH")


@pytest.fixture
def routes(pna, tourism, health):
    load_defaults(Category, Holiday)  # from migration 0002, unless a transactional test flushed them
    CategoryRoute.objects.get_or_create(province=pna, category=Category.objects.get(code="tourism"),
                                        defaults={"organization": tourism})
    CategoryRoute.objects.get_or_create(province=pna, category=Category.objects.get(code="health"),
                                        defaults={"organization": health})
    return pna


@pytest.fixture
def submit(routes):
    def _submit(category="tourism", **kw) -> Complaint:
        data = {"province": routes, "category": Category.objects.get(code=category),
                "subject": "ขยะบนชายหาดท้ายเหมือง", "description": "มีขยะพลาสติกจำนวนมากบริเวณชายหาด",
                "channel": Complaint.Channel.WEB, "contact_email": "citizen@example.test"}
        if category == "health":
            data["consent_sensitive"] = True
        data.update(kw)
        return intake.complaint_submit(**data)
    return _submit
