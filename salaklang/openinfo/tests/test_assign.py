"""Owner and due date per organization × item before any evidence (issue 14): who may assign, the board shows
them, the reminders go before the due date while nothing is published, everything audited; the national board's
query count does not grow with the number of organizations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from salaklang.audit.models import AuditEntry
from salaklang.notifications.models import Notification
from salaklang.openinfo import queries, services
from salaklang.openinfo.models import Assignment, Evidence, Item
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def _tour():
    return Organization.objects.get(code="PNA-TOUR")


def test_strategy_staff_assign_before_any_evidence_and_the_board_shows_it(ita, client_as):
    tour = _tour()
    owner = ita["users"]["pn.tourism"]
    c = client_as("pn.strategy")
    page = c.get("/ita/manage/PNA-TOUR/2570/assign/?item=O3")
    assert page.status_code == 200
    assert 'value="O3" checked' in page.content.decode()
    resp = c.post("/ita/manage/PNA-TOUR/2570/assign/", {"items": ["O3", "O4"], "owner": owner.pk,
                                                        "due_on": "2027-03-15"})
    assert resp.status_code == 302
    rows = Assignment.objects.filter(organization=tour).order_by("item__order")
    assert [(a.item.code, a.owner, a.due_on) for a in rows] == [("O3", owner, dt.date(2027, 3, 15)),
                                                               ("O4", owner, dt.date(2027, 3, 15))]
    assert not Evidence.objects.filter(organization=tour).exists()
    assert AuditEntry.objects.filter(verb="ita_item_assigned", organization=tour).count() == 2
    board = c.get("/ita/manage/board/2570/").content.decode()
    assert owner.first_name in board
    assert "/ita/manage/PNA-TOUR/2570/assign/?item=O3" in board
    # changing only the due date keeps the owner
    c.post("/ita/manage/PNA-TOUR/2570/assign/", {"items": ["O3"], "due_on": "2027-04-01"})
    a = Assignment.objects.get(organization=tour, item__code="O3")
    assert (a.owner, a.due_on) == (owner, dt.date(2027, 4, 1))


def test_agency_head_assigns_own_agency_only_and_coordinator_cannot(ita, client_as):
    head = client_as("pn.tourism.head")
    resp = head.post("/ita/manage/PNA-TOUR/2570/assign/", {"items": ["O1"], "due_on": "2027-03-01"})
    assert resp.status_code == 302
    assert Assignment.objects.filter(organization=_tour(), item__code="O1").exists()
    assert head.post("/ita/manage/PNA-HEALTH/2570/assign/", {"items": ["O1"], "due_on": "2027-03-01"}).status_code == 404
    coord = client_as("pn.tourism")
    assert coord.get("/ita/manage/PNA-TOUR/2570/assign/").status_code == 404
    assert client_as("cr.strategy").get("/ita/manage/PNA-TOUR/2570/assign/").status_code == 404


def test_bad_assignments_change_nothing(ita, client_as):
    c = client_as("pn.strategy")
    stranger = ita["users"]["cr.strategy"]  # not a member of the tourism office nor of the province's office
    resp = c.post("/ita/manage/PNA-TOUR/2570/assign/", {"items": ["O1"], "owner": stranger.pk})
    assert resp.status_code == 400
    resp = c.post("/ita/manage/PNA-TOUR/2570/assign/", {"items": ["O1"]})
    assert resp.status_code == 400
    assert "owner or a due date" in resp.content.decode() or "ผู้รับผิดชอบหรือวันกำหนดส่ง" in resp.content.decode()
    resp = c.post("/ita/manage/PNA-TOUR/2570/assign/", {"items": ["O99"], "due_on": "2027-03-01"})
    assert resp.status_code == 400
    with pytest.raises(Exception):  # noqa: B017 - the service refuses an owner from another province
        services.assign(org=_tour(), items=[Item.objects.get(year=ita["year"], code="O1")], owner=stranger,
                        due_on=None, actor=ita["users"]["pn.strategy"])
    assert not Assignment.objects.exists()


def test_assignment_reminders_before_due_once_and_not_when_published(ita):
    today = timezone.localdate()
    tour = _tour()
    owner = ita["users"]["pn.tourism"]
    strategy = ita["users"]["pn.strategy"]
    o1, o2 = Item.objects.get(year=ita["year"], code="O1"), Item.objects.get(year=ita["year"], code="O2")
    services.assign(org=tour, items=[o1, o2], owner=owner, due_on=today + dt.timedelta(days=7), actor=strategy)
    ev = services.evidence_add(org=tour, item=o2, actor=strategy, kind=Evidence.Kind.GENERATED,
                               due_on=today + dt.timedelta(days=7), owner=owner)
    services.evidence_publish(evidence=ev, actor=strategy)  # O2 is done: no reminder for it
    before = Notification.objects.filter(recipient=owner).count()
    assert services.send_due_reminders() == 1
    assert services.send_due_reminders() == 0
    note = Notification.objects.filter(recipient=owner).order_by("-id").first()
    assert "O1" in note.body and "O2" not in note.body
    assert services.send_due_reminders(timezone.now() + dt.timedelta(days=6)) == 1  # the day before
    assert Notification.objects.filter(recipient=owner).count() == before + 2
    # a new due date is reminded again
    services.assign(org=tour, items=[o1], owner=None, due_on=today + dt.timedelta(days=8), actor=strategy)
    assert services.send_due_reminders(timezone.now() + dt.timedelta(days=1)) == 1


def test_national_board_rates_and_constant_queries(ita, client_as):
    pna, tour = ita["pna"], _tour()
    strategy = ita["users"]["pn.strategy"]
    for code in ("O1", "O2"):
        ev = services.evidence_add(org=tour, item=Item.objects.get(year=ita["year"], code=code), actor=strategy,
                                   kind=Evidence.Kind.GENERATED)
        services.evidence_publish(evidence=ev, actor=strategy)
    ev = services.evidence_add(org=tour, item=Item.objects.get(year=ita["year"], code="O1"), actor=strategy,
                               kind=Evidence.Kind.GENERATED)
    services.evidence_publish(evidence=ev, actor=strategy)  # a second document for O1 counts once
    data = queries.national_summary(year=2570)
    row = next(r for r in data["provinces"] if r["province"] == pna)
    n_orgs = Organization.objects.filter(province=pna, is_active=True, kind__in=("province", "agency")).count()
    assert (row["done"], row["total"]) == (2, n_orgs * 43)
    # a draft does not count; an organization that is no longer active counts neither in done nor in total
    services.evidence_add(org=tour, item=Item.objects.get(year=ita["year"], code="O5"), actor=strategy,
                          kind=Evidence.Kind.GENERATED)
    assert next(r for r in queries.national_summary(year=2570)["provinces"] if r["province"] == pna)["done"] == 2
    Organization.objects.filter(pk=tour.pk).update(is_active=False)
    row = next(r for r in queries.national_summary(year=2570)["provinces"] if r["province"] == pna)
    assert (row["done"], row["total"]) == (0, (n_orgs - 1) * 43)
    Organization.objects.filter(pk=tour.pk).update(is_active=True)
    admin = client_as("admin")
    with CaptureQueriesContext(connection) as before:
        assert admin.get("/ita/manage/board/2570/").status_code == 200
    for i in range(3):
        p = Organization.objects.create(code=f"XP{i}", kind="province", name_th=f"จังหวัดเพิ่ม {i}",
                                        parent=pna.parent)
        for j in range(5):
            Organization.objects.create(code=f"XP{i}-{j}", kind="agency", name_th=f"หน่วยงานเพิ่ม {j}", parent=p)
    with CaptureQueriesContext(connection) as after:
        body = admin.get("/ita/manage/board/2570/").content.decode()
    assert "จังหวัดเพิ่ม 2" in body
    assert len(after.captured_queries) == len(before.captured_queries)
    prov = admin.get("/ita/manage/board/2570/?province=PNA").content.decode()
    assert "สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา" in prov and "เชียงราย" not in prov
    assert client_as("pn.strategy").get("/ita/manage/board/2570/?province=CRI").status_code == 404
