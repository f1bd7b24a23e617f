"""What a user walking issue 14 found: plain page titles, the lists that apply to each person, the owner's notice
on assignment, names and dates in the reader's language, the board's empty state and hints, the publish message,
reminders for due dates set less than 7 days ahead."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from salaklang.notifications.models import Notification
from salaklang.openinfo import services
from salaklang.openinfo.models import Evidence, Item, ReminderLog
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def _tour():
    return Organization.objects.get(code="PNA-TOUR")


def _own_2571(ita):
    """Phang Nga's own list for 2571 (no national list that year)."""
    return services.items_import(year=2571, actor=ita["users"]["pn.strategy"], name="pna.csv", province=ita["pna"],
                                 data="code,title_th,description,group,generator\nO1,โครงสร้าง,,,structure\n"
                                      "O2,ผู้บริหาร,,,executives\n".encode())


def _en(client):
    client.cookies.load({"django_language": "en"})
    return client


def _get(client, url, lang="th"):
    client.cookies.load({"django_language": lang})
    resp = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert resp.status_code == 200, url
    return resp.content.decode()


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


# 1 -------------------------------------------------------------------------------------------------------------
def test_org_page_title_is_plain_text_and_the_centre_link_stays_in_the_body(client, ita):
    html = _get(client, "/ita/PNA/")
    title = _title(html)
    assert "<" not in title.replace("&lt;", "") and "&lt;" not in title and "href" not in title
    body = html.split("</title>", 1)[1]
    assert 'href="/ita/centre/PNA/"' in body


# 2 -------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("username", ["pn.tourism", "pn.tourism.head", "pn.health"])
def test_agency_people_see_their_province_lists_with_links_to_answer(ita, client_as, username):
    _own_2571(ita)
    html = _get(client_as(username), "/ita/manage/")
    table = html.split('data-testid="ita-lists"', 1)[1].split("</table>", 1)[0]
    assert "2571" in table and "2570" in table
    assert 'href="/ita/manage/board/2571/"' in table
    if username.startswith("pn.tourism"):
        assert 'href="/ita/manage/PNA-TOUR/2571/"' in table and 'href="/ita/manage/PNA-TOUR/2570/"' in table


def test_a_province_list_replaces_the_national_one_in_the_list_of_lists(ita, client_as):
    services.items_import(year=2570, actor=ita["users"]["pn.strategy"], name="pna.csv", province=ita["pna"],
                          data=b"code,title_th,description,group,generator\nO1,x,,,\n")
    from salaklang.openinfo import queries

    rows = queries.lists_for(ita["users"]["pn.tourism"])
    assert [(r["ay"].year, r["ay"].province_id) for r in rows] == [(2570, ita["pna"].pk)]
    assert [(r["ay"].year, r["ay"].province_id) for r in queries.lists_for(ita["users"]["cr.strategy"])] == [
        (2570, None)]


def test_a_newly_assigned_owner_gets_one_notice_not_when_unchanged_nor_the_actor(ita):
    tour, owner, strategy = _tour(), ita["users"]["pn.tourism"], ita["users"]["pn.strategy"]
    o1, o2 = Item.objects.get(year=ita["year"], code="O1"), Item.objects.get(year=ita["year"], code="O2")
    before = Notification.objects.filter(recipient=owner).count()
    from django.utils import translation

    with translation.override("en"):  # the actor reads English; the notice is Thai with a B.E. date
        services.assign(org=tour, items=[o1, o2], owner=owner, due_on=dt.date(2027, 3, 15), actor=strategy)
    notes = list(Notification.objects.filter(recipient=owner).order_by("id")[before:])
    assert len(notes) == 1
    note = notes[0]
    assert "O1" in note.body and "O2" in note.body and "กำหนดส่ง 15 มีนาคม พ.ศ. 2570" in note.body
    assert tour.name_th in note.title
    assert note.url.startswith("http") and note.url.endswith("/ita/manage/PNA-TOUR/2570/")
    # unchanged owner (a new due date only): no new notice
    services.assign(org=tour, items=[o1], owner=owner, due_on=dt.date(2027, 3, 20), actor=strategy)
    services.assign(org=tour, items=[o1], owner=None, due_on=dt.date(2027, 3, 21), actor=strategy)
    assert Notification.objects.filter(recipient=owner).count() == before + 1
    # the actor assigning themself gets nothing
    head = ita["users"]["pn.tourism.head"]
    n_head = Notification.objects.filter(recipient=head).count()
    services.assign(org=tour, items=[o1], owner=head, due_on=None, actor=head)
    assert Notification.objects.filter(recipient=head).count() == n_head


