import pytest
from django.db.models import Sum

from salaklang.complaints import demo as complaints_demo_module
from salaklang.complaints.models import CategoryRoute, Complaint, ComplaintStat

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_fills_the_rollup(demo):
    from salaklang.complaints import demo as complaints_demo

    complaints_demo.seed()
    complaints_demo.seed()
    n = Complaint.objects.count()
    assert n == complaints_demo.COUNT
    assert ComplaintStat.objects.filter(province_id__gt=0, category_id__gt=0).aggregate(t=Sum("n"))["t"] == n
    assert ComplaintStat.objects.filter(province_id=0).aggregate(t=Sum("n"))["t"] == n
    assert ComplaintStat.objects.filter(category_id=0).aggregate(t=Sum("n"))["t"] == n
    assert CategoryRoute.objects.get(category__code="tourism").organization.code == "PNA-TOUR"
    assert CategoryRoute.objects.get(category__code="roads").organization.code == "PNA-PWTP"
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {"resolved", "in_progress", "assigned"} <= statuses
    assert Complaint.objects.filter(agency__code="PNA-TOUR").exists()


def test_module_constant():
    assert complaints_demo_module.COUNT >= 200
