import datetime as dt

import pytest

from salaklang.plans.periods import MONTHLY, QUARTERLY, Period, period_containing, periods_of


def test_quarter_one_is_october_to_december_of_the_previous_ce_year():
    q1 = Period.parse("2570Q1")
    assert (q1.start, q1.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    q4 = Period.parse("2570Q4")
    assert (q4.start, q4.end) == (dt.date(2027, 7, 1), dt.date(2027, 9, 30))
    assert q1.label.startswith("ไตรมาส 1/2570")


def test_months_follow_the_fiscal_year():
    m1, m5, m12 = Period.parse("2569M01"), Period.parse("2569M05"), Period.parse("2569M12")
    assert m1.start == dt.date(2025, 10, 1) and m1.end == dt.date(2025, 10, 31)
    assert m5.start == dt.date(2026, 2, 1) and m5.end == dt.date(2026, 2, 28)
    assert m12.end == dt.date(2026, 9, 30)


def test_periods_of_two_years_in_order_and_sortable_keys():
    qs = periods_of(2569, 2570, QUARTERLY)
    assert [p.key for p in qs] == ["2569Q1", "2569Q2", "2569Q3", "2569Q4", "2570Q1", "2570Q2", "2570Q3", "2570Q4"]
    ms = periods_of(2569, 2569, MONTHLY)
    assert len(ms) == 12 and [p.key for p in ms] == sorted(p.key for p in ms)


def test_period_containing_and_due_date():
    assert period_containing(dt.date(2026, 12, 3), QUARTERLY).key == "2570Q1"
    assert period_containing(dt.date(2026, 9, 30), QUARTERLY).key == "2569Q4"
    assert period_containing(dt.date(2026, 1, 15), MONTHLY).key == "2569M04"
    assert Period.parse("2570Q1").due(15) == dt.date(2027, 1, 15)


@pytest.mark.parametrize("bad", ["", "2570Q5", "2570M13", "2570M1", "x"])
def test_bad_keys_refused(bad):
    with pytest.raises(ValueError):
        Period.parse(bad)


def test_labels_follow_the_language():
    from django.utils import translation

    q1 = Period.parse("2570Q1")
    with translation.override("th"):
        assert q1.label == "ไตรมาส 1/2570 (ต.ค.–ธ.ค. 69)" and q1.short_label == "Q1/70"
        assert Period.parse("2569M05").label == "ก.พ. 69"
    with translation.override("en"):
        assert q1.label == "Q1 FY2027 (Oct–Dec 2026)" and q1.short_label == "Q1/27"
        assert Period.parse("2569M05").label == "Feb 2026"
