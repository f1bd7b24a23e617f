import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from salaklang.audit.models import AuditEntry
from salaklang.core import workflow
from salaklang.notifications.models import Notification
from salaklang.plans import services
from salaklang.plans.models import Indicator, Plan, ProgressReport, ReminderLog
from salaklang.plans.tests.factories import make_agenda, make_plan, make_world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English (the Thai catalogue translates them in the pages)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def world(db):
    return make_world()


def _report(world, plan, period=None, values=None, narrative="ดำเนินการแล้ว"):
    ind = plan.indicators.get()
    period = period or plan.periods[0].key
    return services.report_save(actor=world["coordinator"], plan=plan, organization=world["agency"], period=period,
                                values=values if values is not None else {ind.pk: "5"}, narrative=narrative)


# --- plans and activities ---------------------------------------------------------------------
def test_plan_only_for_a_selected_agenda_of_ones_own_province(world):
    candidate = make_agenda(world["province"], status="candidate")
    with pytest.raises(ValidationError, match="selected"):
        services.plan_create(actor=world["strategy"], agenda=candidate, data={})
    selected = make_agenda(world["province"])
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=world["other_strategy"], agenda=selected, data={})
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=world["coordinator"], agenda=selected, data={})
    plan = services.plan_create(actor=world["strategy"], agenda=selected, data={})
    assert plan.province_id == world["province"].pk and plan.fiscal_year_from == selected.fiscal_year
    assert plan.status == Plan.Status.DRAFT
    assert AuditEntry.objects.filter(verb="plan_created", object_id=str(plan.pk)).exists()
    with pytest.raises(ValidationError, match="already"):
        services.plan_create(actor=world["strategy"], agenda=selected, data={})


def test_activity_end_before_start_refused_and_budget_is_decimal(world):
    plan = make_plan(world, activate=False)
    data = {"mechanism": "open", "title": "เวที", "owner": world["agency"], "budget": Decimal("2500.25"),
            "starts_on": dt.date(2026, 3, 1), "ends_on": dt.date(2026, 2, 1)}
    with pytest.raises(ValidationError) as exc:
        services.activity_create(actor=world["strategy"], plan=plan, data=data)
    assert "ends_on" in exc.value.message_dict
    data["ends_on"] = dt.date(2026, 4, 1)
    activity = services.activity_create(actor=world["strategy"], plan=plan, data=data, partners=[world["other_agency"]])
    activity.refresh_from_db()
    assert activity.budget == Decimal("2500.25") and list(activity.partners.all()) == [world["other_agency"]]
    outsider = world["other_province"]
    with pytest.raises(ValidationError):
        services.activity_create(actor=world["strategy"], plan=plan, data={**data, "owner": outsider})


def test_plan_fiscal_years_in_order(world):
    agenda = make_agenda(world["province"])
    with pytest.raises(ValidationError):
        services.plan_create(actor=world["strategy"], agenda=agenda,
                             data={"fiscal_year_from": 2570, "fiscal_year_to": 2569})


def test_activation_needs_targets_for_every_period_and_goes_draft_active_closed(world):
    plan = make_plan(world, activate=False)
    assert workflow.can_transition_to(plan, "active") and not workflow.can_transition_to(plan, "closed")
    plan = services.plan_activate(actor=world["strategy"], plan=plan)
    assert plan.status == Plan.Status.ACTIVE
    assert Notification.objects.filter(recipient=world["coordinator"], kind="plan.activated").exists()
    with pytest.raises(ValidationError):
        services.plan_activate(actor=world["strategy"], plan=plan)
    plan = services.plan_close(actor=world["strategy"], plan=plan)
    assert plan.status == Plan.Status.CLOSED


def test_indicator_needs_a_target_per_period_of_its_type(world):
    plan = make_plan(world, activate=False, indicators=0)
    keys = [p.key for p in plan.periods]
    data = {"mechanism": "digital", "name": "ร้อยละ", "unit": "ร้อยละ", "value_type": "percent",
            "baseline": Decimal(10), "direction": "higher", "aggregation": "latest", "owner": world["agency"]}
    with pytest.raises(ValidationError, match="0 to 100"):
        services.indicator_create(actor=world["strategy"], plan=plan, data=data,
                                  targets=dict.fromkeys(keys, "120"))
    with pytest.raises(ValidationError):
        services.indicator_create(actor=world["strategy"], plan=plan, data=data, targets={keys[0]: "20"})
    ind = services.indicator_create(actor=world["strategy"], plan=plan, data=data, targets=dict.fromkeys(keys, "50%"))
    assert ind.targets.count() == len(keys) and ind.status == Indicator.Status.NO_DATA


