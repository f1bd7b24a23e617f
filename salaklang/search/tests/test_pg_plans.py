"""PostgreSQL: how the engine reads the newest matches (a bounded probe, then the date walk or the trigram index)
— the choice, the same answer whichever plan runs, permissions included, and a common word read in bounded rows."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from salaklang.search import engine
from salaklang.search.models import SearchDocument

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the PostgreSQL plans")


def test_choose_plan_walks_for_common_words_and_uses_trigrams_for_rare_ones():
    national = 2_400_000
    assert engine.choose_plan(660, 1000, 2000, national) == "walk"  # ราชการ: in 66 % of the rows
    assert engine.choose_plan(53, 1000, 2000, national) == "walk"  # two words, 5 %: ~38,000 rows walked
    assert engine.choose_plan(5, 1000, 2000, national) == "trigram"  # 0.5 %: ~400,000 walked vs ~12,000
    assert engine.choose_plan(0, 1000, 2000, national) == "trigram"  # not in the newest rows at all
    assert engine.choose_plan(10, 4000, 2000, 30_000) == "trigram"  # a province-size index: few matches
    assert engine.choose_plan(40, 1000, 40, national) == "walk"  # suggestions: 40 titles


USERS = ["admin", "pn.strategy", "pn.tourism", "pn.damrongdhama", "cr.strategy", "citizen", "outsider", None]
QUERIES = [("ราชการ", {}), ("ประปา", {}), ("ผู้ว่าราชการ เชียงราย", {}), ("พังงา", {"kinds": ["post", "complaint"]}),
           ("ประชุม", {"titles_only": True, "per_page": 8}), ("ร้องเรียน", {}), ("จังหวัด", {"page": 2})]


def _user(username):
    from salaklang.accounts.models import User
    from salaklang.organizations.access import RoleSet

    if username is None:
        return AnonymousUser()
    user = User.objects.get(username=username)
    user.roles = RoleSet.for_user(user)
    return user


def _hits(user, q, kw):
    res = engine.search(user, q, **kw)
    return [(h.doc.kind, h.doc.object_id) for h in res.hits], res.plan


@postgres_only
@pytest.mark.parametrize("username", USERS, ids=[u or "anonymous" for u in USERS])
def test_every_plan_gives_the_same_page_with_the_same_permissions(world, username, monkeypatch):
    """The small demo index is read through the trigram index alone; probed as a national one (with a 20-row
    probe and 10 candidates), the walk and the trigram plan must each return exactly that page — same matches,
    same ranking, same permissions."""
    monkeypatch.setattr(engine, "CANDIDATES", 10)
    monkeypatch.setattr(engine, "SUGGEST_CANDIDATES", 4)
    monkeypatch.setattr(engine, "PROBE_ROWS", 20)
    user = _user(username)
    expected = {q: _hits(user, q, kw) for q, kw in QUERIES}
    assert {plan for _hits_, plan in expected.values()} <= {"trigram", ""}
    assert any(hits for hits, _plan in expected.values())
    monkeypatch.setattr(engine, "SMALL_INDEX", 0)
    for forced in ("walk", "trigram"):
        monkeypatch.setattr(engine, "choose_plan", lambda *a, forced=forced: forced)
        plans = []
        for q, kw in QUERIES:
            hits, plan = _hits(user, q, kw)
            assert hits == expected[q][0], (forced, q)
            plans.append(plan)
        assert set(plans) <= {forced, "probe", ""}  # "probe": fewer than 20 visible rows, or enough matches
        if username != None:  # noqa: E711 (anonymous visitors see too few rows to need more than the probe)
            assert forced in plans


def _common_word_rows(n: int, every: int = 1) -> None:
    """``n`` new rows, the newest of the index; one in ``every`` has the word ส่วนราชการ."""
    now = timezone.now()
    body = ["ส่วนราชการ" if i % every == 0 else "ประชาสัมพันธ์" for i in range(n)]
    SearchDocument.objects.bulk_create(
        SearchDocument(kind="post", object_id=900_000 + i, date=now - dt.timedelta(minutes=i), title=f"ข่าว {i}",
                       body=body[i], url=f"/x/{i}/", title_norm=f"ข่าว {i}", text_norm=f"ข่าว {i}\n{body[i]}")
        for i in range(n))
    with connection.cursor() as cur:
        cur.execute(f"ANALYZE {SearchDocument._meta.db_table}")


def _plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _plan_nodes(child)


@postgres_only
def test_a_common_word_is_read_in_bounded_rows(world, monkeypatch):
    """A word in one row in three (scaled down: 200 candidates, a 400-row probe): the probe estimates the share,
    and the walk reads the date index newest first and stops at the 200th match — no bitmap of all the matches,
    no sort of the whole index."""
    from django.db import transaction

    from salaklang.accounts.models import User

    before = SearchDocument.objects.count()
    _common_word_rows(3000, every=3)
    monkeypatch.setattr(engine, "CANDIDATES", 200)
    monkeypatch.setattr(engine, "PROBE_ROWS", 300)
    monkeypatch.setattr(engine, "SMALL_INDEX", 0)
    admin = User.objects.get(username="admin")
    with CaptureQueriesContext(connection) as ctx:
        res = engine.search(admin, "ส่วนราชการ", per_page=10)
    assert res.plan == "walk" and len(res.hits) == 10
    walk = next(q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT") and "strpos" in q["sql"]
                and "row_number()" not in q["sql"])
    with transaction.atomic(), connection.cursor() as cur:
        engine._plan_settings(cur, "walk")
        cur.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + walk)
        plan = cur.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    scans = [n for n in _plan_nodes(plan[0]["Plan"]) if n.get("Relation Name") == SearchDocument._meta.db_table]
    assert [(n["Node Type"], n.get("Index Name")) for n in scans] == [("Index Scan", "search_doc_recent")], scans
    assert scans[0]["Actual Rows"] == 200  # it stops at the candidate limit …
    read = scans[0]["Actual Rows"] + scans[0].get("Rows Removed by Filter", 0)
    assert read <= 3 * 200 + before  # … having read the newest ~600 new rows (and at most every older row)


@postgres_only
def test_a_rare_word_uses_the_trigram_index_after_a_bounded_probe(world, monkeypatch):
    _common_word_rows(3000)
    monkeypatch.setattr(engine, "CANDIDATES", 200)
    monkeypatch.setattr(engine, "SMALL_INDEX", 0)
    from salaklang.accounts.models import User

    admin = User.objects.get(username="admin")
    res = engine.search(admin, "รองผู้ว่าราชการจังหวัด")  # in a few demo documents, none of the 3,000 new rows
    assert res.plan == "trigram"
    common = engine.search(admin, "ส่วนราชการ")
    assert common.plan == "probe" and len(common.hits) == 20


@postgres_only
def test_a_small_index_is_read_through_the_trigram_index_without_a_probe(world):
    from salaklang.accounts.models import User

    assert SearchDocument.objects.count() < engine.SMALL_INDEX
    admin = User.objects.get(username="admin")
    with CaptureQueriesContext(connection) as ctx:
        res = engine.search(admin, "ราชการ")
    assert res.plan == "trigram" and res.hits
    assert not any("row_number()" in q["sql"] for q in ctx.captured_queries)


@postgres_only
def test_the_plan_settings_do_not_outlive_the_search(world, monkeypatch):
    """Inside an outer transaction (a test, a view in a transaction) the walk's planner settings are put back."""
    from salaklang.accounts.models import User

    monkeypatch.setattr(engine, "SMALL_INDEX", 0)
    monkeypatch.setattr(engine, "choose_plan", lambda *a: "walk")
    monkeypatch.setattr(engine, "CANDIDATES", 10)
    monkeypatch.setattr(engine, "PROBE_ROWS", 5)
    assert engine.search(User.objects.get(username="admin"), "ท้ายเหมือง").plan == "walk"
    with connection.cursor() as cur:
        cur.execute("SELECT current_setting('enable_seqscan'), current_setting('enable_sort')")
        assert cur.fetchone() == ("on", "on")
