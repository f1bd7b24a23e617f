from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from salaklang.calls import services as calls
from salaklang.calls.models import Call
from salaklang.calls.tests.conftest import make_call, pna, tourism  # noqa: F401 — shared fixtures
from salaklang.organizations.models import Organization
from salaklang.reviews import services
from salaklang.reviews.models import Assignment


@pytest.fixture
def reviewed(demo, make_call):  # noqa: F811
    """A closed call with three submitted proposals (Tourism, Health, Provincial Office)."""
    call = make_call()
    proposals = []
    for org_code, drafter, head, title in [("PNA-TOUR", "pn.tourism", "pn.tourism.head", "จองคิวอุทยาน"),
                                           ("PNA-HEALTH", "pn.health", "pn.health.head", "หมอทางไกล"),
                                           ("PNA-PO", "pn.reviewer2", "pn.reviewer2", "ศาลากลางดิจิทัล")]:
        p = calls.proposal_create(actor=demo[drafter], call=call, organization=Organization.objects.get(code=org_code),
                                  data={"title": title, "category": "service"})
        calls.proposal_send_for_approval(actor=demo[drafter], proposal=p)
        proposals.append(calls.proposal_approve(actor=demo[head], proposal=p))
    calls.call_close(actor=demo["pn.strategy"], call=call)
    return Call.objects.get(pk=call.pk), proposals


def two_criteria(rubric, demo):
    return services.rubric_save(rubric=rubric, actor=demo["pn.strategy"], criteria=[
        {"name_th": "ความใหม่", "weight": 60, "max_score": 10}, {"name_th": "ผลลัพธ์", "weight": 40, "max_score": 5}],
        blind=False, reviewers_per_proposal=0, selections_allowed=1, threshold=Decimal("20"))


def sheet(assignment, a, b):
    c1, c2 = assignment.proposal.call.rubric.criteria.all()
    return {c1.pk: (Decimal(a), ""), c2.pk: (Decimal(b), "")}


def test_default_rubric_and_weights_must_sum_to_100(reviewed, demo):
    call, _ = reviewed
    rubric = services.rubric_for(call=call, actor=demo["pn.strategy"])
    assert rubric.criteria.count() == 6 and sum(c.weight for c in rubric.criteria.all()) == 100
    with pytest.raises(ValidationError):
        services.rubric_save(rubric=rubric, actor=demo["pn.strategy"], criteria=[{"name_th": "x", "weight": 90}],
                             blind=False, reviewers_per_proposal=0, selections_allowed=1, threshold=Decimal(20))


def test_conflict_of_interest_excludes_own_organization(reviewed, demo):
    call, proposals = reviewed
    services.rubric_for(call=call, actor=demo["pn.strategy"])
    result = services.reviewers_assign(call=call, actor=demo["pn.strategy"],
                                       reviewers=[demo["pn.reviewer"], demo["pn.reviewer2"]])
    # pn.reviewer2 heads the Provincial Office: excluded from its proposal
    excluded = Assignment.objects.get(reviewer=demo["pn.reviewer2"], proposal=proposals[2])
    assert excluded.status == "excluded" and result == {"assigned": 5, "excluded": 1}
    with pytest.raises(ValidationError):
        services.scores_save(assignment=excluded, actor=demo["pn.reviewer2"], values={}, submit=False)


def test_scores_ranking_math_and_ties(reviewed, demo):
    call, (p1, p2, p3) = reviewed
    two_criteria(services.rubric_for(call=call, actor=demo["pn.strategy"]), demo)
    services.reviewers_assign(call=call, actor=demo["pn.strategy"], reviewers=[demo["pn.reviewer"], demo["pn.reviewer2"]])
    r1, r2 = demo["pn.reviewer"], demo["pn.reviewer2"]

    def score(reviewer, proposal, a, b):
        asg = Assignment.objects.get(reviewer=reviewer, proposal=proposal)
        services.scores_save(assignment=asg, actor=reviewer, values=sheet(asg, a, b), submit=True)

    # hand-computed: total = a/10*60 + b/5*40
    score(r1, p1, 10, 5)   # 100
    score(r2, p1, 5, 2.5)  # 30 + 20 = 50  -> mean 75, spread 50 (disagreement > 20)
    score(r1, p2, 8, 4)    # 48 + 32 = 80
    score(r2, p2, 7, 3.5)  # 42 + 28 = 70  -> mean 75, spread 10
    score(r1, p3, 5, 5)    # 30 + 40 = 70  (r2 excluded)   -> mean 70
    rows = {r["proposal"].pk: r for r in services.ranking(call)}
    assert rows[p1.pk]["mean"] == Decimal("75.00") and rows[p1.pk]["spread"] == Decimal("50.00")
    assert rows[p1.pk]["disagreement"] and not rows[p2.pk]["disagreement"]
    assert rows[p2.pk]["mean"] == Decimal("75.00") and rows[p3.pk]["mean"] == Decimal("70.00")
    assert (rows[p1.pk]["rank"], rows[p2.pk]["rank"], rows[p3.pk]["rank"]) == (1, 1, 3)
    assert rows[p1.pk]["tie"] and not rows[p3.pk]["tie"]


