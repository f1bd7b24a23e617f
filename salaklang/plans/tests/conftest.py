import pytest


@pytest.fixture
def plans_demo(demo):
    """The foundation demo plus the Chiang Rai plan of ``plans.demo`` (through the services)."""
    from salaklang.plans import demo as plans_demo_module
    from salaklang.plans.models import Plan

    plans_demo_module.seed()
    return {"users": demo, "plan": Plan.objects.get(province__code="CRI")}
