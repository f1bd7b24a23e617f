from salaklang.plans import demo as plans_demo_module
from salaklang.plans.models import Indicator, Plan, ProgressReport


def test_demo_covers_every_mechanism_and_report_state(plans_demo):
    plan = plans_demo["plan"]
    assert plan.status == Plan.Status.ACTIVE
    assert 6 <= plan.indicators.count() <= 10
    assert set(plan.indicators.values_list("mechanism", flat=True)) == {"digital", "innovation", "open", "excellence"}
    states = set(plan.reports.values_list("status", flat=True))
    assert {"accepted", "submitted", "returned"} <= states
    statuses = set(Indicator.objects.filter(plan=plan).values_list("status", flat=True))
    assert {"on_track", "at_risk", "off_track", "no_data"} <= statuses
    # idempotent
    before = ProgressReport.objects.count()
    plans_demo_module.seed()
    assert ProgressReport.objects.count() == before and Plan.objects.count() == 1