def test_score_bad_input_and_locking(reviewed, demo):
    call, (p1, _p2, _p3) = reviewed
    rubric = two_criteria(services.rubric_for(call=call, actor=demo["pn.strategy"]), demo)
    services.reviewers_assign(call=call, actor=demo["pn.strategy"], reviewers=[demo["pn.reviewer"]])
    asg = Assignment.objects.get(reviewer=demo["pn.reviewer"], proposal=p1)
    c1, c2 = rubric.criteria.all()
    with pytest.raises(ValidationError):  # out of range
        services.scores_save(assignment=asg, actor=demo["pn.reviewer"], values={c1.pk: (Decimal(11), "")}, submit=False)
    with pytest.raises(ValidationError):  # missing criterion on submit
        services.scores_save(assignment=asg, actor=demo["pn.reviewer"], values={c1.pk: (Decimal(5), "")}, submit=True)
    with pytest.raises(PermissionDenied):  # someone else's sheet
        services.scores_save(assignment=asg, actor=demo["pn.reviewer2"], values={}, submit=False)
    services.scores_save(assignment=asg, actor=demo["pn.reviewer"], values=sheet(asg, 5, 5), submit=True)
    with pytest.raises(ValidationError):  # locked once submitted
        services.scores_save(assignment=asg, actor=demo["pn.reviewer"], values=sheet(asg, 1, 1), submit=True)
    with pytest.raises(ValidationError):  # rubric locked once scoring began
        two_criteria(rubric, demo)
    services.scores_reopen(assignment=asg, actor=demo["pn.strategy"], reason="พิมพ์ผิด")
    services.scores_save(assignment=asg, actor=demo["pn.reviewer"], values=sheet(asg, 1, 1), submit=True)


def test_declared_conflict_removes_scores(reviewed, demo):
    call, (p1, _p2, _p3) = reviewed
    two_criteria(services.rubric_for(call=call, actor=demo["pn.strategy"]), demo)
    services.reviewers_assign(call=call, actor=demo["pn.strategy"], reviewers=[demo["pn.reviewer"]])
    asg = Assignment.objects.get(reviewer=demo["pn.reviewer"], proposal=p1)
    services.scores_save(assignment=asg, actor=demo["pn.reviewer"], values=sheet(asg, 5, 5), submit=False)
    services.conflict_declare(assignment=asg, actor=demo["pn.reviewer"], reason="เป็นญาติกับผู้เสนอ")
    asg.refresh_from_db()
    assert asg.status == "conflict" and not asg.scores.exists()


def test_decision_rules(reviewed, demo, make_call):  # noqa: F811
    call, (p1, p2, _p3) = reviewed
    open_call = make_call()
    with pytest.raises(ValidationError):  # before the call is closed
        services.decision_record(call=open_call, actor=demo["pn.strategy"], proposals=[], reasons="x")
    with pytest.raises(ValidationError):  # more than allowed (default 1)
        services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p1, p2], reasons="ดีทั้งคู่")
    services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p1], reasons="คะแนนสูงสุด")
    with pytest.raises(ValidationError):  # a second chair a moment later
        services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p2], reasons="อีกเรื่อง")
    call.refresh_from_db()
    assert call.status == "decided" and list(call.decision.selected.all()) == [p1]


def test_pages_and_permissions(reviewed, demo, client_as):
    call, _ = reviewed
    assert client_as("pn.strategy").get(reverse("reviews:setup", args=[call.pk])).status_code == 200
    assert client_as("pn.strategy").get(reverse("reviews:ranking", args=[call.pk])).status_code == 200
    assert client_as("pn.reviewer").get(reverse("reviews:ranking", args=[call.pk])).status_code in (403, 404)
    assert client_as("cr.strategy").get(reverse("reviews:setup", args=[call.pk])).status_code == 404
    assert client_as("pn.reviewer").get(reverse("reviews:queue")).status_code == 200


