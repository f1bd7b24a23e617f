"""Staff screens: permission matrix (each role and an outsider), create, moderate, respond."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from salaklang.participation import services
from salaklang.participation.models import Comment, Consultation
from salaklang.participation.tests.conftest import make_consultation

pytestmark = pytest.mark.django_db

# username -> may manage a Phang Nga consultation
MATRIX = [("pn.strategy", True), ("opdc", True), ("cr.strategy", False), ("pn.governor", False),
          ("pn.tourism", False), ("pn.damrongdhama", False), ("citizen", False)]


@pytest.mark.parametrize("username, allowed", MATRIX)
def test_manage_pages_matrix(demo, client_as, username, allowed):
    c = make_consultation()
    comment = services.comment_post(consultation=c, actor=demo["citizen"], body="x")
    client = client_as(username)
    urls = [
        reverse("participation:edit", args=[c.pk]),
        reverse("participation:withdraw", args=[c.pk]),
        reverse("participation:respond", args=[c.pk]),
        reverse("participation:comment_hide", args=[c.pk, comment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == (200 if allowed else 403), url
    response = client.post(reverse("participation:comment_hide", args=[c.pk, comment.pk]), {"reason": "r"})
    assert response.status_code == (302 if allowed else 403)
    assert Comment.objects.get().is_hidden is allowed


@pytest.mark.parametrize("username, status", [("pn.strategy", 200), ("opdc", 200), ("cr.strategy", 200),
                                              ("pn.tourism", 403), ("citizen", 403)])
def test_create_and_manage_list_matrix(demo, client_as, username, status):
    client = client_as(username)
    assert client.get(reverse("participation:create")).status_code == status
    assert client.get(reverse("participation:manage")).status_code == status


def test_anonymous_staff_pages_redirect_to_sign_in(demo):
    c = make_consultation()
    for url in (reverse("participation:create"), reverse("participation:edit", args=[c.pk]),
                reverse("participation:manage")):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_create_form_makes_a_draft_in_the_staff_province(demo, client_as):
    client = client_as("pn.strategy")
    pna = demo["pn.strategy"].roles.admin_province_ids
    response = client.post(reverse("participation:create"), {
        "province": next(iter(pna)), "subject": "policy", "title": "ร่างนโยบาย", "summary": "สรุป",
        "background": "ที่มา", "link_title": "เอกสาร", "link_url": "/agendas/1/",
        "opens_at": "2030-01-01T09:00", "closes_at": "2030-01-31T16:30", "questions": "ข้อ 1\n\nข้อ 2\n",
    })
    assert response.status_code == 302
    c = Consultation.objects.get()
    assert c.status == "draft" and c.questions.count() == 2
    assert timezone.localtime(c.closes_at).hour == 16


def test_create_form_bad_input_is_400_and_writes_nothing(demo, client_as):
    client = client_as("pn.strategy")
    cri = demo["cr.strategy"].roles.admin_province_ids
    base = {"subject": "agenda", "title": "t", "summary": "s", "background": "b",
            "opens_at": "2030-01-10T09:00", "closes_at": "2030-01-01T09:00"}
    assert client.post(reverse("participation:create"), {**base, "province": next(iter(cri))}).status_code == 400
    pna = next(iter(demo["pn.strategy"].roles.admin_province_ids))
    assert client.post(reverse("participation:create"), {**base, "province": pna}).status_code == 400
    ok_dates = {"opens_at": "2030-01-01T09:00", "closes_at": "2030-01-10T09:00"}
    response = client.post(reverse("participation:create"),
                           {**base, **ok_dates, "province": pna, "link_url": "javascript:alert(1)"})
    assert response.status_code == 400
    assert not Consultation.objects.exists()


def test_hide_without_reason_is_400(demo, client_as):
    c = make_consultation()
    comment = services.comment_post(consultation=c, actor=demo["citizen"], body="x")
    response = client_as("pn.strategy").post(reverse("participation:comment_hide", args=[c.pk, comment.pk]),
                                             {"reason": ""})
    assert response.status_code == 400
    assert not Comment.objects.get().is_hidden


def test_comment_of_another_consultation_is_404(demo, client_as):
    a, b = make_consultation(title="a"), make_consultation(title="b")
    comment = services.comment_post(consultation=b, actor=demo["citizen"], body="x")
    response = client_as("pn.strategy").get(reverse("participation:comment_hide", args=[a.pk, comment.pk]))
    assert response.status_code == 404


def test_respond_before_the_end_is_refused_with_400(demo, client_as):
    c = make_consultation()
    response = client_as("pn.strategy").post(reverse("participation:respond", args=[c.pk]),
                                             {"what_we_heard": "h", "what_we_did": "d"})
    assert response.status_code == 400
    c.refresh_from_db()
    assert c.status == "published"
    Consultation.objects.filter(pk=c.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    response = client_as("pn.strategy").post(reverse("participation:respond", args=[c.pk]),
                                             {"what_we_heard": "h", "what_we_did": "d"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == "responded"


def test_publish_and_withdraw_buttons(demo, client_as):
    c = make_consultation(status=Consultation.Status.DRAFT)
    client = client_as("pn.strategy")
    assert client.post(reverse("participation:publish", args=[c.pk])).status_code == 302
    c.refresh_from_db()
    assert c.status == "published"
    assert client.post(reverse("participation:withdraw", args=[c.pk]), {"reason": ""}).status_code == 400
    assert client.post(reverse("participation:withdraw", args=[c.pk]), {"reason": "ซ้ำ"}).status_code == 302
    c.refresh_from_db()
    assert c.status == "withdrawn"
    # a withdrawn consultation is no longer public
    assert Client().get(reverse("participation:detail", args=[c.pk])).status_code == 404


def test_edit_published_keeps_opening_and_questions(demo, client_as):
    c = make_consultation()
    response = client_as("pn.strategy").post(reverse("participation:edit", args=[c.pk]), {
        "subject": "policy", "title": "ชื่อใหม่", "summary": "s", "background": "b",
        "opens_at": "2020-01-01T09:00", "closes_at": timezone.localtime(c.closes_at + dt.timedelta(days=3))
        .strftime("%Y-%m-%dT%H:%M"), "questions": "แทนที่",
    })
    assert response.status_code == 302
    c2 = Consultation.objects.get(pk=c.pk)
    assert c2.title == "ชื่อใหม่" and c2.subject == c.subject and c2.opens_at == c.opens_at
    assert c2.questions.count() == 2


def test_manage_list_query_count_is_constant(demo, client_as):
    client = client_as("pn.strategy")
    make_consultation()
    from salaklang.core.testing import count_queries

    with count_queries() as few:
        client.get(reverse("participation:manage"))
    for i in range(10):
        make_consultation(title=f"x{i}", status=Consultation.Status.DRAFT if i % 2 else Consultation.Status.PUBLISHED)
    with count_queries() as many:
        client.get(reverse("participation:manage"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_dashboard_panel_for_strategy_staff(demo, client_as):
    make_consultation(days_open=(-10, -1))
    html = client_as("pn.strategy").get(reverse("core:dashboard")).content.decode()
    assert reverse("participation:manage") in html
    html = client_as("pn.tourism").get(reverse("core:dashboard")).content.decode()
    assert reverse("participation:manage") not in html


@pytest.mark.parametrize("username, status", [("pn.strategy", 200), ("opdc", 200), ("cr.strategy", 403),
                                              ("pn.tourism", 403), ("citizen", 403)])
def test_comments_export_matrix_and_content(demo, client_as, username, status):
    c = make_consultation()
    services.comment_post(consultation=c, actor=demo["citizen"], body="=HYPERLINK(\"http://x\")",
                          question=c.questions.first())
    hidden = services.comment_post(consultation=c, actor=demo["citizen"], body="ทั่วไป")
    services.comment_hide(comment=hidden, actor=demo["pn.strategy"], reason="เหตุผล")
    response = client_as(username).get(reverse("participation:comments_export", args=[c.pk]))
    assert response.status_code == status
    if status == 200:
        text = response.content.decode("utf-8-sig")
        lines = text.strip().splitlines()
        assert len(lines) == 3
        assert "'=HYPERLINK" in lines[1] and ",1," in lines[1]
        assert "เหตุผล" in lines[2] and demo["citizen"].last_name not in text


def test_response_form_counts_comments_per_question(demo, client_as):
    c = make_consultation(days_open=(-10, 5))
    q2 = c.questions.get(number=2)
    for _ in range(3):
        services.comment_post(consultation=c, actor=demo["citizen"], body="x", question=q2)
    services.comment_post(consultation=c, actor=demo["citizen"], body="y")
    from salaklang.participation.queries import comments_per_question

    assert [r["count"] for r in comments_per_question(c)] == [0, 3, 1]
