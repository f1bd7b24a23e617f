"""Permission matrix, forms through the pages, query counts of the scorecard pages, the PDF and the API."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from salaklang.core.testing import count_queries, make_org, make_province, make_user
from salaklang.documents.pdf import pdf_text
from salaklang.organizations.models import Organization, Role
from salaklang.plans import services
from salaklang.plans.models import Indicator, IndicatorTarget, IndicatorValue, Plan, ProgressReport
from salaklang.plans.tests.factories import make_agenda, make_plan, make_world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def plan(world):
    plan = make_plan(world)
    report = services.report_save(actor=world["coordinator"], plan=plan, organization=world["agency"],
                                  period=plan.periods[0].key, values={plan.indicators.get().pk: "12"},
                                  narrative="ทำแล้ว")
    services.report_submit(actor=world["coordinator"], report=report)
    return plan


def _as(client, user):
    client.force_login(user, backend="salaklang.accounts.backends.UsernameOrEmailBackend")
    return client


# who → (plan detail, report, report form, scorecard, national, accept)
MATRIX = {
    "strategy": (200, 200, 403, 200, 403, 302),
    "governor": (200, 200, 403, 200, 403, 403),
    "coordinator": (200, 200, 302, 403, 403, 403),
    "other_coordinator": (200, 404, 403, 403, 403, 404),
    "other_strategy": (404, 404, 404, 404, 403, 404),
    "other_province_coordinator": (404, 404, 404, 404, 403, 404),
    # national admins manage every province (organizations.roles.can_manage_province,
    # docs/decisions/organizations.md): they may accept a report, as in consultations and complaints
    "national": (200, 200, 403, 200, 200, 302),
    "citizen": (404, 404, 404, 404, 403, 404),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_permission_matrix(client, world, plan, who):
    report = plan.reports.get()
    province = world["province"]
    c = _as(client, world[who])
    urls = [f"/plans/{plan.pk}/", f"/plans/reports/{report.pk}/",
            f"/plans/{plan.pk}/report/{world['agency'].pk}/{report.period}/",
            f"/plans/scorecard/{province.pk}/", "/plans/scorecard/national/"]
    got = [c.get(u).status_code for u in urls]
    got.append(c.post(f"/plans/reports/{report.pk}/do/accept/").status_code)
    assert tuple(got) == MATRIX[who], f"{who}: {got}"
    report.refresh_from_db()
    assert (report.status == ProgressReport.Status.ACCEPTED) == (who in ("strategy", "national"))


def test_anonymous_is_sent_to_sign_in(client, world, plan):
    for url in [f"/plans/{plan.pk}/", f"/plans/scorecard/{world['province'].pk}/", "/plans/scorecard/national/",
                f"/plans/scorecard/{world['province'].pk}/scorecard.pdf"]:
        r = client.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_editing_the_plan_is_for_strategy_staff_only(client, world, plan):
    for who, code in [("governor", 403), ("coordinator", 403), ("other_strategy", 404)]:
        c = _as(client, world[who])
        assert c.get(f"/plans/{plan.pk}/indicators/new/").status_code == code
        assert c.post(f"/plans/{plan.pk}/do/close/").status_code == code
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE


def test_strategy_creates_plan_activity_and_indicator_through_the_pages(client, world):
    agenda = make_agenda(world["province"])
    c = _as(client, world["strategy"])
    r = c.post("/plans/new/", {"agenda": agenda.pk, "reporting_frequency": "quarterly", "title": "",
                               "fiscal_year_from": "", "fiscal_year_to": ""})
    plan = Plan.objects.get(agenda=agenda)
    assert r.status_code == 302 and r["Location"] == f"/plans/{plan.pk}/"
    bad = c.post(f"/plans/{plan.pk}/activities/new/", {
        "mechanism": "digital", "title": "e-Service", "owner": world["agency"].pk, "budget": "1000",
        "starts_on": "2026-05-01", "ends_on": "2026-04-01"})
    assert bad.status_code == 400 and not plan.activities.exists()
    ok = c.post(f"/plans/{plan.pk}/activities/new/", {
        "mechanism": "digital", "title": "e-Service", "owner": world["agency"].pk, "budget": "1000.75",
        "partners": [world["other_agency"].pk], "starts_on": "2026-04-01", "ends_on": "2026-05-01"})
    assert ok.status_code == 302 and plan.activities.get().budget == Decimal("1000.75")
    data = {"mechanism": "open", "kind": "outcome", "name": "ความพึงพอใจ", "unit": "ร้อยละ", "value_type": "percent",
            "baseline": "70", "direction": "higher", "aggregation": "latest", "owner": world["agency"].pk}
    data.update({f"target_{p.key}": "80" for p in plan.periods})
    assert c.post(f"/plans/{plan.pk}/indicators/new/", data).status_code == 302
    assert plan.indicators.get().targets.count() == 4
    assert c.post(f"/plans/{plan.pk}/do/activate/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE


def test_coordinator_reports_through_the_page_and_wrong_values_are_explained(client, world):
    plan = make_plan(world)
    ind = plan.indicators.get()
    c = _as(client, world["coordinator"])
    url = f"/plans/{plan.pk}/report/{world['agency'].pk}/{plan.periods[1].key}/"
    r = c.post(url, {f"value_{ind.pk}": "2.5", "narrative": "x", "submit": "1"})
    assert r.status_code == 400
    assert "เป็นจำนวนนับ กรุณากรอกจำนวนเต็ม" in r.content.decode()
    assert not ProgressReport.objects.exists()
    r = c.post(url, {f"value_{ind.pk}": "7", "narrative": "ดำเนินการแล้ว", "save": "1"})
    report = ProgressReport.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/plans/reports/{report.pk}/"
    r = c.post(f"/plans/reports/{report.pk}/evidence/", {
        "title": "ภาพถ่าย", "file": SimpleUploadedFile("p.pdf", PDF, content_type="application/pdf")})
    assert r.status_code == 302 and report.evidence.count() == 1
    ev = report.evidence.get()
    assert c.get(f"/plans/reports/{report.pk}/evidence/{ev.pk}/").status_code == 200
    assert _as(client, world["other_coordinator"]).get(f"/plans/reports/{report.pk}/evidence/{ev.pk}/").status_code == 404
    c = _as(client, world["coordinator"])
    assert c.post(f"/plans/reports/{report.pk}/do/submit/").status_code == 302
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUBMITTED


def test_report_page_of_a_closed_plan_sends_back_to_the_plan(client, world, plan):
    services.plan_close(actor=world["strategy"], plan=plan)
    c = _as(client, world["coordinator"])
    url = f"/plans/{plan.pk}/report/{world['agency'].pk}/{plan.periods[1].key}/"
    r = c.post(url, {f"value_{plan.indicators.get().pk}": "3", "narrative": "x", "submit": "1"}, follow=True)
    assert r.redirect_chain == [(f"/plans/{plan.pk}/", 302)]
    assert "แผนนี้ปิดแล้ว" in r.content.decode()
    assert not ProgressReport.objects.filter(period=plan.periods[1].key).exists()


# --- query counts -------------------------------------------------------------------------------
def _grow(world, plan, extra_indicators: int) -> None:
    """Add indicators with targets and accepted values in bulk (rows for the query-count comparisons)."""
    report = plan.reports.first()
    keys = [p.key for p in plan.periods]
    for n in range(extra_indicators):
        ind = Indicator.objects.create(plan=plan, province=plan.province, mechanism=["digital", "open"][n % 2],
                                       name=f"เพิ่ม {n}", unit="ครั้ง", value_type="count", owner=world["agency"])
        IndicatorTarget.objects.bulk_create([IndicatorTarget(indicator=ind, period=k, target=5) for k in keys])
        IndicatorValue.objects.create(report=report, indicator=ind, period=report.period, value=3)


def _queries(client, url: str) -> int:
    with count_queries() as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_province_scorecard_queries_do_not_grow_with_rows(client, world, plan):
    services.report_accept(actor=world["strategy"], report=plan.reports.get())
    c = _as(client, world["governor"])
    url = f"/plans/scorecard/{world['province'].pk}/"
    small = _queries(c, url)
    _grow(world, plan, 25)
    plan2 = make_plan(world, indicators=3)
    assert plan2.status == Plan.Status.ACTIVE
    assert _queries(c, url) == small
    body = c.get(url).content.decode()
    assert "<svg" in body and "<script" not in body.split("</header>")[1]
    assert 'data-status="on_track"' in body  # 12 ≥ 10 at Q1


def test_national_scorecard_queries_do_not_grow_with_provinces(client, world, plan):
    c = _as(client, world["national"])
    url = "/plans/scorecard/national/"
    small = _queries(c, url)
    nation = Organization.objects.filter(kind=Organization.Kind.NATION).first()
    for n in range(6):
        prov = make_province(nation, code=f"NP{n}")
        agency = make_org(Organization.Kind.AGENCY, parent=prov)
        staff = make_user(roles=[(prov, Role.PROVINCIAL_ADMIN), (agency, Role.AGENCY_COORDINATOR)])
        w = {"province": prov, "agency": agency, "other_agency": agency, "strategy": staff}
        make_plan(w, indicators=2)
    assert _queries(c, url) == small


def test_plan_list_and_detail_queries_do_not_grow(client, world, plan):
    c = _as(client, world["strategy"])
    list_small, detail_small = _queries(c, "/plans/"), _queries(c, f"/plans/{plan.pk}/")
    _grow(world, plan, 10)
    for _ in range(3):
        make_plan(world, indicators=2)
    assert _queries(c, "/plans/") == list_small
    assert _queries(c, f"/plans/{plan.pk}/") == detail_small


def test_national_counts_follow_the_accepted_status(client, world, plan):
    services.report_accept(actor=world["strategy"], report=plan.reports.get())
    c = _as(client, world["national"])
    body = c.get("/plans/scorecard/national/").content.decode()
    row = body.split('data-testid="province-PRV"')[1].split("</tr>")[0]
    assert 'data-status="on_track"' in row and f"/plans/scorecard/{world['province'].pk}/" in row


# --- PDF and API --------------------------------------------------------------------------------
def test_scorecard_pdf_is_one_page_with_the_province_and_indicators(client, world, plan):
    from pypdf import PdfReader

    services.report_accept(actor=world["strategy"], report=plan.reports.get())
    _grow(world, plan, 20)
    r = _as(client, world["governor"]).get(f"/plans/scorecard/{world['province'].pk}/scorecard.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(r.content)).pages
    assert len(pages) == 1
    text = pdf_text(r.content)
    assert "จังหวัดทดสอบ" in text and "ตัวชี้วัด 0" in text and "เพิ่ม 19" in text
    assert f"ปีงบประมาณ พ.ศ. {plan.fiscal_year_from}" in text  # Buddhist Era
    assert "ตามเป้าหมาย" in text and "ไม่มีข้อมูล" in text
    fonts = {str(f.get_object()["/BaseFont"]) for f in pages[0]["/Resources"]["/Font"].values()}
    assert any("Sarabun" in f for f in fonts), fonts


def test_scorecard_pdf_of_three_agendas_with_twenty_indicators_each_stays_on_one_page(client, world):
    from pypdf import PdfReader

    for _ in range(3):
        make_plan(world, indicators=20)
    r = _as(client, world["governor"]).get(f"/plans/scorecard/{world['province'].pk}/scorecard.pdf")
    assert len(PdfReader(io.BytesIO(r.content)).pages) == 1
    assert "ตัวชี้วัด 19" in pdf_text(r.content)


def test_api_reads_with_the_same_rules(client, world, plan):
    c = _as(client, world["governor"])
    assert [p["id"] for p in c.get("/api/v1/plans/").json()["results"]] == [plan.pk]
    data = c.get(f"/api/v1/scorecards/{world['province'].pk}/").json()
    assert data["province"] == "PRV" and data["plans"][0]["indicators"][0]["status"] == "no_data"
    assert c.get("/api/v1/scorecards/").status_code == 403
    other = _as(client, world["other_strategy"])
    assert other.get(f"/api/v1/scorecards/{world['province'].pk}/").status_code == 404
    assert other.get(f"/api/v1/plans/{plan.pk}/").status_code == 404
    national = _as(client, world["national"]).get("/api/v1/scorecards/").json()
    assert any(row["province"] == "PRV" for row in national)


def test_navigation_and_dashboard_by_role(client, world, plan):
    from salaklang.core.nav import items_for
    from salaklang.organizations.access import RoleSet

    def keys(user):
        user.roles = RoleSet.for_user(user)
        return {i["key"] for i in items_for(user)}

    assert {"plans", "scorecard"} <= keys(world["governor"])
    assert {"plans", "scorecard"} <= keys(world["national"])
    assert "plans" in keys(world["coordinator"]) and "scorecard" not in keys(world["coordinator"])
    assert not {"plans", "scorecard"} & keys(world["citizen"])
    body = _as(client, world["governor"]).get("/dashboard/").content.decode()
    assert "plans-panel" in body and f"/plans/scorecard/{world['province'].pk}/" in body
    assert "plans-panel" not in _as(client, world["citizen"]).get("/dashboard/").content.decode()
    r = _as(client, world["governor"]).get("/plans/scorecard/")
    assert r.status_code == 302 and r["Location"] == f"/plans/scorecard/{world['province'].pk}/"
    assert _as(client, world["national"]).get("/plans/scorecard/")["Location"] == "/plans/scorecard/national/"


def test_scorecard_pdf_is_cached_by_content_and_changes_when_a_report_is_accepted(client, world, plan, monkeypatch):
    from salaklang.plans import documents

    calls = []
    real = documents.render_pdf
    monkeypatch.setattr(documents, "render_pdf", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    c = _as(client, world["governor"])
    url = f"/plans/scorecard/{world['province'].pk}/scorecard.pdf"
    first = c.get(url).content
    assert c.get(url).content == first and len(calls) == 1
    services.report_accept(actor=world["strategy"], report=plan.reports.get())
    second = c.get(url).content
    assert len(calls) == 2 and second != first
    assert "ตามเป้าหมาย 1" in pdf_text(second)