def test_only_the_selected_proposal_is_forwarded(reviewed, demo, make_call):  # noqa: F811
    make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc")
    call, (p1, p2, _p3) = reviewed
    services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p1], reasons="สูงสุด")
    with pytest.raises(ValidationError):
        calls.proposal_forward(actor=demo["pn.strategy"], proposal=p2)
    forwarded = calls.proposal_forward(actor=demo["pn.strategy"], proposal=p1)
    assert forwarded.forwarded_from == p1


def test_decision_summary_pdf(reviewed, demo, client_as):
    from salaklang.documents.pdf import pdf_text

    call, (p1, _p2, _p3) = reviewed
    services.rubric_for(call=call, actor=demo["pn.strategy"])
    services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p1], reasons="คะแนนสูงสุด")
    response = client_as("pn.strategy").get(reverse("reviews:decision_pdf", args=[call.pk]))
    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert "สรุปผลการพิจารณาคัดเลือกนวัตกรรม" in text and "จองคิวอุทยาน" in text and "คะแนนสูงสุด" in text
    assert client_as("pn.reviewer").get(reverse("reviews:decision_pdf", args=[call.pk])).status_code in (403, 404)


def test_chair_sees_scores_per_reviewer_and_committee_assignment(reviewed, demo, client_as):
    from salaklang.organizations.models import Committee

    call, (p1, _p2, _p3) = reviewed
    two_criteria(services.rubric_for(call=call, actor=demo["pn.strategy"]), demo)
    committee = Committee.objects.get(organization__code="PNA")
    c = client_as("pn.strategy")
    c.post(reverse("reviews:setup", args=[call.pk]), {"form": "assign", "committee": committee.pk})
    reviewers = set(Assignment.objects.filter(proposal__call=call).values_list("reviewer__username", flat=True))
    assert {"pn.reviewer", "pn.reviewer2", "pn.governor", "pn.strategy"} <= reviewers
    asg = Assignment.objects.get(reviewer=demo["pn.reviewer"], proposal=p1)
    services.scores_save(assignment=asg, actor=demo["pn.reviewer"], values=sheet(asg, 7, 3), submit=True)
    html = c.get(reverse("reviews:ranking", args=[call.pk]), {"proposal": p1.pk}).content.decode()
    assert "นางศิริพร วิเศษวงศ์" in html and ">7<" in html and ">3<" in html


def test_a_unit_member_is_in_conflict_with_its_agency(reviewed, demo):
    call, (_p1, _p2, p3) = reviewed  # p3 comes from the Provincial Office; pn.strategy works in its strategy unit
    assert services.has_conflict(demo["pn.strategy"], p3)
    assert not services.has_conflict(demo["pn.reviewer"], p3)


def _two_reviewers_score(call, proposal, demo, first: list, second: list) -> None:
    """Weights 25/15/25/10/10/15 out of 10 each; pn.reviewer and pn.reviewer2 submit ``first`` and ``second``."""
    rubric = services.rubric_for(call=call, actor=demo["pn.strategy"])
    services.rubric_save(rubric=rubric, actor=demo["pn.strategy"], criteria=[
        {"name_th": f"เกณฑ์ {w}-{i}", "weight": w, "max_score": 10} for i, w in enumerate([25, 15, 25, 10, 10, 15])],
        blind=False, reviewers_per_proposal=0, selections_allowed=1, threshold=Decimal("50"))
    services.reviewers_assign(call=call, actor=demo["pn.strategy"], reviewers=[demo["pn.reviewer"], demo["pn.reviewer2"]])
    criteria = list(call.rubric.criteria.order_by("order"))
    for reviewer, values in [("pn.reviewer", first), ("pn.reviewer2", second)]:
        asg = Assignment.objects.get(reviewer=demo[reviewer], proposal=proposal)
        services.scores_save(assignment=asg, actor=demo[reviewer], submit=True,
                             values={c.pk: (Decimal(v), "") for c, v in zip(criteria, values, strict=True)})


