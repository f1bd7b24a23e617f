"""The batched per-key quota of Open311 POSTs: exact in one process, shared across processes within a flush."""

from __future__ import annotations

from unittest import mock

import pytest

from salaklang.complaints.open311.quota import BatchedQuota, parse_rate


def test_parse_rate():
    assert parse_rate("600/m") == (600, 60)
    assert parse_rate("30/s") == (30, 1)
    assert parse_rate("100/10s") == (100, 10)
    assert parse_rate("5/h") == (5, 3600)


def test_one_process_counts_exactly():
    quota = BatchedQuota("t1", flush_every=20, flush_seconds=60)
    with mock.patch("salaklang.complaints.open311.quota.time.time", return_value=1_000_000.0):
        assert [quota.hit("k", "3/m") for _ in range(5)] == [False, False, False, True, True]
        assert quota.hit("other", "3/m") is False  # per key


def test_processes_see_each_other_after_a_flush():
    a = BatchedQuota("t2", flush_every=5, flush_seconds=60)
    b = BatchedQuota("t2", flush_every=5, flush_seconds=60)  # another worker: same cache, own memory
    with mock.patch("salaklang.complaints.open311.quota.time.time", return_value=2_000_040.0):
        assert not any(a.hit("k", "12/m") for _ in range(6))   # a flushes at hits 1 and 6: shared total 6
        assert not any(b.hit("k", "12/m") for _ in range(6))   # b flushes at its 1st (total 7) and 6th (12)
        # b has seen 12 in the shared counter: the next hit is over; a learns it at its next flush
        assert b.hit("k", "12/m") is True
        results = [a.hit("k", "12/m") for _ in range(5)]
        assert results[-1] is True  # flushed at the 5th pending hit: 12 + 5 seen


@pytest.mark.parametrize("start", [3_000_000.0])
def test_a_new_window_starts_from_zero(start):
    quota = BatchedQuota("t3", flush_every=1, flush_seconds=0)
    with mock.patch("salaklang.complaints.open311.quota.time.time", return_value=start):
        assert [quota.hit("k", "1/m") for _ in range(2)] == [False, True]
    # Sliding window (issue 10): right after the boundary the previous minute's burst still counts…
    with mock.patch("salaklang.complaints.open311.quota.time.time", return_value=start + 60):
        assert quota.hit("k", "1/m") is True
    # …and a window with nothing before it starts from zero.
    with mock.patch("salaklang.complaints.open311.quota.time.time", return_value=start + 180):
        assert quota.hit("k", "1/m") is False


def test_hits_pending_when_the_window_ends_still_count_in_the_next(monkeypatch):
    """A burst across the window boundary: the hits counted in the process but not yet added to the shared count
    must not be dropped when the next window starts (the sliding window reads them back)."""
    import time as time_mod

    from django.core.cache import cache

    from salaklang.complaints.open311.quota import BatchedQuota

    cache.clear()
    quota = BatchedQuota("boundary-test", flush_every=100, flush_seconds=3600)
    clock = [600.0]  # the start of a 60-second window
    monkeypatch.setattr(time_mod, "time", lambda: clock[0])
    assert [quota.hit("k", "5/m") for _ in range(4)] == [False] * 4  # 1 flushed, 3 pending
    clock[0] = 660.01  # the next window starts: the previous window's 4 hits weigh almost fully
    assert quota.hit("k", "5/m") is False  # 4 × ~1 + 1 = 5, not over
    assert quota.hit("k", "5/m") is True   # 6 > 5: the burst across the boundary is cut at the limit
