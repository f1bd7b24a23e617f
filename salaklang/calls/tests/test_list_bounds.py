"""Issue 16: every list of a call is bounded — more rows than a page holds show one page, with a constant number of
queries, and counts by state from one aggregate."""

import re

import pytest
from django.db.models import Q
from django.urls import reverse

from salaklang.calls import queries, services
from salaklang.calls.models import CallTarget, Proposal
from salaklang.core.testing import count_queries, make_org


def _rows(html: str, testid: str) -> int:
    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    return len(re.findall(r"<tr><td", table.split("<tbody>", 1)[1]))


def _fill(call, demo, pna, targets: int, per_target: int) -> None:
    made = [CallTarget(call=call, organization=make_org(parent=pna)) for _ in range(targets)]
    CallTarget.objects.bulk_create(made)
    statuses = ["submitted", "draft", "returned", "awaiting_approval"]
    Proposal.objects.bulk_create([
        Proposal(call=call, target=t, organization=t.organization, status=statuses[(i + k) % 4], title=f"ข้อเสนอ {i}-{k}",
                 category="service", created_by=demo["pn.strategy"])
        for i, t in enumerate(made) for k in range(per_target)])
    services.targets_refresh(call=call)  # bulk_create bypasses the services that keep the board's stored states


@pytest.fixture
def big(demo, make_call, pna):
    call = make_call()
    _fill(call, demo, pna, queries.BOARD_PAGE + 5, 5)  # 55 more targets, 5 proposals each
    return call


def test_board_shows_one_page_of_targets_with_constant_queries(demo, client_as, make_call, pna, big):
    c = client_as("pn.strategy")
    small = make_call()
    first = CallTarget.objects.filter(call=small).order_by("organization__name_th", "pk").first()  # on page 1
    Proposal.objects.create(call=small, target=first, organization=first.organization, status="draft", title="ร่าง",
                            category="service", created_by=demo["pn.strategy"])
    services.targets_refresh(target_ids=[first.pk])
    c.get(reverse("calls:list"))  # the session's first request after sign-in (it records the sliding expiry)
    with count_queries() as few:
        c.get(reverse("calls:detail", args=[small.pk]))
    with count_queries() as many:
        response = c.get(reverse("calls:detail", args=[big.pk]))
    html = response.content.decode()
    assert _rows(html, "board") == queries.BOARD_PAGE
    assert len(many.captured_queries) == len(few.captured_queries)
    total = CallTarget.objects.filter(call=big).count()
    assert f"{total} " in html and "?page=2" in html
    # a board row shows the latest proposals and links to the rest
    assert all(len(row["proposals"]) <= queries.LATEST_PER_TARGET for row in response.context["board"])
    assert any(row["more"] == 5 - queries.LATEST_PER_TARGET for row in response.context["board"])
    page2 = c.get(reverse("calls:detail", args=[big.pk]), {"page": 2}).content.decode()
    assert _rows(page2, "board") == total - queries.BOARD_PAGE


def test_board_counts_by_state_are_one_aggregate_and_match_the_rule(demo, big):
    rows, counts, page = queries.board(big, per_page=1000)
    expected = {}
    for t in CallTarget.objects.filter(call=big).prefetch_related("proposals"):
        s = queries.target_state(list(t.proposals.all()))
        expected[s] = expected.get(s, 0) + 1
    assert dict(counts) == expected
    assert all(r["state"] == queries.target_state(list(r["target"].proposals.all())) for r in rows)
    with count_queries() as q:
        queries.board(big, state="submitted_on_time")
    assert len(q.captured_queries) == 3  # counts, the page of targets, their latest proposals


def test_call_proposals_list_is_paginated_filtered_and_constant(demo, client_as, make_call, pna, big):
    c = client_as("pn.strategy")
    small = make_call()
    _fill(small, demo, pna, 1, 2)
    c.get(reverse("calls:list"))  # the session's first request after sign-in (it records the sliding expiry)
    url = reverse("calls:proposals", args=[big.pk])
    with count_queries() as few:
        c.get(reverse("calls:proposals", args=[small.pk]))
    with count_queries() as many:
        html = c.get(url).content.decode()
    assert _rows(html, "call-proposals") == queries.PROPOSALS_PAGE
    assert len(many.captured_queries) == len(few.captured_queries)
    returned = c.get(url, {"status": "returned"}).context["page"]
    assert returned.paginator.count == Proposal.objects.filter(call=big, status="returned").count()
    assert all(p.status == "returned" for p in returned)
    found = c.get(url, {"q": "ข้อเสนอ 7-"}).context["page"]
    sent = Proposal.objects.filter(call=big, status__in=Proposal.SEEN_BY_ISSUER)  # drafts stay with their agency
    assert {p.title for p in found} == set(sent.filter(title__startswith="ข้อเสนอ 7-").values_list("title", flat=True))
    assert found.paginator.count < 5
    target = CallTarget.objects.filter(call=big).order_by("pk").last()
    one = c.get(url, {"target": target.pk}).context["page"]
    assert one.paginator.count == sent.filter(target=target).count() and all(p.target_id == target.pk for p in one)
    assert c.get(url, {"target": "x"}).status_code == 400
    assert client_as("pn.tourism").get(url).status_code == 403
    assert client_as("cr.strategy").get(url).status_code == 404


def test_a_search_with_many_matches_counts_a_bounded_number_of_rows(demo, client_as, big, monkeypatch):
    """Counting every match of a search scanned the whole call: beyond SEARCH_COUNT_LIMIT the list says so."""
    c = client_as("pn.strategy")
    url = reverse("calls:proposals", args=[big.pk])
    sent = Proposal.objects.filter(call=big, status__in=Proposal.SEEN_BY_ISSUER, title__contains="ข้อเสนอ")
    exact = c.get(url, {"q": "ข้อเสนอ"})
    assert not exact.context["capped"] and exact.context["page"].paginator.count == sent.count()
    monkeypatch.setattr(queries, "SEARCH_COUNT_LIMIT", sent.count() - 10)
    response = c.get(url, {"q": "ข้อเสนอ"})
    html = response.content.decode()
    page = response.context["page"]
    assert response.context["capped"] and page.paginator.count == sent.count() - 10
    assert f"มากกว่า {sent.count() - 10} รายการ" in html
    assert _rows(html, "call-proposals") == min(queries.PROPOSALS_PAGE, sent.count() - 10)
    assert [p.pk for p in page] == list(sent.order_by("-pk").values_list("pk", flat=True)[:len(page)])


def test_a_search_finds_the_proposals_of_an_organization_by_its_name_or_code(demo, client_as, big):
    """The organizations matching a search are found once, as a subquery (issue 16: as a join every proposal of the
    call was joined to its organization first); the list is the same."""
    c = client_as("pn.strategy")
    url = reverse("calls:proposals", args=[big.pk])
    sent = Proposal.objects.filter(call=big, status__in=Proposal.SEEN_BY_ISSUER)
    org = sent.order_by("pk").first().organization
    titled = sent.order_by("pk").last()
    for q in (org.name_th, org.code.lower(), titled.title):
        joined = sent.filter(Q(title__icontains=q) | Q(organization__name_th__icontains=q)
                             | Q(organization__code__iexact=q))  # the rule as it was written before
        page = c.get(url, {"q": q}).context["page"]
        assert {p.pk for p in page} == set(joined.values_list("pk", flat=True)) != set(), q
    assert org.pk in {p.organization_id for p in c.get(url, {"q": org.code.lower()}).context["page"]}
