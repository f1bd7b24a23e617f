"""The public list and detail pages: no sign-in, drafts hidden, text escaped, constant queries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from salaklang.core.testing import count_queries
from salaklang.participation import services
from salaklang.participation.models import Consultation
from salaklang.participation.tests.conftest import make_consultation

pytestmark = pytest.mark.django_db


def test_list_is_public_and_shows_only_published(demo):
    make_consultation(title="เปิดอยู่")
    make_consultation(title="ร่างลับ", status=Consultation.Status.DRAFT)
    make_consultation(title="ถอนแล้ว", status=Consultation.Status.WITHDRAWN)
    response = Client().get(reverse("participation:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "เปิดอยู่" in html and "ร่างลับ" not in html and "ถอนแล้ว" not in html


def test_list_filters_by_phase(demo):
    make_consultation(title="กำลังเปิด")
    make_consultation(title="ปิดแล้ว", days_open=(-10, -2))
    html = Client().get(reverse("participation:list"), {"phase": "closed"}).content.decode()
    assert "ปิดแล้ว" in html and "กำลังเปิด" not in html
    html = Client().get(reverse("participation:list"), {"phase": "open"}).content.decode()
    assert "กำลังเปิด" in html and "ปิดแล้ว" not in html


def test_list_query_count_does_not_grow_with_rows(demo):
    client = Client()
    make_consultation()
    with count_queries() as few:
        assert client.get(reverse("participation:list")).status_code == 200
    for i in range(15):
        c = make_consultation(title=f"เรื่อง {i}")
        services.comment_post(consultation=c, actor=demo["citizen"], body="x")
        services.support_add(consultation=c, actor=demo["citizen"])
    with count_queries() as many:
        assert client.get(reverse("participation:list")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_detail_query_count_does_not_grow_with_comments(consultation, demo, citizen2):
    client = Client()
    services.comment_post(consultation=consultation, actor=demo["citizen"], body="x")
    with count_queries() as few:
        client.get(reverse("participation:detail", args=[consultation.pk]))
    for i in range(20):
        comment = services.comment_post(consultation=consultation, actor=citizen2, body=f"c{i}",
                                        question=consultation.questions.first() if i % 2 else None)
        if i % 5 == 0:
            services.comment_hide(comment=comment, actor=demo["pn.strategy"], reason="r")
    with count_queries() as many:
        client.get(reverse("participation:detail", args=[consultation.pk]))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_draft_is_404_for_the_public_and_other_provinces(demo, client_as):
    draft = make_consultation(status=Consultation.Status.DRAFT)
    url = reverse("participation:detail", args=[draft.pk])
    assert Client().get(url).status_code == 404
    assert client_as("cr.strategy").get(url).status_code == 404
    assert client_as("citizen").get(url).status_code == 404
    assert client_as("pn.strategy").get(url).status_code == 200


def test_script_in_a_comment_is_shown_as_text(consultation, demo):
    services.comment_post(consultation=consultation, actor=demo["citizen"],
                          body='<script>alert("x")</script><b>bold</b>')
    html = Client().get(reverse("participation:detail", args=[consultation.pk])).content.decode()
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_hidden_comment_shows_the_reason_not_the_text(consultation, demo):
    comment = services.comment_post(consultation=consultation, actor=demo["citizen"], body="ข้อความลับเฉพาะ")
    services.comment_hide(comment=comment, actor=demo["pn.strategy"], reason="ข้อมูลส่วนบุคคล")
    html = Client().get(reverse("participation:detail", args=[consultation.pk])).content.decode()
    assert "ข้อมูลส่วนบุคคล" in html and "ข้อความลับเฉพาะ" not in html
    assert "ถูกซ่อนโดยผู้ดูแล" in html


def test_comment_author_shown_without_last_name(consultation, demo):
    services.comment_post(consultation=consultation, actor=demo["citizen"], body="x")
    html = Client().get(reverse("participation:detail", args=[consultation.pk])).content.decode()
    citizen = demo["citizen"]
    assert f"{citizen.first_name} {citizen.last_name[0]}." in html
    assert citizen.full_name not in html and f"{citizen.first_name} {citizen.last_name}" not in html


def test_closed_consultation_has_no_comment_form(demo):
    c = make_consultation(days_open=(-10, -1))
    html = Client().get(reverse("participation:detail", args=[c.pk])).content.decode()
    assert reverse("participation:comment", args=[c.pk]) not in html