# --- values -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value_type", "unit", "raw", "message"), [
    ("count", "ครั้ง", "2.5", "whole number"),
    ("count", "ครั้ง", "-1", "whole number"),
    ("percent", "ร้อยละ", "101", "0 to 100"),
    ("number", "วัน", "สิบ", "not a number"),
    ("number", "วัน", "12 ชั่วโมง", "measured in วัน"),
    ("count", "ครั้ง", "40%", "measured in ครั้ง"),
])
def test_values_of_the_wrong_type_or_unit_are_refused_with_a_clear_message(world, value_type, unit, raw, message):
    plan = make_plan(world, value_type=value_type, unit=unit, targets=None if value_type != "percent" else
                     [str(10 + i) for i in range(4)])
    with pytest.raises(ValidationError) as exc:
        _report(world, plan, values={plan.indicators.get().pk: raw})
    assert message in " ".join(exc.value.messages)
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(("value_type", "unit", "raw", "expected"), [
    ("count", "ครั้ง", "๑๒", Decimal(12)),
    ("count", "ครั้ง", "1,200 ครั้ง", Decimal(1200)),
    ("percent", "ร้อยละ", "45.5%", Decimal("45.5")),
    ("number", "ล้านบาท", "3.25", Decimal("3.25")),
])
def test_values_accepted_with_thai_digits_commas_and_their_own_unit(world, value_type, unit, raw, expected):
    plan = make_plan(world, value_type=value_type, unit=unit, targets=[str(10 + i) for i in range(4)])
    report = _report(world, plan, values={plan.indicators.get().pk: raw})
    assert report.values.get().value == expected


# --- reports ------------------------------------------------------------------------------------
def test_report_submit_accept_updates_the_scorecard_cache(world):
    plan = make_plan(world)
    report = _report(world, plan)
    with pytest.raises(PermissionDenied):
        services.report_submit(actor=world["other_coordinator"], report=report)
    report = services.report_submit(actor=world["coordinator"], report=report)
    assert report.status == ProgressReport.Status.SUBMITTED and report.submitted_by == world["coordinator"]
    assert Notification.objects.filter(recipient=world["strategy"], kind="plan.report_submitted").exists()
    with pytest.raises(ValidationError):
        _report(world, plan, values={plan.indicators.get().pk: "6"})  # submitted: no longer editable
    with pytest.raises(PermissionDenied):
        services.report_accept(actor=world["governor"], report=report)
    services.report_accept(actor=world["strategy"], report=report)
    ind = plan.indicators.get()
    # cumulative, baseline 0, target 10 at Q1, actual 5 -> p = 0.5 -> off track
    assert (ind.latest_period, ind.latest_actual, ind.latest_target, ind.status) == (
        plan.periods[0].key, Decimal(5), Decimal(10), "off_track")
    assert AuditEntry.objects.filter(verb="report_accepted", object_id=str(report.pk)).exists()
    assert Notification.objects.filter(recipient=world["coordinator"], kind="plan.report_accepted").exists()


def test_return_needs_a_comment_then_owner_resubmits(world):
    plan = make_plan(world)
    report = services.report_submit(actor=world["coordinator"], report=_report(world, plan))
    with pytest.raises(ValidationError):
        services.report_return(actor=world["strategy"], report=report, comment="  ")
    report = services.report_return(actor=world["strategy"], report=report, comment="แนบหลักฐาน")
    assert report.status == ProgressReport.Status.RETURNED and report.review_comment == "แนบหลักฐาน"
    assert Notification.objects.filter(recipient=world["coordinator"], kind="plan.report_returned").exists()
    report = _report(world, plan, values={plan.indicators.get().pk: "11"})
    services.evidence_add(actor=world["coordinator"], report=report, title="ภาพถ่าย",
                          upload=SimpleUploadedFile("e.pdf", PDF, content_type="application/pdf"))
    report = services.report_submit(actor=world["coordinator"], report=report)
    assert report.status == ProgressReport.Status.SUBMITTED
    services.report_accept(actor=world["strategy"], report=report)
    assert plan.indicators.get().status == "on_track"  # 11 ≥ 10
    with pytest.raises(ValidationError):
        services.report_return(actor=world["strategy"], report=report, comment="ช้าไป")  # accepted is final