# 3 -------------------------------------------------------------------------------------------------------------
def test_english_pages_show_english_organization_names(ita, client_as):
    tour = _tour()
    assert tour.name_en
    ev = services.evidence_add(org=tour, item=Item.objects.get(year=ita["year"], code="O1"),
                               actor=ita["users"]["pn.strategy"], kind=Evidence.Kind.GENERATED)
    services.evidence_publish(evidence=ev, actor=ita["users"]["pn.strategy"])
    c = client_as("pn.strategy")
    for url in ("/ita/PNA-TOUR/2570/", "/ita/PNA-TOUR/2570/O1/", "/ita/manage/board/2570/",
                "/ita/manage/PNA-TOUR/2570/", "/ita/manage/PNA-TOUR/2570/assign/", "/ita/PNA-TOUR/"):
        html = _get(c, url, "en")
        assert tour.name_en in html, url
        assert tour.name_th not in html, url
    centre = _get(c, "/ita/centre/PNA/", "en")
    assert ita["pna"].name_en in centre and tour.name_en in centre and tour.name_th not in centre
    assert tour.name_th in _get(c, "/ita/PNA-TOUR/2570/", "th")


def test_frozen_pdf_stays_thai(ita):
    from django.utils import translation

    from salaklang.documents.pdf import pdf_text, squash

    tour = _tour()
    ev = services.evidence_add(org=tour, item=Item.objects.get(year=ita["year"], code="O1"),
                               actor=ita["users"]["pn.strategy"], kind=Evidence.Kind.GENERATED)
    with translation.override("en"):
        snap = services.snapshot_freeze(evidence=ev, actor=ita["users"]["pn.strategy"])
    text = squash(pdf_text(snap.file.open("rb").read()))
    assert squash(tour.name_th) in text
    assert re.search(r"ข้อมูลณวันที่\d+[^\d]+พ\.ศ\.\d{4}\d\d\.\d\dน\.", text), text[:400]


# 4, 5 ----------------------------------------------------------------------------------------------------------
def test_data_as_of_has_the_thai_time_suffix_and_english_shows_the_ce_fiscal_year(ita, client):
    ev = services.evidence_add(org=ita["pna"], item=Item.objects.get(year=ita["year"], code="O31"),
                               actor=ita["users"]["pn.strategy"], kind=Evidence.Kind.GENERATED)
    services.evidence_publish(evidence=ev, actor=ita["users"]["pn.strategy"])
    th = _get(client, "/ita/PNA/2570/O31/", "th")
    as_of = re.search(r'data-testid="as-of">(.*?)</p>', th).group(1)
    assert re.search(r"\d\d\.\d\d น\.$", as_of), as_of
    en = _get(client, "/ita/PNA/2570/O31/", "en")
    assert "fiscal year 2570" not in en.lower()
    assert "ITA 2570" in en
    assert '<option value="2570" selected>2027</option>' in en
    if 'data-testid="no-data"' in en:
        assert "(fiscal year 2027)" in en
    assert '<option value="2570" selected>2570</option>' in th


# 6 -------------------------------------------------------------------------------------------------------------
def test_readme_names_every_generated_page_type():
    from pathlib import Path

    from django.conf import settings

    from salaklang.openinfo.models import Generator

    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    para = readme[readme.index("**ITA disclosures"):]
    para = " ".join(para[:para.index("\n- **")].split())
    for g in Generator.values:
        assert g in para, g


