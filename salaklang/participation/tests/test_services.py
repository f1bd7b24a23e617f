"""Rules of the consultation workflow, unit-tested through the services (the one write path)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from salaklang.audit.models import AuditEntry
from salaklang.core import workflow
from salaklang.notifications.models import Notification
from salaklang.organizations.models import Organization
from salaklang.organizations.tests.factories import make_world
from salaklang.participation import services
from salaklang.participation.models import Comment, Consultation, Support
from salaklang.participation.tests import factories
from salaklang.participation.tests.conftest import make_consultation

pytestmark = pytest.mark.django_db


def test_create_is_a_draft_with_questions_and_audit():
    world = make_world()  # one province and its staff: no demo data
    c = factories.make_consultation(world, publish=False, questions=["  q1 ", "", "q2"])
    assert (c.province, c.created_by) == (world["province"], world["strategy"])
    assert c.status == Consultation.Status.DRAFT
    assert list(c.questions.values_list("number", "text")) == [(1, "q1"), (2, "q2")]
    assert AuditEntry.objects.filter(object_type="participation.consultation", object_id=str(c.pk),
                                     verb="created").count() == 1


@pytest.mark.parametrize("username, allowed", [
    ("pn.strategy", True), ("opdc", True), ("cr.strategy", False), ("pn.tourism", False),
    ("pn.governor", False), ("citizen", False),
])
def test_who_may_open_a_consultation_in_phang_nga(demo, username, allowed):
    now = timezone.now()
    kwargs = {"actor": demo[username], "province": Organization.objects.get(code="PNA"), "title": "t", "summary": "s",
                  "background": "b", "opens_at": now, "closes_at": now + dt.timedelta(days=7)}
    if allowed:
        assert services.consultation_create(**kwargs).pk
    else:
        with pytest.raises(PermissionDenied):
            services.consultation_create(**kwargs)


def test_period_must_close_after_it_opens(demo):
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.consultation_create(actor=demo["pn.strategy"], province=Organization.objects.get(code="PNA"),
                                     title="t", summary="s", background="b", opens_at=now, closes_at=now)


def test_transitions_table():
    c = Consultation(status=Consultation.Status.DRAFT)
    assert workflow.can_transition_to(c, "published") and workflow.can_transition_to(c, "withdrawn")
    assert not workflow.can_transition_to(c, "responded")
    c.status = Consultation.Status.PUBLISHED
    assert workflow.can_transition_to(c, "responded") and not workflow.can_transition_to(c, "draft")
    c.status = Consultation.Status.RESPONDED
    assert not any(workflow.can_transition_to(c, s) for s in Consultation.Status.values)


def test_phase_is_derived_from_status_and_period():
    now = timezone.now()
    c = Consultation(status=Consultation.Status.PUBLISHED, opens_at=now + dt.timedelta(hours=1),
                     closes_at=now + dt.timedelta(days=1))
    assert c.phase_at(now) == "upcoming"
    assert c.phase_at(now + dt.timedelta(hours=2)) == "open"
    assert c.phase_at(now + dt.timedelta(days=1)) == "closed"  # closes_at itself is closed
    c.status = Consultation.Status.DRAFT
    assert c.phase_at(now + dt.timedelta(hours=2)) == "draft"


def test_publish_only_a_draft_with_a_future_closing_date(demo):
    c = make_consultation(status=Consultation.Status.DRAFT)
    services.consultation_publish(consultation=c, actor=demo["pn.strategy"])
    c.refresh_from_db()
    assert c.status == "published" and c.published_at
    with pytest.raises(ValidationError):
        services.consultation_publish(consultation=c, actor=demo["pn.strategy"])
    late = make_consultation(status=Consultation.Status.DRAFT, days_open=(-10, -1))
    with pytest.raises(ValidationError):
        services.consultation_publish(consultation=late, actor=demo["pn.strategy"])


def test_citizen_comments_while_open_only(consultation, demo):
    citizen = demo["citizen"]
    comment = services.comment_post(consultation=consultation, actor=citizen, body=" ความเห็น ",
                                    question=consultation.questions.first())
    assert comment.body == "ความเห็น" and comment.question.number == 1
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(ValidationError, match="ปิดแล้ว"):
        services.comment_post(consultation=consultation, actor=citizen, body="late")
    assert Comment.objects.count() == 1


def test_comment_refused_before_opening_for_drafts_and_for_staff(demo):
    upcoming = make_consultation(days_open=(1, 5))
    with pytest.raises(ValidationError):
        services.comment_post(consultation=upcoming, actor=demo["citizen"], body="x")
    draft = make_consultation(status=Consultation.Status.DRAFT)
    with pytest.raises(ValidationError):
        services.comment_post(consultation=draft, actor=demo["citizen"], body="x")
    with pytest.raises(PermissionDenied):
        services.comment_post(consultation=make_consultation(), actor=demo["pn.tourism"], body="x")


def test_comment_on_another_consultations_question_is_refused(consultation, demo):
    other = make_consultation(title="อื่น")
    with pytest.raises(ValidationError):
        services.comment_post(consultation=consultation, actor=demo["citizen"], body="x",
                              question=other.questions.first())


def test_one_support_per_account(consultation, demo, citizen2):
    services.support_add(consultation=consultation, actor=demo["citizen"])
    with pytest.raises(ValidationError):
        services.support_add(consultation=consultation, actor=demo["citizen"])
    services.support_add(consultation=consultation, actor=citizen2)
    assert Support.objects.filter(consultation=consultation).count() == 2
    # The database itself refuses a second row, whatever the code path.
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(consultation=consultation, user=demo["citizen"])
    services.support_withdraw(consultation=consultation, actor=demo["citizen"])
    assert Support.objects.filter(consultation=consultation).count() == 1
    with pytest.raises(ValidationError):
        services.support_withdraw(consultation=consultation, actor=demo["citizen"])


def test_hide_needs_a_reason_a_manager_and_notifies_the_author(consultation, demo):
    comment = services.comment_post(consultation=consultation, actor=demo["citizen"], body="spam")
    with pytest.raises(ValidationError):
        services.comment_hide(comment=comment, actor=demo["pn.strategy"], reason="  ")
    with pytest.raises(PermissionDenied):
        services.comment_hide(comment=comment, actor=demo["cr.strategy"], reason="x")
    services.comment_hide(comment=comment, actor=demo["pn.strategy"], reason="โฆษณา")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "โฆษณา" and comment.hidden_by == demo["pn.strategy"]
    assert Notification.objects.filter(recipient=demo["citizen"], kind="participation.comment_hidden").exists()
    with pytest.raises(ValidationError):
        services.comment_hide(comment=comment, actor=demo["pn.strategy"], reason="again")
    services.comment_restore(comment=comment, actor=demo["pn.strategy"])
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""


def test_response_only_after_the_period_and_notifies_participants(consultation, demo, citizen2):
    services.comment_post(consultation=consultation, actor=demo["citizen"], body="x")
    services.support_add(consultation=consultation, actor=citizen2)
    with pytest.raises(ValidationError, match="สิ้นสุดระยะเวลา"):
        services.consultation_respond(consultation=consultation, actor=demo["pn.strategy"],
                                      what_we_heard="h", what_we_did="d")
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError):
        services.consultation_respond(consultation=consultation, actor=demo["pn.strategy"],
                                      what_we_heard="", what_we_did="d")
    with pytest.raises(PermissionDenied):
        services.consultation_respond(consultation=consultation, actor=demo["cr.strategy"],
                                      what_we_heard="h", what_we_did="d")
    mail.outbox.clear()
    services.consultation_respond(consultation=consultation, actor=demo["pn.strategy"],
                                  what_we_heard="h", what_we_did="d")
    consultation.refresh_from_db()
    assert consultation.status == "responded" and consultation.responded_by == demo["pn.strategy"]
    notified = set(Notification.objects.filter(kind="participation.response").values_list("recipient__username",
                                                                                         flat=True))
    assert notified == {"citizen", "citizen.two"}
    with pytest.raises(ValidationError):
        services.consultation_respond(consultation=consultation, actor=demo["pn.strategy"],
                                      what_we_heard="h", what_we_did="d")


def test_update_after_publication_keeps_questions_and_opening(consultation, demo):
    opens = consultation.opens_at
    new_close = consultation.closes_at + dt.timedelta(days=7)
    services.consultation_update(consultation=consultation, actor=demo["pn.strategy"],
                                 data={"opens_at": opens - dt.timedelta(days=3), "closes_at": new_close,
                                       "title": "ใหม่"}, questions=["เปลี่ยน"])
    consultation.refresh_from_db()
    assert consultation.title == "ใหม่" and consultation.closes_at == new_close and consultation.opens_at == opens
    assert list(consultation.questions.values_list("text", flat=True)) == ["คำถามที่ 1", "คำถามที่ 2"]
    entry = AuditEntry.objects.get(object_type="participation.consultation", verb="changed")
    assert set(entry.changes) == {"title", "closes_at"}


def test_withdraw_needs_a_reason(consultation, demo):
    with pytest.raises(ValidationError):
        services.consultation_withdraw(consultation=consultation, actor=demo["pn.strategy"], reason="")
    services.consultation_withdraw(consultation=consultation, actor=demo["pn.strategy"], reason="ยกเลิก")
    consultation.refresh_from_db()
    assert consultation.status == "withdrawn"
    with pytest.raises(ValidationError):
        services.comment_post(consultation=consultation, actor=demo["citizen"], body="x")
