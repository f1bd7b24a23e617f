"""The review demo gives a newcomer something to score; the queue is paginated with constant queries;
a submitted or excluded sheet is shown read-only and refuses changes."""

from django.urls import reverse

from salaklang.calls.models import Call
from salaklang.core.testing import count_queries
from salaklang.reviews import demo as reviews_demo
from salaklang.reviews.models import Assignment, Score


def _seed(demo_people):
    from salaklang.calls import demo as calls_demo

    calls_demo.seed()
    return reviews_demo.seed()


def test_demo_is_a_closed_call_in_review_and_idempotent(demo):
    first = _seed(demo)
    second = reviews_demo.seed()
    assert first == second
    call = Call.objects.get(title__contains="คัดเลือกนวัตกรรมของส่วนราชการ")
    assert call.status == "in_review"  # closed, reviewers assigned: in review (docs/decisions/workflow.md)
    mine = Assignment.objects.filter(proposal__call=call, reviewer__username="pn.reviewer")
    assert mine.filter(status="assigned").count() == 3 and mine.filter(status="submitted").count() == 3
    # pn.reviewer2 heads the Provincial Office: excluded from its proposal
    assert Assignment.objects.get(proposal__call=call, reviewer__username="pn.reviewer2",
                                  proposal__organization__code="PNA-PO").status == "excluded"


def test_demo_calls_say_one_deadline_everywhere_at_an_office_hour(demo):
    """The walk read 'within 9 Dec' in the closed call's e-mail and '3 Dec' on its page, both at the minute the demo
    was seeded: the closed call was published in the past with the deadline it really had."""
    from django.utils import timezone

    from salaklang.core.thai import display_datetime
    from salaklang.notifications.models import Notification

    _seed(demo)
    for call in Call.objects.exclude(status="draft"):
        local = timezone.localtime(call.deadline)
        assert (local.hour, local.minute) == (16, 30), call.title
        published = Notification.objects.filter(kind="call.published", url__contains=f"/calls/{call.pk}/")
        assert published.exists(), call.title
        for note in published:
            assert display_datetime(call.deadline, "full") in note.body, (call.title, note.body)
            assert note.created_at <= call.deadline
    closed = Call.objects.get(title__contains="คัดเลือกนวัตกรรมของส่วนราชการ")
    assert closed.deadline < timezone.now() and closed.published_at < closed.deadline


def test_the_demo_proposals_have_a_history(demo, client_as):
    """The walk read 'ประวัติ —' on every submitted demo proposal (they are written directly, not through the
    services): each says how and when it came in, before the deadline."""
    from salaklang.calls.models import Proposal

    _seed(demo)
    call = Call.objects.get(title__contains="คัดเลือกนวัตกรรมของส่วนราชการ")
    proposal = Proposal.objects.filter(call=call).order_by("pk").first()
    page = client_as("pn.strategy").get(reverse("calls:proposal", args=[proposal.pk])).content.decode()
    history = page.split("ประวัติ", 1)[1]
    assert "บันทึกข้อเสนอที่ได้รับทางหนังสือราชการ" in history
    assert f"รับข้อเสนอจาก{proposal.organization.name_th}ทางหนังสือราชการ" in history
    assert "<li>—</li>" not in history


def test_queue_query_count_does_not_grow(demo, client_as):
    from salaklang.core.testing import make_user
    from salaklang.organizations.models import Organization

    _seed(demo)
    call = Call.objects.get(title__contains="คัดเลือกนวัตกรรมของส่วนราชการ")
    lone = make_user("lone.reviewer", roles=[(Organization.objects.get(code="PNA"), "reviewer")])
    Assignment.objects.create(proposal=call.proposals.first(), reviewer=lone)
    client = client_as("lone.reviewer")
    client.get(reverse("reviews:queue"))  # warm caches (content types, session)
    with count_queries() as one_row:
        assert client.get(reverse("reviews:queue")).status_code == 200
    assert Assignment.objects.filter(reviewer__username="pn.reviewer").count() == 6
    client = client_as("pn.reviewer")
    client.get(reverse("reviews:queue"))
    with count_queries() as six_rows:
        response = client.get(reverse("reviews:queue"))
    assert response.status_code == 200 and response.content.decode().count('href="/reviews/assignments/') == 6
    assert len(six_rows.captured_queries) == len(one_row.captured_queries)


def test_submitted_sheet_is_read_only(demo, client_as):
    _seed(demo)
    done = Assignment.objects.filter(reviewer__username="pn.reviewer", status="submitted").first()
    client = client_as("pn.reviewer")
    page = client.get(reverse("reviews:score", args=[done.pk])).content.decode()
    assert "<fieldset disabled>" in page
    assert "ส่งคะแนนแล้วและล็อกไว้" in page
    before = list(Score.objects.filter(assignment=done).values_list("value", flat=True))
    criterion = done.scores.first().criterion
    response = client.post(reverse("reviews:score", args=[done.pk]),
                           {f"score_{criterion.pk}": "1", "action": "submit"})
    assert response.status_code == 400
    assert list(Score.objects.filter(assignment=done).values_list("value", flat=True)) == before


def test_issuer_sees_progress_per_reviewer_and_weights_as_plain_numbers(demo, client_as):
    _seed(demo)
    call = Call.objects.get(title__contains="คัดเลือกนวัตกรรมของส่วนราชการ")
    page = client_as("pn.strategy").get(reverse("reviews:setup", args=[call.pk])).content.decode()
    assert "ความคืบหน้ารายกรรมการ" in page and "ความคืบหน้ารายข้อเสนอ" in page
    # pn.reviewer: 3 of 6 submitted; pn.reviewer2: 2 of 5 (excluded from the Provincial Office's)
    assert "3 / 6" in page and "2 / 5" in page
    assert 'value="ความใหม่ของนวัตกรรม"' in page and 'name="criterion_weight" value="20"' in page and "E+" not in page
    # Reopen is offered exactly for the assignments the workflow table lets the chair reopen (the submitted ones)
    submitted = Assignment.objects.filter(proposal__call=call, status="submitted")
    assert submitted.exists()
    for a in Assignment.objects.filter(proposal__call=call):
        url = reverse("reviews:reopen", args=[a.pk])
        assert (f'action="{url}"' in page) == (a.status == "submitted"), (a.status, url)
