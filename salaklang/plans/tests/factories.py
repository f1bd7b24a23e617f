"""Factories for plans tests (build through the services, like the users do)."""

from __future__ import annotations

from decimal import Decimal

from salaklang.core.testing import make_org, make_province, make_user
from salaklang.organizations.models import Organization, Role
from salaklang.plans import services
from salaklang.plans.models import Plan


def last_fy() -> int:
    """The last complete fiscal year: all its periods have begun whatever the date the tests run."""
    from salaklang.plans.queries import current_fy

    return current_fy() - 1


def make_agenda(province: Organization, *, status: str = "selected", fiscal_year: int | None = None, actor=None):
    from salaklang.agendas.models import Agenda

    actor = actor or make_user()
    return Agenda.objects.create(province=province, fiscal_year=fiscal_year or last_fy(), title=f"ประเด็น {province.code}",
                                 status=status, proposed_by=province, created_by=actor)


def make_world():
    """A province with strategy staff, an executive, two agencies (coordinators), and another province."""
    province = make_province(code="PRV", name_th="จังหวัดทดสอบ")
    agency = make_org(Organization.Kind.AGENCY, parent=province, code="PRV-A", name_th="สำนักงานเอ")
    other_agency = make_org(Organization.Kind.AGENCY, parent=province, code="PRV-B", name_th="สำนักงานบี")
    other_province = make_province(code="OTH", name_th="จังหวัดอื่น")
    other_province_agency = make_org(Organization.Kind.AGENCY, parent=other_province, code="OTH-A")
    nation = Organization.objects.filter(kind=Organization.Kind.NATION).first()
    return {
        "province": province, "agency": agency, "other_agency": other_agency, "other_province": other_province,
        "strategy": make_user("t.strategy", roles=[(province, Role.PROVINCIAL_ADMIN)]),
        "governor": make_user("t.governor", roles=[(province, Role.EXECUTIVE)]),
        "coordinator": make_user("t.coord", roles=[(agency, Role.AGENCY_COORDINATOR)]),
        "other_coordinator": make_user("t.coord.b", roles=[(other_agency, Role.AGENCY_COORDINATOR)]),
        "other_strategy": make_user("t.other.strategy", roles=[(other_province, Role.PROVINCIAL_ADMIN)]),
        "other_province_coordinator": make_user("t.other.coord", roles=[(other_province_agency, Role.AGENCY_COORDINATOR)]),
        "national": make_user("t.national", roles=[(nation, Role.NATIONAL_ADMIN)]),
        "citizen": make_user("t.citizen", kind="citizen"),
    }


def make_plan(world, *, frequency: str = "quarterly", indicators: int = 1, activate: bool = True,
              fiscal_year: int | None = None, value_type: str = "count", unit: str = "ครั้ง", aggregation: str = "cumulative",
              baseline: str = "0", targets: list[str] | None = None) -> Plan:
    strategy = world["strategy"]
    fiscal_year = fiscal_year or last_fy()
    agenda = make_agenda(world["province"], fiscal_year=fiscal_year, actor=strategy)
    plan = services.plan_create(actor=strategy, agenda=agenda, data={"reporting_frequency": frequency})
    services.activity_create(actor=strategy, plan=plan, data={
        "mechanism": "digital", "title": "กิจกรรม", "owner": world["agency"], "budget": Decimal("1000.50"),
        "starts_on": plan.periods[0].start, "ends_on": plan.periods[-1].end}, partners=[world["other_agency"]])
    keys = [p.key for p in plan.periods]
    for n in range(indicators):
        services.indicator_create(actor=strategy, plan=plan, data={
            "mechanism": ["digital", "innovation", "open", "excellence"][n % 4], "name": f"ตัวชี้วัด {n}", "unit": unit,
            "value_type": value_type, "baseline": Decimal(baseline), "direction": "higher",
            "aggregation": aggregation, "owner": world["agency"]},
            targets={k: (targets[i] if targets else str(10 * (i + 1))) for i, k in enumerate(keys)})
    if activate:
        plan = services.plan_activate(actor=strategy, plan=plan)
    return plan
