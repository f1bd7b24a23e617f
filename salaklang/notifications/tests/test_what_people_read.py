"""Notifications and e-mails as a person reads them: dates in Thai (B.E.) or English (C.E.), never ISO;
every link in an e-mail absolute, from BASE_URL. (conftest.py also checks this after every database test.)"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from conftest import ISO_DATE, RELATIVE_LINK
from salaklang.agendas.services import meetings, opinions
from salaklang.calls import services as calls
from salaklang.complaints.defaults import load as load_complaint_defaults
from salaklang.complaints.models import Category, Complaint, Holiday
from salaklang.complaints.services import intake
from salaklang.notifications.models import Notification
from salaklang.organizations import services as organizations
from salaklang.organizations.models import Committee, Organization

pytestmark = pytest.mark.django_db
SITE = "https://salaklang.example.go.th"
DEADLINE = dt.datetime(2026, 12, 17, 18, 13, tzinfo=dt.UTC)  # 18 Dec 2026 01:13 in Bangkok


def _call(demo, actor="pn.strategy"):
    pna = Organization.objects.get(code="PNA")
    call = calls.call_create(actor=demo[actor], issuer=pna, data={
        "title": "ขอให้ส่วนราชการเสนอนวัตกรรม", "fiscal_year": 2570, "opens_at": timezone.now() - dt.timedelta(days=1),
        "deadline": DEADLINE, "subject": "การพัฒนานวัตกรรม", "body": "ย่อหน้าแรก\n\nจึงเรียนมาเพื่อโปรดพิจารณา",
        "signatory_name": "นายวรพจน์ อันดามันกุล", "signatory_position": "ผู้ว่าราชการจังหวัดพังงา",
        "contact_unit": "กลุ่มงานยุทธศาสตร์ฯ", "contact_phone": "0 7641 3000"})
    call = calls.call_publish(actor=demo[actor], call=call)
    calls.call_remind(actor=demo[actor], call=call)
    return call


def _everything_that_carries_a_date_or_a_link(demo):
    _call(demo)
    organizations.delegation_create(
        actor=demo["pn.tourism.head"], delegator=demo["pn.tourism.head"], delegate=demo["pn.tourism"],
        organization=Organization.objects.get(code="PNA-TOUR"), scope="attend_meetings",
        start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 5))
    cri = Organization.objects.get(code="CRI")
    opinions.opinion_round_open(actor=demo["cr.strategy"], province=cri, fiscal_year=2570,
                               due_date=dt.date(2026, 12, 17), organizations=None)
    meeting = meetings.meeting_create(
        actor=demo["cr.strategy"], committee=Committee.objects.get(organization=cri, kind=Committee.Kind.WORKING_GROUP),
        data={"number": "1/2570", "title": "ประชุมคณะทำงาน HPP", "date": dt.date(2026, 12, 21),
              "start_time": dt.time(10, 0), "end_time": dt.time(12, 0), "venue": "ห้องประชุมเวียงกาหลง",
              "minute_taker": demo["cr.strategy"]})
    meetings.meeting_invite(actor=demo["cr.strategy"], meeting=meeting)
    load_complaint_defaults(Category, Holiday)
    intake.complaint_submit(
        province=Organization.objects.get(code="PNA"), category=Category.objects.get(code="tourism"),
        subject="ขยะบนชายหาด", description="มีขยะพลาสติกจำนวนมาก", channel=Complaint.Channel.WEB,
        contact_email="citizen@example.test")
    organizations.person_create(
        actor=demo["pn.strategy"], organization=Organization.objects.get(code="PNA-TOUR"), role="agency_coordinator",
        data={"username": "somchai", "first_name": "สมชาย", "last_name": "ใจดี", "email": "somchai@example.test"})


@override_settings(BASE_URL=SITE)
def test_thai_dates_and_absolute_links_in_every_message(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _everything_that_carries_a_date_or_a_link(demo)
    texts = [f"{t}\n{b}" for t, b in Notification.objects.values_list("title", "body")]
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"call.published", "call.reminder", "delegation.created", "agenda.opinions_requested",
            "meeting.invitation"} <= kinds
    joined = "\n".join(texts)
    assert not re.search(ISO_DATE, joined)
    assert "18 ธันวาคม พ.ศ. 2569 เวลา 01.13 น." in joined  # the call's deadline, Bangkok time
    assert "17 ธันวาคม พ.ศ. 2569" in joined  # the opinion round's due date
    assert "1 ธันวาคม พ.ศ. 2569" in joined and "5 ธันวาคม พ.ศ. 2569" in joined  # the delegation
    assert "วันจันทร์ที่ 21 ธันวาคม พ.ศ. 2569" in joined  # the meeting

    assert len(mail.outbox) >= 5
    links = []
    for m in mail.outbox:
        assert not re.search(ISO_DATE, m.subject + m.body), m.body
        assert not re.findall(RELATIVE_LINK, m.body), m.body
        links += re.findall(r"https?://\S+", m.body)
    assert links and all(link.startswith(SITE + "/") for link in links), links
    assert any("/complaints/track/" in link for link in links)  # the receipt
    assert any("/accounts/password/reset/" in link for link in links)  # the new account's invitation


def test_english_readers_get_common_era_dates(demo):
    with translation.override("en"):
        _call(demo)
    joined = "\n".join(f"{t}\n{b}" for t, b in Notification.objects.values_list("title", "body"))
    assert "18 December 2026, 01:13" in joined
    assert "2569" not in joined and not re.search(ISO_DATE, joined)


@override_settings(BASE_URL=SITE)
def test_password_reset_link_uses_base_url_not_the_host_header(demo, client):
    client.post(reverse("accounts:password_reset"), {"email": demo["pn.tourism"].email},
                HTTP_HOST="127.0.0.1")
    assert len(mail.outbox) == 1
    assert f"{SITE}/accounts/password/reset/" in mail.outbox[0].body


def test_the_check_in_conftest_catches_iso_dates_and_relative_links(demo):
    from conftest import messages_people_read_problems
    from salaklang.notifications.services import notify

    assert messages_people_read_problems() == []
    notify(recipients=[demo["pn.tourism"]], title="ภายใน 2026-12-17 18:13", email=False)
    mail.send_mail("x", "ติดตามได้ที่ /complaints/track/PNA-1/", None, ["a@example.test"])
    problems = messages_people_read_problems()
    assert any("ISO date" in p for p in problems) and any("relative link" in p for p in problems)
    Notification.objects.all().delete()
    mail.outbox.clear()
