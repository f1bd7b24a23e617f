"""Citizens comment and support through the HTML forms: who may, bad input, rate limits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from salaklang.participation.models import Comment, Consultation, Support

pytestmark = pytest.mark.django_db


def _comment(client, c, body="ความเห็นของฉัน", question=""):
    return client.post(reverse("participation:comment", args=[c.pk]), {"body": body, "question": question})


def test_citizen_comments_on_a_question(consultation, client_as):
    q = consultation.questions.get(number=2)
    response = _comment(client_as("citizen"), consultation, question=q.pk)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.question == q and response["Location"].endswith(f"#comment-{comment.pk}")


def test_anonymous_is_sent_to_sign_in(consultation):
    response = _comment(Client(), consultation)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize("username", ["pn.strategy", "pn.tourism", "opdc"])
def test_staff_accounts_do_not_comment_or_support(consultation, client_as, username):
    client = client_as(username)
    assert _comment(client, consultation).status_code == 403
    assert client.post(reverse("participation:support", args=[consultation.pk])).status_code == 403
    assert not Comment.objects.exists() and not Support.objects.exists()


def test_empty_or_huge_comment_is_a_400(consultation, client_as):
    client = client_as("citizen")
    assert _comment(client, consultation, body="   ").status_code == 400
    assert _comment(client, consultation, body="ก" * 5001).status_code == 400
    assert not Comment.objects.exists()


def test_question_of_another_consultation_is_a_400(consultation, client_as, demo):
    from salaklang.participation.tests.conftest import make_consultation

    other = make_consultation(title="อื่น")
    assert _comment(client_as("citizen"), consultation, question=other.questions.first().pk).status_code == 400


def test_closed_consultation_refuses_comments_with_400(consultation, client_as):
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    response = _comment(client_as("citizen"), consultation)
    assert response.status_code == 400
    assert "ปิด" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_are_rate_limited(consultation, client_as, settings):
    settings.PARTICIPATION_COMMENT_RATE = "3/h"
    client = client_as("citizen")
    for i in range(3):
        assert _comment(client, consultation, body=f"c{i}").status_code == 302
    response = _comment(client, consultation, body="flood")
    assert response.status_code == 429
    assert Comment.objects.count() == 3


def test_support_once_then_withdraw(consultation, client_as):
    client = client_as("citizen")
    url = reverse("participation:support", args=[consultation.pk])
    assert client.post(url, {"action": "add"}).status_code == 302
    client.post(url, {"action": "add"})
    assert Support.objects.count() == 1
    page = client.get(reverse("participation:detail", args=[consultation.pk])).content.decode()
    assert "ถอนการสนับสนุน" in page
    client.post(url, {"action": "withdraw"})
    assert Support.objects.count() == 0


def test_get_on_post_only_endpoints_is_405(consultation, client_as):
    client = client_as("citizen")
    assert client.get(reverse("participation:support", args=[consultation.pk])).status_code == 405
    assert client.get(reverse("participation:comment", args=[consultation.pk])).status_code == 405