def test_submit_needs_every_value_and_a_narrative(world):
    plan = make_plan(world, indicators=2)
    ind = plan.indicators.order_by("pk").first()
    report = _report_two(world, plan, {ind.pk: "3"})
    with pytest.raises(ValidationError, match="every indicator"):
        services.report_submit(actor=world["coordinator"], report=report)


def _report_two(world, plan, values):
    return services.report_save(actor=world["coordinator"], plan=plan, organization=world["agency"],
                                period=plan.periods[0].key, values=values, narrative="x")


def test_report_after_the_plan_is_closed_is_refused(world):
    plan = make_plan(world)
    report = _report(world, plan)
    services.plan_close(actor=world["strategy"], plan=plan)
    with pytest.raises(ValidationError, match="closed"):
        _report(world, plan, period=plan.periods[1].key)
    with pytest.raises(ValidationError, match="closed"):
        services.report_submit(actor=world["coordinator"], report=report)


def test_report_refused_for_a_draft_plan_a_future_period_and_an_outsider(world):
    plan = make_plan(world, activate=False)
    with pytest.raises(ValidationError, match="active"):
        _report(world, plan)
    services.plan_activate(actor=world["strategy"], plan=plan)
    with pytest.raises(PermissionDenied):
        services.report_save(actor=world["other_coordinator"], plan=plan, organization=world["agency"],
                             period=plan.periods[0].key, values={}, narrative="")
    with pytest.raises(ValidationError, match="not a reporting period"):
        _report(world, plan, period="2400Q1")


def test_evidence_checked_by_content_and_size(world, settings):
    plan = make_plan(world)
    report = _report(world, plan)
    with pytest.raises(ValidationError, match="checked by content"):
        services.evidence_add(actor=world["coordinator"], report=report, title="ไฟล์ปลอม",
                              upload=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"))
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="larger"):
        services.evidence_add(actor=world["coordinator"], report=report, title="ใหญ่",
                              upload=SimpleUploadedFile("e.pdf", PDF, content_type="application/pdf"))


# --- reminders ----------------------------------------------------------------------------------
def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def test_reminders_seven_and_one_day_before_and_the_day_after_each_once(world, settings):
    settings.PLANS_REPORT_DUE_DAYS = 15
    plan = make_plan(world)
    due = plan.periods[0].end + dt.timedelta(days=15)
    assert services.send_due_reminders(_at(due - dt.timedelta(days=8))) == 0
    assert services.send_due_reminders(_at(due - dt.timedelta(days=7))) == 1
    assert services.send_due_reminders(_at(due - dt.timedelta(days=7))) == 0  # once
    assert services.send_due_reminders(_at(due - dt.timedelta(days=1))) == 1
    assert services.send_due_reminders(_at(due)) == 0
    assert services.send_due_reminders(_at(due + dt.timedelta(days=1))) == 1
    assert services.send_due_reminders(_at(due + dt.timedelta(days=1))) == 0
    kinds = sorted(ReminderLog.objects.filter(period=plan.periods[0].key).values_list("kind", flat=True))
    assert kinds == ["after", "d1", "d7"]
    assert Notification.objects.filter(recipient=world["coordinator"], kind="plan.reminder").count() == 3
    assert not Notification.objects.filter(recipient=world["other_coordinator"], kind="plan.reminder").exists()


def test_no_reminder_once_submitted_nor_for_a_closed_plan(world, settings):
    settings.PLANS_REPORT_DUE_DAYS = 10
    plan = make_plan(world)
    due = plan.periods[0].end + dt.timedelta(days=10)
    services.report_submit(actor=world["coordinator"], report=_report(world, plan))
    assert services.send_due_reminders(_at(due - dt.timedelta(days=1))) == 0
    due2 = plan.periods[1].end + dt.timedelta(days=10)
    services.plan_close(actor=world["strategy"], plan=plan)
    assert services.send_due_reminders(_at(due2 - dt.timedelta(days=7))) == 0