def test_ranking_totals_keep_fractional_points(reviewed, demo, client_as):
    """Issue 11: on SQLite the weighted points were truncated by integer division (79.00 instead of 79.50)."""
    from salaklang.documents.pdf import pdf_text

    call, (p1, _p2, _p3) = reviewed
    _two_reviewers_score(call, p1, demo, [10, 9, 10, 9, 9, 10], [6, 6, 7, 6, 6, 6])
    row = next(r for r in services.ranking(call) if r["proposal"].pk == p1.pk)
    assert sorted(row["totals"]) == [Decimal("62.50"), Decimal("96.50")]
    assert row["mean"] == Decimal("79.50") and str(row["mean"]) == "79.50" and row["spread"] == Decimal("34.00")
    page = client_as("pn.strategy").get(reverse("reviews:ranking", args=[call.pk]))
    assert "79.50" in page.content.decode() and "79.00" not in page.content.decode()
    services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p1], reasons="คะแนนสูงสุด")
    text = pdf_text(client_as("pn.strategy").get(reverse("reviews:decision_pdf", args=[call.pk])).content)
    assert "79.50" in text and "79.00" not in text


def test_a_mean_halfway_between_two_cents_is_rounded_up(reviewed, demo, client_as):
    """The walk read 79.62 for a mean of exactly 79.625 (Decimal's default rounds half to even); people round
    half up: 79.63, on the page and in the decision PDF."""
    from salaklang.documents.pdf import pdf_text

    call, (p1, _p2, _p3) = reviewed
    _two_reviewers_score(call, p1, demo, ["10", "9", "10", "9", "9", "10"], ["6", "6", "7", "6.25", "6", "6"])
    row = next(r for r in services.ranking(call) if r["proposal"].pk == p1.pk)
    assert sorted(row["totals"]) == [Decimal("62.75"), Decimal("96.50")]
    assert str(row["mean"]) == "79.63"
    page = client_as("pn.strategy").get(reverse("reviews:ranking", args=[call.pk])).content.decode()
    assert "79.63" in page and "79.62" not in page
    services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p1], reasons="คะแนนสูงสุด")
    assert "79.63" in pdf_text(client_as("pn.strategy").get(reverse("reviews:decision_pdf", args=[call.pk])).content)


def _many_scored(call, demo, n: int) -> None:
    from salaklang.calls.models import CallTarget, Proposal
    from salaklang.reviews.models import Score

    rubric = services.rubric_for(call=call, actor=demo["pn.strategy"])
    target = CallTarget.objects.filter(call=call).first()
    made = Proposal.objects.bulk_create([Proposal(call=call, target=target, organization=target.organization,
                                                  status="submitted", title=f"ข้อเสนอที่ {i}", category="service",
                                                  created_by=demo["pn.strategy"]) for i in range(n)])
    assignments = Assignment.objects.bulk_create([Assignment(proposal=p, reviewer=demo["pn.reviewer"], status="submitted")
                                                  for p in made])
    criteria = list(rubric.criteria.all())
    Score.objects.bulk_create([Score(assignment=a, criterion=c, value=Decimal(i % 11)) for i, a in enumerate(assignments)
                               for c in criteria])
    services.standings_refresh(call=call)  # bulk_create bypasses the services that keep the standings


def test_ranking_page_is_bounded_with_constant_queries(reviewed, demo, client_as):
    from salaklang.core.testing import count_queries

    call, _ = reviewed
    _many_scored(call, demo, 3)
    c = client_as("pn.strategy")
    url = reverse("reviews:ranking", args=[call.pk])
    with count_queries() as few:
        c.get(url)
    _many_scored(call, demo, services.RANKING_PAGE + 10)
    with count_queries() as many:
        response = c.get(url)
    assert len(response.context["rows"]) == services.RANKING_PAGE
    assert response.content.decode().count('name="selected"') == services.RANKING_PAGE
    assert len(many.captured_queries) == len(few.captured_queries)
    rows = services.ranking(call)
    # ranks: 1 + the number of higher means, ties share a rank
    for r in rows:
        if r["mean"] is not None:
            assert r["rank"] == 1 + sum(1 for o in rows if o["mean"] is not None and o["mean"] > r["mean"])
            assert r["tie"] == (sum(1 for o in rows if o["mean"] == r["mean"]) > 1)
    last = c.get(url, {"page": 2}).context["rows"]
    assert [r["proposal_id"] for r in last] == [r["proposal_id"] for r in rows[services.RANKING_PAGE:]]
