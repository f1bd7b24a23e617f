"""Issue 11: the review and decision journey as the chair and the strategy staff met it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from salaklang.calls.tests.conftest import make_call, pna, tourism  # noqa: F401 — shared fixtures
from salaklang.reviews import services
from salaklang.reviews.models import Criterion
from salaklang.reviews.tests.test_review import reviewed  # noqa: F401


def test_the_second_chair_is_told_the_decision_was_already_made(reviewed, demo):  # noqa: F811
    call, (p1, p2, _p3) = reviewed
    services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p1], reasons="คะแนนสูงสุด")
    # the second chair still holds the page loaded before the first decision (the call was "closed" then)
    with pytest.raises(ValidationError) as caught:
        services.decision_record(call=call, actor=demo["admin"], proposals=[p2], reasons="อีกเรื่อง")
    message = " ".join(caught.value.messages)
    assert "โปรดปิดรับข้อเสนอ" not in message and "Close the call" not in message
    assert demo["pn.strategy"].full_name in message and "บันทึกผลการคัดเลือกของการเปิดรับนี้ไว้แล้ว" in message


def test_the_decision_page_names_the_selected_proposal(reviewed, demo, client_as):  # noqa: F811
    call, (p1, p2, _p3) = reviewed
    services.decision_record(call=call, actor=demo["pn.strategy"], proposals=[p2], reasons="ขยายผลได้")
    html = client_as("pn.strategy").get(reverse("reviews:ranking", args=[call.pk])).content.decode()
    decision = html[html.index('data-testid="decision-selected"'):]
    assert p2.title in decision[:400] and p1.title not in decision[:400]


def test_typed_reasons_are_kept_after_a_refusal(reviewed, demo, client_as):  # noqa: F811
    call, (p1, p2, _p3) = reviewed
    response = client_as("pn.strategy").post(reverse("reviews:ranking", args=[call.pk]), {
        "selected": [p1.pk, p2.pk], "reasons": "เหตุผลที่พิมพ์ไว้ยาว ๆ", "meeting": "ประชุมครั้งที่ 1/2570"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "เหตุผลที่พิมพ์ไว้ยาว ๆ</textarea>" in html and 'value="ประชุมครั้งที่ 1/2570"' in html
    assert f'value="{p1.pk}" checked' in html and f'value="{p2.pk}" checked' in html


def test_criteria_have_a_description_shown_on_the_score_sheet(reviewed, demo, client_as):  # noqa: F811
    call, _proposals = reviewed
    services.rubric_for(call=call, actor=demo["pn.strategy"])
    c = client_as("pn.strategy")
    response = c.post(reverse("reviews:setup", args=[call.pk]), {
        "form": "rubric", "reviewers_per_proposal": 0, "selections_allowed": 1, "threshold": 20,
        "criterion_name_th": ["ความใหม่", "ผลลัพธ์", ""], "criterion_weight": ["60", "40", ""],
        "criterion_max_score": ["10", "5", ""],
        "criterion_description": ["ไม่เคยมีผู้ใดทำมาก่อนในจังหวัด", "", ""]})
    assert response.status_code == 302
    novelty = Criterion.objects.get(rubric__call=call, name_th="ความใหม่")
    assert novelty.description == "ไม่เคยมีผู้ใดทำมาก่อนในจังหวัด"
    assert "ไม่เคยมีผู้ใดทำมาก่อนในจังหวัด" in c.get(reverse("reviews:setup", args=[call.pk])).content.decode()
    c.post(reverse("reviews:setup", args=[call.pk]), {"form": "assign", "reviewers": [demo["pn.reviewer"].pk]})
    asg = demo["pn.reviewer"].review_assignments.first()
    html = client_as("pn.reviewer").get(reverse("reviews:score", args=[asg.pk])).content.decode()
    assert "ไม่เคยมีผู้ใดทำมาก่อนในจังหวัด" in html


def test_a_refused_rubric_keeps_the_typed_rows(reviewed, demo, client_as):  # noqa: F811
    call, _proposals = reviewed
    services.rubric_for(call=call, actor=demo["pn.strategy"])
    response = client_as("pn.strategy").post(reverse("reviews:setup", args=[call.pk]), {
        "form": "rubric", "criterion_name_th": ["เกณฑ์ที่พิมพ์"], "criterion_weight": ["70"],
        "criterion_max_score": ["10"], "criterion_description": ["คำอธิบายที่พิมพ์"]})
    html = response.content.decode()
    assert response.status_code == 400 and "100%" in html
    assert 'value="เกณฑ์ที่พิมพ์"' in html and "คำอธิบายที่พิมพ์</textarea>" in html


def test_the_committee_chair_may_read_the_ranking(reviewed, demo, client_as):  # noqa: F811
    call, (p1, _p2, _p3) = reviewed
    c = client_as("pn.governor")  # chair of the Phang Nga innovation selection committee
    response = c.get(reverse("reviews:ranking", args=[call.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert p1.title in html and 'name="reasons"' not in html
    assert f'href="{reverse("reviews:setup", args=[call.pk])}"' not in html
    assert c.post(reverse("reviews:ranking", args=[call.pk]), {"selected": [p1.pk], "reasons": "x"}).status_code == 403
    assert reverse("reviews:ranking", args=[call.pk]) in c.get(reverse("calls:detail", args=[call.pk])).content.decode()
    # other people of the province still may not
    assert client_as("pn.reviewer").get(reverse("reviews:ranking", args=[call.pk])).status_code in (403, 404)
    assert client_as("pn.tourism").get(reverse("reviews:ranking", args=[call.pk])).status_code in (403, 404)
