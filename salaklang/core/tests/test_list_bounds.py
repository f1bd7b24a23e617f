"""Issue 16: every list page is bounded. For each list view: more rows than a page are created, the page shows at most
one page of them, and the number of queries is the same with a few rows and with many (the lists of calls, reviews
and the ranking have their own tests in salaklang/calls and salaklang/reviews)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from salaklang.core.testing import count_queries


def _get(client, url):
    with count_queries() as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(ctx.captured_queries)


def _bounded(client, url, grow, *, key="page"):
    """Query count with the rows present now, then with ``grow()`` adding more than a page: equal; one page shown."""
    _few, before = _get(client, url)
    grow()
    response, after = _get(client, url)
    page = response.context[key]
    per_page = page.paginator.per_page
    assert page.paginator.count > per_page, "the test must create more rows than a page holds"
    assert len(page.object_list) == per_page
    assert after == before, f"{url}: {before} queries with a few rows, {after} with {page.paginator.count}"
    return response


def _audit(demo, n):
    from salaklang.audit.models import AuditEntry
    from salaklang.organizations.models import Organization

    org = Organization.objects.get(code="PNA-TOUR")
    AuditEntry.objects.bulk_create([AuditEntry(actor=demo["pn.tourism"], action="update", verb=f"v{i}",
                                               object_type="organizations.organization", object_id=str(org.pk),
                                               object_repr=org.name_th, organization=org, province_id=org.province_id)
                                    for i in range(n)])


@pytest.mark.parametrize("username", ["opdc", "pn.strategy"])
def test_audit_log(demo, client_as, username):
    _audit(demo, 2)
    _bounded(client_as(username), reverse("audit:log"), lambda: _audit(demo, 120))


def test_notifications(demo, client_as):
    from salaklang.notifications.models import Notification

    def grow(n):
        Notification.objects.bulk_create([Notification(recipient=demo["pn.tourism"], actor=demo["pn.strategy"],
                                                        title=f"เรื่อง {i}", url="/calls/") for i in range(n)])
    grow(2)
    _bounded(client_as("pn.tourism"), reverse("notifications:list"), lambda: grow(70))


def test_people_list(demo, client_as):
    from salaklang.accounts.models import User
    from salaklang.organizations.models import Membership, Organization, Role

    org = Organization.objects.get(code="PNA-TOUR")

    def grow():
        users = User.objects.bulk_create([User(username=f"bulk.{i}", first_name="คน", last_name=f"ที่ {i}",
                                               password="!") for i in range(120)])
        Membership.objects.bulk_create([Membership(user=u, organization=org, role=Role.AGENCY_COORDINATOR)
                                        for u in users])
    _bounded(client_as("pn.strategy"), reverse("organizations:people"), grow)


def test_committee_list(demo, client_as):
    from salaklang.organizations.models import Committee, Organization

    pn = Organization.objects.get(code="PNA")
    _bounded(client_as("pn.strategy"), reverse("organizations:committees"), lambda: Committee.objects.bulk_create(
        [Committee(organization=pn, name_th=f"คณะทำงานที่ {i}") for i in range(120)]))


def _consultations(n, **fields):
    from salaklang.accounts.models import User
    from salaklang.organizations.models import Organization
    from salaklang.participation.models import Consultation

    now = timezone.now()
    return Consultation.objects.bulk_create([Consultation(
        province=Organization.objects.get(code="PNA"), status=fields.get("status", Consultation.Status.PUBLISHED),
        title=f"ประเด็นที่ {i}", summary="สรุป", background="ความเป็นมา", opens_at=now - dt.timedelta(days=1, minutes=i),
        closes_at=now + dt.timedelta(days=10), created_by=User.objects.get(username="pn.strategy")) for i in range(n)])


def test_public_consultation_list(demo, client):
    _consultations(2)
    _bounded(client, reverse("participation:list"), lambda: _consultations(50))


def test_staff_consultation_list(demo, client_as):
    _consultations(2)
    _bounded(client_as("pn.strategy"), reverse("participation:manage"), lambda: _consultations(50))


def test_comments_of_a_consultation(demo, client):
    from salaklang.participation.models import Comment

    consultation = _consultations(1)[0]

    def grow(n):
        Comment.objects.bulk_create([Comment(consultation=consultation, author=demo["citizen"], body=f"ความเห็น {i}")
                                     for i in range(n)])
    grow(2)
    _bounded(client, reverse("participation:detail", args=[consultation.pk]), lambda: grow(120))
