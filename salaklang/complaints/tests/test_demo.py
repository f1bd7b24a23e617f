import pytest
from django.db.models import Sum

from salaklang.complaints import demo as complaints_demo
from salaklang.complaints.models import CategoryRoute, Complaint, ComplaintStat

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_fills_the_rollup(demo):
    complaints_demo.seed()
    complaints_demo.seed()
    n = Complaint.objects.count()
    assert n == complaints_demo.COUNT >= 200  # enough for a dashboard worth looking at
    assert ComplaintStat.objects.filter(province_id__gt=0, category_id__gt=0).aggregate(t=Sum("n"))["t"] == n
    assert ComplaintStat.objects.filter(province_id=0).aggregate(t=Sum("n"))["t"] == n
    assert ComplaintStat.objects.filter(category_id=0).aggregate(t=Sum("n"))["t"] == n
    assert CategoryRoute.objects.get(category__code="tourism").organization.code == "PNA-TOUR"
    assert CategoryRoute.objects.get(category__code="roads").organization.code == "PNA-PWTP"
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {"resolved", "in_progress", "assigned"} <= statuses
    assert Complaint.objects.filter(agency__code="PNA-TOUR").exists()