def test_reminder_job_is_registered():
    from salaklang.core import schedule

    assert any(j.name.endswith("plans.services.send_due_reminders") for j in schedule.jobs())


def test_monthly_plan_has_twelve_periods_from_october(world):
    plan = make_plan(world, frequency="monthly")
    assert [p.key for p in plan.periods][:2] == [f"{plan.fiscal_year_from}M01", f"{plan.fiscal_year_from}M02"]
    assert plan.indicators.get().targets.count() == 12
    assert plan.periods[0].start.month == 10 and plan.periods[-1].end.month == 9
    report = _report(world, plan, period=plan.periods[5].key, values={plan.indicators.get().pk: "4"})
    assert report.due_on == plan.periods[5].end + dt.timedelta(days=15)


def test_latest_lower_is_better_indicator_status_follows_accepted_reports(world):
    plan = make_plan(world, value_type="number", unit="วัน", aggregation="latest", baseline="30",
                     targets=["25", "20", "15", "10"])
    ind = plan.indicators.get()
    Indicator.objects.filter(pk=ind.pk).update(direction="lower")
    for q, value in enumerate(["26", "21"]):
        report = _report(world, plan, period=plan.periods[q].key, values={ind.pk: value})
        services.report_submit(actor=world["coordinator"], report=report)
        services.report_accept(actor=world["strategy"], report=report)
    ind.refresh_from_db()
    # Q2: baseline 30, target 20, actual 21 -> p = 9/10 -> at risk
    assert (ind.latest_period, ind.latest_actual, ind.status) == (plan.periods[1].key, Decimal(21), "at_risk")
    report = _report(world, plan, period=plan.periods[2].key, values={ind.pk: "14"})
    services.report_submit(actor=world["coordinator"], report=report)
    ind.refresh_from_db()
    assert ind.status == "at_risk"  # a submitted (not yet accepted) report does not move the scorecard
    services.report_accept(actor=world["strategy"], report=report)
    ind.refresh_from_db()
    assert (ind.latest_period, ind.status) == (plan.periods[2].key, "on_track")  # 14 ≤ 15


def test_a_delegate_reports_on_behalf_of_the_coordinator_and_the_audit_says_so(world):
    from salaklang.core.testing import make_user
    from salaklang.organizations.models import Delegation

    plan = make_plan(world)
    analyst = make_user("t.analyst")
    with pytest.raises(PermissionDenied):
        _report_as(analyst, world, plan)
    today = timezone.localdate()
    Delegation.objects.create(delegator=world["coordinator"], delegate=analyst, organization=world["agency"],
                              scope=Delegation.Scope.ATTEND_MEETINGS, start_date=today, end_date=today)
    analyst = type(analyst).objects.get(pk=analyst.pk)
    with pytest.raises(PermissionDenied):  # attending meetings is not reporting
        _report_as(analyst, world, plan)
    Delegation.objects.create(delegator=world["coordinator"], delegate=analyst, organization=world["agency"],
                              scope=Delegation.Scope.REPORT_PROGRESS, start_date=today, end_date=today)
    analyst = type(analyst).objects.get(pk=analyst.pk)
    report = services.report_submit(actor=analyst, report=_report_as(analyst, world, plan))
    entry = AuditEntry.objects.get(verb="report_submitted", object_id=str(report.pk))
    assert entry.actor == analyst and entry.on_behalf_of == world["coordinator"]
    other = type(analyst).objects.get(pk=analyst.pk)
    with pytest.raises(PermissionDenied):  # the delegation is for the agency, not another one
        services.report_save(actor=other, plan=plan, organization=world["other_agency"], period=plan.periods[0].key,
                             values={}, narrative="")


def _report_as(user, world, plan):
    return services.report_save(actor=user, plan=plan, organization=world["agency"], period=plan.periods[0].key,
                                values={plan.indicators.get().pk: "5"}, narrative="ทำแล้ว")
