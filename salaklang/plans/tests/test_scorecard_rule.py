from decimal import Decimal as D

from salaklang.plans.scorecard import Aggregation, Direction, Status, actual_value, progress, status


def test_actual_value_cumulative_sums_reported_periods():
    assert actual_value([D(3), None, D(4)], Aggregation.CUMULATIVE) == D(7)


def test_actual_value_latest_takes_last_reported():
    assert actual_value([D(3), D(9), None], Aggregation.LATEST) == D(9)


def test_actual_value_nothing_reported():
    assert actual_value([None, None], Aggregation.CUMULATIVE) is None


def test_progress_higher_is_better():
    # baseline 40, target 60, actual 56 -> 16/20 = 0.8
    assert progress(actual=D(56), baseline=D(40), target=D(60)) == D("0.8")


def test_status_higher_is_better_bands():
    kw = {"baseline": D(40), "target": D(60), "direction": Direction.HIGHER}
    assert status(actual=D(60), **kw) == Status.ON_TRACK  # p = 1
    assert status(actual=D(56), **kw) == Status.AT_RISK  # p = 0.8
    assert status(actual=D(55), **kw) == Status.OFF_TRACK  # p = 0.75


def test_status_lower_is_better_bands():
    # waiting days: baseline 30, target 10 -> gap -20
    kw = {"baseline": D(30), "target": D(10), "direction": Direction.LOWER}
    assert status(actual=D(9), **kw) == Status.ON_TRACK  # p = 21/20
    assert status(actual=D(14), **kw) == Status.AT_RISK  # p = 16/20 = 0.8
    assert status(actual=D(15), **kw) == Status.OFF_TRACK  # p = 0.75
    assert status(actual=D(35), **kw) == Status.OFF_TRACK  # worse than baseline


def test_status_hold_level_and_no_data():
    assert status(actual=D(5), baseline=D(5), target=D(5), direction=Direction.LOWER) == Status.ON_TRACK
    assert status(actual=D(6), baseline=D(5), target=D(5), direction=Direction.LOWER) == Status.OFF_TRACK
    assert status(actual=None, baseline=D(0), target=D(5), direction=Direction.HIGHER) == Status.NO_DATA
