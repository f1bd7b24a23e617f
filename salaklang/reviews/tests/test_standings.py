"""Issue 16: the ranking reads stored standings; they must equal a recomputation from the scores after every change."""

from decimal import Decimal

from django.urls import reverse

from salaklang.calls import services as calls
from salaklang.calls.tests.conftest import make_call, pna, tourism  # noqa: F401 — shared fixtures
from salaklang.reviews import services
from salaklang.reviews.models import Assignment, Standing
from salaklang.reviews.tests.test_review import _many_scored, reviewed  # noqa: F401


def stored(call) -> list[dict]:
    return sorted(({"proposal_id": s.proposal_id, "totals": [Decimal(t) for t in s.totals], "mean": s.mean,
                    "spread": s.spread, "reviews": s.reviews, "assigned": s.assigned}
                   for s in Standing.objects.filter(call=call)), key=lambda r: r["proposal_id"])


def recomputed(call) -> list[dict]:
    return sorted(services.compute_standings(call), key=lambda r: r["proposal_id"])


def test_stored_standings_equal_a_recomputation_after_every_change(reviewed, demo):  # noqa: F811
    call, (p1, p2, p3) = reviewed
    assert [r["proposal_id"] for r in stored(call)] == sorted([p1.pk, p2.pk, p3.pk])  # submitted → a standing
    rubric = services.rubric_for(call=call, actor=demo["pn.strategy"])
    services.rubric_save(rubric=rubric, actor=demo["pn.strategy"], criteria=[
        {"name_th": f"เกณฑ์ {w}-{i}", "weight": w, "max_score": 10} for i, w in enumerate([25, 15, 25, 10, 10, 15])],
        blind=False, reviewers_per_proposal=0, selections_allowed=1, threshold=Decimal("50"))
    services.reviewers_assign(call=call, actor=demo["pn.strategy"], reviewers=[demo["pn.reviewer"], demo["pn.reviewer2"]])
    assert stored(call) == recomputed(call) and {r["assigned"] for r in stored(call)} == {1, 2}
    criteria = list(call.rubric.criteria.order_by("order"))

    def submit(username, proposal, values):
        asg = Assignment.objects.get(reviewer=demo[username], proposal=proposal)
        services.scores_save(assignment=asg, actor=demo[username], submit=True,
                             values={c.pk: (Decimal(v), "") for c, v in zip(criteria, values, strict=True)})
        return asg

    submit("pn.reviewer", p1, [10, 9, 10, 9, 9, 10])
    assert stored(call) == recomputed(call)
    asg = submit("pn.reviewer2", p1, [6, 6, 7, 6, 6, 6])
    mine = Standing.objects.get(proposal=p1)
    assert (mine.mean, str(mine.mean), mine.spread) == (Decimal("79.50"), "79.50", Decimal("34.00"))
    assert stored(call) == recomputed(call)
    submit("pn.reviewer", p2, [7, 7, 7, 7, 7, 7.5])
    assert stored(call) == recomputed(call)
    services.scores_reopen(assignment=asg, actor=demo["pn.strategy"], reason="พิมพ์ผิด")
    assert Standing.objects.get(proposal=p1).mean == Decimal("96.50") and stored(call) == recomputed(call)
    services.conflict_declare(assignment=asg, actor=demo["pn.reviewer2"], reason="ญาติ")
    assert Standing.objects.get(proposal=p1).assigned == 1 and stored(call) == recomputed(call)
    # a proposal returned for revision leaves the ranking, and comes back when submitted again
    p3.refresh_from_db()
    from salaklang.calls.models import Call

    Call.objects.filter(pk=call.pk).update(status="published")
    calls.proposal_return(actor=demo["pn.strategy"], proposal=p3, comment="แก้ไขงบประมาณ")
    assert p3.pk not in {r["proposal_id"] for r in stored(call)} and stored(call) == recomputed(call)
    rows = services.ranking(call)
    assert [r["proposal_id"] for r in rows] == [p1.pk, p2.pk]
    assert (rows[0]["rank"], rows[1]["rank"]) == (1, 2)


def test_ranks_and_ties_across_pages_match_the_whole_ranking(reviewed, demo, client_as):  # noqa: F811
    call, _ = reviewed
    _many_scored(call, demo, 2 * services.RANKING_PAGE + 7)  # scores 0..10: many ties that straddle the pages
    everything = services.ranking(call)
    assert stored(call) == recomputed(call)
    c = client_as("pn.strategy")
    url = reverse("reviews:ranking", args=[call.pk])
    seen = []
    for page in (1, 2, 3):
        seen += [(r["proposal_id"], r["rank"], r["tie"], r["mean"]) for r in c.get(url, {"page": page}).context["rows"]]
    assert seen == [(r["proposal_id"], r["rank"], r["tie"], r["mean"]) for r in everything]
    for r in everything:
        if r["mean"] is not None:
            assert r["rank"] == 1 + sum(1 for o in everything if o["mean"] is not None and o["mean"] > r["mean"])
            assert r["tie"] == (sum(1 for o in everything if o["mean"] == r["mean"]) > 1)
    one = everything[services.RANKING_PAGE + 3]
    detail = c.get(url, {"proposal": one["proposal_id"]}).context["detail"]
    assert (detail["rank"], detail["tie"], detail["mean"]) == (one["rank"], one["tie"], one["mean"])