def test_api_items_uses_the_list_of_the_signed_in_persons_province(ita, client_as, client):
    _own_2571(ita)
    assert client.get("/api/v1/ita/items/?year=2571").status_code == 404  # anonymous: national only
    c = client_as("pn.tourism")
    resp = c.get("/api/v1/ita/items/?year=2571")
    assert resp.status_code == 200
    assert [r["code"] for r in resp.json()] == ["O1", "O2"]
    assert c.get("/api/v1/ita/items/?year=2570").status_code == 200


def test_board_without_a_list_for_the_province_says_so(ita, client_as):
    _own_2571(ita)
    html = _get(client_as("cr.strategy"), "/ita/manage/board/2571/", "en")
    assert 'data-testid="no-list"' in html and "No item list for 2571 yet." in html
    assert 'href="/ita/manage/"' in html.split('data-testid="no-list"', 1)[1].split("</p>", 1)[0]
    html = _get(client_as("pn.strategy"), "/ita/manage/board/2571/", "en")
    assert 'data-testid="no-list"' not in html


def test_choose_a_cell_only_for_people_who_can_assign(ita, client_as):
    assert 'data-testid="choose-cell"' in _get(client_as("pn.strategy"), "/ita/manage/board/2570/")
    coordinator = _get(client_as("pn.tourism"), "/ita/manage/board/2570/")
    assert 'data-testid="board"' in coordinator and 'data-testid="choose-cell"' not in coordinator


def test_publishing_evidence_says_so(ita, client_as):
    ev = services.evidence_add(org=_tour(), item=Item.objects.get(year=ita["year"], code="O1"),
                               actor=ita["users"]["pn.tourism"], kind=Evidence.Kind.GENERATED)
    c = client_as("pn.tourism")
    resp = c.post(f"/ita/manage/evidence/{ev.pk}/publish/", follow=True)
    assert resp.status_code == 200
    assert any("O1" in str(m) for m in resp.context["messages"])


def test_a_due_date_set_6_days_ahead_gets_the_7_day_reminder_once_then_the_1_day_one(ita):
    today = timezone.localdate()
    tour, owner, strategy = _tour(), ita["users"]["pn.tourism"], ita["users"]["pn.strategy"]
    o1 = Item.objects.get(year=ita["year"], code="O1")
    o2 = Item.objects.get(year=ita["year"], code="O2")
    services.assign(org=tour, items=[o1], owner=owner, due_on=today + dt.timedelta(days=6), actor=strategy)
    draft = services.evidence_add(org=tour, item=o2, actor=strategy, kind=Evidence.Kind.GENERATED, owner=owner,
                                  due_on=today + dt.timedelta(days=3))
    assert services.send_due_reminders() == 2
    assert sorted(ReminderLog.objects.values_list("kind", flat=True)) == ["d7", "d7"]
    assert services.send_due_reminders() == 0
    assert services.send_due_reminders(timezone.now() + dt.timedelta(days=1)) == 0  # still once
    assert services.send_due_reminders(timezone.now() + dt.timedelta(days=2)) == 1  # draft due tomorrow: d1
    assert services.send_due_reminders(timezone.now() + dt.timedelta(days=5)) == 1  # assignment due tomorrow
    assert services.send_due_reminders(timezone.now() + dt.timedelta(days=6)) == 0
    assert sorted(draft.reminders.values_list("kind", flat=True)) == ["d1", "d7"]


def test_a_due_date_tomorrow_gets_only_the_1_day_reminder(ita):
    today = timezone.localdate()
    tour, owner, strategy = _tour(), ita["users"]["pn.tourism"], ita["users"]["pn.strategy"]
    services.assign(org=tour, items=[Item.objects.get(year=ita["year"], code="O1")], owner=owner,
                    due_on=today + dt.timedelta(days=1), actor=strategy)
    assert services.send_due_reminders() == 1
    assert list(ReminderLog.objects.values_list("kind", flat=True)) == ["d1"]
    assert services.send_due_reminders() == 0
