import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from salaklang.agendas.models import Agenda, Attendee, Meeting, Opinion
from salaklang.agendas.services import meetings as meetings_services
from salaklang.agendas.services import minutes as minutes_services
from salaklang.agendas.services import opinions as opinions_services
from salaklang.agendas.tests.conftest import record_everyone_present
from salaklang.core.testing import count_queries, make_org, make_user
from salaklang.organizations.models import Organization, Role


@pytest.fixture
def world(demo, make_agenda, make_round, make_meeting):
    agenda = make_agenda()
    proposal = make_agenda(title="ข้อเสนอของที่ดิน", org="CRI-LAND", actor="cr.land.head")
    rnd = make_round()
    meeting = make_meeting()
    meetings_services.item_add(actor=demo["cr.strategy"], meeting=meeting, title="เลือกประเด็น", agendas=[agenda])
    return {"agenda": agenda, "proposal": proposal, "round": rnd, "meeting": meeting}


PAGES = [
    ("agendas:list", None), ("agendas:detail", "agenda"), ("agendas:rounds", None), ("agendas:opinions", "round"),
    ("agendas:meetings", None), ("agendas:meeting", "meeting"), ("agendas:meeting_ics", "meeting"),
    ("agendas:minutes_document", "meeting-pdf"),
]


def _url(name, key, world):
    if key is None:
        return reverse(name)
    if key == "meeting-pdf":
        return reverse(name, args=[world["meeting"].pk, "docx"])
    return reverse(name, args=[world[key].pk])


@pytest.mark.parametrize(("username", "expected"), [
    ("cr.strategy", 200), ("cr.vicegov", 200), ("cr.tourism.head", 200), ("cr.tourism.analyst", 200),
    ("pn.strategy", 404), ("citizen", (403, 404)),
])
def test_permission_matrix_read(world, client_as, username, expected):
    c = client_as(username)
    for name, key in PAGES:
        status = c.get(_url(name, key, world)).status_code
        if key is None:  # lists: other-province staff see an (empty) list; citizens are refused
            assert status == (403 if username == "citizen" else 200), (name, username, status)
        else:
            assert status in (expected if isinstance(expected, tuple) else (expected,)), (name, username, status)


def test_anonymous_is_sent_to_sign_in(world, client):
    for name, key in PAGES:
        response = client.get(_url(name, key, world))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_other_province_lists_are_empty(world, client_as):
    c = client_as("pn.strategy")
    assert world["agenda"].title not in c.get(reverse("agendas:list")).content.decode()
    assert world["meeting"].title not in c.get(reverse("agendas:meetings")).content.decode()


def test_agency_proposal_is_private_until_taken_in(world, client_as):
    url = reverse("agendas:detail", args=[world["proposal"].pk])
    assert client_as("cr.land.head").get(url).status_code == 200
    assert client_as("cr.strategy").get(url).status_code == 200
    assert client_as("cr.tourism.head").get(url).status_code == 404


def test_write_actions_refused_to_others(world, client_as):
    m, a = world["meeting"], world["agenda"]
    for username in ("cr.vicegov", "cr.tourism.head", "cr.tourism.analyst"):
        c = client_as(username)
        assert c.get(reverse("agendas:meeting_edit", args=[m.pk])).status_code == 403
        assert c.post(reverse("agendas:meeting_invite", args=[m.pk])).status_code == 403
        assert c.get(reverse("agendas:edit", args=[a.pk])).status_code == 403
        assert c.get(reverse("agendas:round_create")).status_code == 403
        assert c.get(reverse("agendas:meeting_create")).status_code == 403
    c = client_as("pn.strategy")
    assert c.post(reverse("agendas:meeting_invite", args=[m.pk])).status_code == 404
    assert c.get(reverse("agendas:edit", args=[a.pk])).status_code == 404


def test_opinion_page_of_an_agency_not_invited_is_refused(demo, client_as, make_agenda, make_round, orgs):
    make_agenda()
    rnd = make_round(organizations=[orgs["CRI-NRE"]])
    c = client_as("cr.tourism.analyst")
    # Tourism was not invited: it does not see the request; the answer URL says why (not a bare 404)
    response = c.get(reverse("agendas:answer", args=[rnd.pk, orgs["CRI-TOUR"].pk]))
    assert response.status_code == 403 and "ไม่ได้รับการขอความเห็น".encode() in response.content
    assert c.get(reverse("agendas:opinions", args=[rnd.pk])).status_code == 404
    c = client_as("cr.strategy")
    response = c.get(reverse("agendas:answer", args=[rnd.pk, orgs["CRI-TOUR"].pk]))
    assert response.status_code == 403
    assert "ไม่ได้รับการขอความเห็น".encode() in response.content or b"was not asked" in response.content


def test_opinion_form_saves_positions(world, client_as, orgs):
    rnd, agenda = world["round"], world["agenda"]
    c = client_as("cr.tourism.analyst")
    url = reverse("agendas:answer", args=[rnd.pk, orgs["CRI-TOUR"].pk])
    assert c.get(url).status_code == 200
    response = c.post(url, {f"a{agenda.pk}-position": "conditional", f"a{agenda.pk}-reasoning": "ต้องมีงบ",
                            f"a{agenda.pk}-contribution": "เครือข่ายผู้ประกอบการ"})
    assert response.status_code == 302
    o = Opinion.objects.get(agenda=agenda, organization=orgs["CRI-TOUR"])
    assert o.position == "conditional" and o.contribution == "เครือข่ายผู้ประกอบการ"
    # another agency's page is refused
    assert c.get(reverse("agendas:answer", args=[rnd.pk, orgs["CRI-LAND"].pk])).status_code == 403


def test_matrix_counts_and_not_answered(world, client_as, orgs, demo):
    agenda = world["agenda"]
    opinions_services.opinion_record(actor=demo["cr.nre.head"], agenda=agenda, organization=orgs["CRI-NRE"], position="support")
    opinions_services.opinion_record(actor=demo["cr.land.head"], agenda=agenda, organization=orgs["CRI-LAND"], position="oppose")
    response = client_as("cr.vicegov").get(reverse("agendas:opinions", args=[world["round"].pk]))
    m = response.context["matrix"]
    col = m["columns"][0]
    assert (col["support"], col["oppose"], col["conditional"], col["no_view"]) == (1, 1, 0, 0)
    assert col["not_answered"] == m["invited"] - 2
    assert m["not_answered_agencies"] == m["invited"] - 2


def test_matrix_query_count_constant(demo, client_as, cri, make_agenda, make_round, orgs):
    a1 = make_agenda(title="หนึ่ง")
    rnd = make_round()
    opinions_services.opinion_record(actor=demo["cr.nre.head"], agenda=a1, organization=orgs["CRI-NRE"], position="support")
    c = client_as("cr.strategy")
    url = reverse("agendas:opinions", args=[rnd.pk])
    c.get(url)
    with count_queries() as small:
        c.get(url)
    extra_orgs = [make_org(parent=cri) for _ in range(12)]
    agendas = [make_agenda(title=f"ประเด็น {i}") for i in range(6)]
    make_round()  # invites the new agencies
    for org in extra_orgs[:6]:
        head = make_user(roles=[(org, Role.AGENCY_HEAD)])
        for a in agendas:
            opinions_services.opinion_record(actor=head, agenda=a, organization=org, position="no_view")
    with count_queries() as big:
        response = c.get(url)
    assert len(response.context["matrix"]["rows"]) > 15
    assert len(big.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("name", ["agendas:list", "agendas:meetings", "agendas:rounds"])
def test_list_query_count_constant(demo, client_as, make_agenda, make_meeting, make_round, name):
    make_agenda()
    make_meeting()
    make_round()
    c = client_as("cr.strategy")
    c.get(reverse(name))
    with count_queries() as small:
        c.get(reverse(name))
    for i in range(8):
        make_agenda(title=f"อีก {i}", org="CRI-HEALTH")
        make_meeting(title=f"ประชุม {i}")
        make_round(fiscal_year=2571 + i)
    with count_queries() as big:
        c.get(reverse(name))
    assert len(big.captured_queries) == len(small.captured_queries)


def test_meeting_page_query_count_constant_in_attendees(demo, client_as, make_meeting, committee, cri):
    from salaklang.organizations.models import CommitteeMember

    m1 = make_meeting()
    c = client_as("cr.strategy")
    c.get(reverse("agendas:meeting", args=[m1.pk]))
    with count_queries() as small:
        c.get(reverse("agendas:meeting", args=[m1.pk]))
    for i in range(8):
        org = make_org(parent=cri)
        make_user(roles=[(org, Role.AGENCY_HEAD)])
        CommitteeMember.objects.create(committee=committee, represented_organization=org, sort_order=20 + i)
    m2 = make_meeting(title="ครั้งที่ 2")
    with count_queries() as big:
        c.get(reverse("agendas:meeting", args=[m2.pk]))
    assert m2.attendees.count() > m1.attendees.count() + 7
    assert len(big.captured_queries) == len(small.captured_queries)


def test_agenda_list_filters(demo, client_as, make_agenda, orgs):
    make_agenda(title="ปี 2570")
    make_agenda(title="ปี 2571", fiscal_year=2571, org="CRI-HEALTH")
    c = client_as("cr.strategy")
    body = c.get(reverse("agendas:list"), {"fiscal_year": 2571}).content.decode()
    assert "ปี 2571" in body and "ปี 2570" not in body
    body = c.get(reverse("agendas:list"), {"proposed_by": orgs["CRI-NRE"].pk}).content.decode()
    assert "ปี 2570" in body and "ปี 2571" not in body


def test_create_agenda_and_meeting_forms(demo, client_as, orgs, committee):
    c = client_as("cr.strategy")
    response = c.post(reverse("agendas:create"), {"proposed_by": orgs["CRI-TOUR"].pk, "fiscal_year": 2570,
                                                  "title": "เมืองศิลปะ", "problem": "รายได้ลดลง"})
    assert response.status_code == 302
    assert Agenda.objects.get(title="เมืองศิลปะ").status == "candidate"
    bad = c.post(reverse("agendas:meeting_create"), {
        "committee": committee.pk, "title": "ประชุม", "date": "2027-01-10", "start_time": "13:00", "end_time": "12:00",
        "venue": "ห้อง"})
    assert bad.status_code == 400 and not Meeting.objects.exists()
    good = c.post(reverse("agendas:meeting_create"), {
        "committee": committee.pk, "title": "ประชุม", "date": "2027-01-10", "start_time": "10:00", "end_time": "12:00",
        "venue": "ห้อง"})
    assert good.status_code == 302 and Meeting.objects.get().attendees.count() == 7


def test_attendance_view_refuses_outside_delegate(demo, client_as, make_meeting):
    m = make_meeting()
    seat = m.attendees.get(organization__code="CRI-TOUR")
    c = client_as("cr.strategy")
    response = c.post(reverse("agendas:attendance", args=[m.pk, seat.pk]),
                      {"attendance": "represented", "delegate": demo["cr.land.head"].pk}, follow=True)
    seat.refresh_from_db()
    assert seat.delegate is None
    text = response.content.decode()
    assert "does not belong to" in text or "ไม่ได้สังกัด" in text


def test_delegate_page_for_the_analyst(demo, client_as, make_meeting):
    m = make_meeting()
    seat = m.attendees.get(organization__code="CRI-TOUR")
    c = client_as("cr.tourism.analyst")
    url = reverse("agendas:delegate", args=[m.pk, seat.pk])
    assert c.get(url).status_code == 200
    assert c.post(url, {"delegate": demo["cr.tourism.analyst"].pk}).status_code == 302
    seat.refresh_from_db()
    assert seat.attendance == Attendee.Attendance.REPRESENTED
    page = c.get(reverse("agendas:meeting", args=[m.pk])).content.decode()
    assert "เข้าร่วมแทน" in page or "attends instead of" in page
    other = m.attendees.get(organization__code="CRI-LAND")
    assert client_as("cr.tourism.analyst").get(reverse("agendas:delegate", args=[m.pk, other.pk])).status_code == 403


def test_minutes_versions_page_shows_diff(demo, client_as, make_meeting, make_agenda):
    m = make_meeting()
    item = meetings_services.item_add(actor=demo["cr.strategy"], meeting=m, title="เรื่อง", agendas=[make_agenda()])
    record_everyone_present(m, demo["cr.strategy"])
    meetings_services.meeting_hold(actor=demo["cr.strategy"], meeting=m, opened_at=dt.time(10), closed_at=dt.time(11))
    minutes_services.minutes_update(actor=demo["cr.strategy"], meeting=m, items={item.pk: {"resolution": "รับทราบ"}})
    minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m)
    c = client_as("cr.strategy")
    c.post(reverse("agendas:minutes", args=[m.pk]), {"opening": "", f"discussion-{item.pk}": "",
                                                      f"resolution-{item.pk}": "เห็นชอบ", "reason": "แก้ไข"})
    m.refresh_from_db()
    assert m.minutes_version == 2
    body = c.get(reverse("agendas:minutes_versions", args=[m.pk])).content.decode()
    assert "<del>รับทราบ</del>" in body and "<ins>เห็นชอบ</ins>" in body and "@@" not in body


def test_dashboard_panel(demo, client_as, make_meeting):
    make_meeting()
    response = client_as("cr.tourism.head").get("/dashboard/")
    assert response.status_code == 200
    assert "ประชุมคณะทำงาน HPP" in response.content.decode()


def test_selection_view(demo, client_as, make_meeting, make_agenda):
    m = make_meeting()
    a = make_agenda()
    item = meetings_services.item_add(actor=demo["cr.strategy"], meeting=m, title="เลือก", agendas=[a])
    meetings_services.meeting_hold(actor=demo["cr.strategy"], meeting=m, opened_at=dt.time(10), closed_at=dt.time(11))
    c = client_as("cr.strategy")
    assert c.post(reverse("agendas:select", args=[m.pk]), {"item": item.pk, "agendas": [a.pk],
                                                             "resolution": "เลือก"}).status_code == 302
    a.refresh_from_db()
    assert a.status == "selected"
    assert client_as("cr.vicegov").post(reverse("agendas:select", args=[m.pk]), {}).status_code == 403


def test_due_date_shown_in_buddhist_era(world, client_as):
    body = client_as("cr.strategy").get(reverse("agendas:rounds")).content.decode()
    assert str(timezone.localdate().year + 543) in body


def test_other_province_cannot_see_organization_objects(world, client_as):
    pna = Organization.objects.get(code="PNA")
    assert client_as("cr.strategy").get(reverse("agendas:list"), {"proposed_by": pna.pk}).status_code == 200


def test_agency_proposes_and_strategy_staff_take_it_in(demo, client_as, orgs):
    land = client_as("cr.land.head")
    response = land.post(reverse("agendas:create"), {"proposed_by": orgs["CRI-LAND"].pk, "fiscal_year": 2570,
                                                     "title": "ที่ดิน e-Service"})
    assert response.status_code == 302
    a = Agenda.objects.get(title="ที่ดิน e-Service")
    assert a.status == "proposed"
    # an agency cannot propose in another agency's name
    bad = land.post(reverse("agendas:create"), {"proposed_by": orgs["CRI-NRE"].pk, "fiscal_year": 2570, "title": "x"})
    assert bad.status_code == 400
    assert land.post(reverse("agendas:transition", args=[a.pk, "accept"])).status_code == 403
    staff = client_as("cr.strategy")
    assert staff.post(reverse("agendas:transition", args=[a.pk, "accept"])).status_code == 302
    a.refresh_from_db()
    assert a.status == "candidate"
    assert staff.post(reverse("agendas:transition", args=[a.pk, "nonsense"])).status_code == 404
    page = staff.get(reverse("agendas:detail", args=[a.pk])).content.decode()
    assert "รับประเด็นเข้าสู่การพิจารณา" in page  # timeline label


def test_add_an_attending_official(demo, client_as, make_meeting):
    m = make_meeting()
    guest = make_user(roles=[(Organization.objects.get(code="CRI-PO"), Role.AGENCY_COORDINATOR)])
    c = client_as("cr.strategy")
    response = c.post(reverse("agendas:attendee_add", args=[m.pk]), {
        "person": guest.pk, "kind": "official", "role_label": "ผู้เข้าร่วมประชุม"})
    assert response.status_code == 302
    assert m.attendees.filter(person=guest, kind="official").exists()
    again = c.post(reverse("agendas:attendee_add", args=[m.pk]), {
        "person": guest.pk, "kind": "official"}, follow=True)
    assert m.attendees.filter(person=guest).count() == 1
    assert "อยู่ในรายชื่อแล้ว" in again.content.decode() or "already on the list" in again.content.decode()
    assert client_as("cr.vicegov").post(reverse("agendas:attendee_add", args=[m.pk]), {}).status_code == 403


def test_photo_upload_serve_and_publish_flag(demo, client_as, make_meeting, tmp_path, settings):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    m = make_meeting()
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), "blue").save(buf, "JPEG")
    c = client_as("cr.strategy")
    response = c.post(reverse("agendas:photo_add", args=[m.pk]), {
        "image": SimpleUploadedFile("p.jpg", buf.getvalue(), content_type="image/jpeg"), "caption": "บรรยากาศ",
        "publishable": "on"})
    assert response.status_code == 302
    photo = m.photos.get()
    assert photo.publishable and photo.caption == "บรรยากาศ"
    served = client_as("cr.tourism.head").get(reverse("agendas:photo", args=[m.pk, photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert client_as("pn.strategy").get(reverse("agendas:photo", args=[m.pk, photo.pk])).status_code == 404
    c = client_as("cr.strategy")  # the fixture re-signs the same client in
    bad = c.post(reverse("agendas:photo_add", args=[m.pk]), {
        "image": SimpleUploadedFile("x.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")}, follow=True)
    assert m.photos.count() == 1
    assert "JPEG" in bad.content.decode()
    assert c.post(reverse("agendas:photo_publishable", args=[m.pk, photo.pk]), {"publishable": "0"}).status_code == 302
    photo.refresh_from_db()
    assert not photo.publishable
    assert client_as("cr.tourism.head").post(reverse("agendas:photo_publishable", args=[m.pk, photo.pk]),
                                             {"publishable": "1"}).status_code == 403
    photo.refresh_from_db()
    assert not photo.publishable  # refused: only the minute-taker or the strategy staff


def test_remind_button(world, client_as):
    rnd = world["round"]
    assert client_as("cr.tourism.head").post(reverse("agendas:opinion_remind", args=[rnd.pk])).status_code == 403
    assert client_as("pn.strategy").post(reverse("agendas:opinion_remind", args=[rnd.pk])).status_code == 404
    response = client_as("cr.strategy").post(reverse("agendas:opinion_remind", args=[rnd.pk]), follow=True)
    assert response.status_code == 200
    assert "เตือน" in response.content.decode() or "reminded" in response.content.decode()


def test_meeting_list_filters(demo, client_as, make_meeting):
    make_meeting(title="ประชุมที่เชิญแล้ว")
    make_meeting(title="ประชุมร่าง", invite=False)
    c = client_as("cr.strategy")
    body = c.get(reverse("agendas:meetings"), {"status": "draft"}).content.decode()
    assert "ประชุมร่าง" in body and "ประชุมที่เชิญแล้ว" not in body
    # an agency does not see drafts at all
    body = client_as("cr.tourism.head").get(reverse("agendas:meetings")).content.decode()
    assert "ประชุมที่เชิญแล้ว" in body and "ประชุมร่าง" not in body


def test_meeting_page_for_an_invitee_does_not_query_per_attendee(demo, client_as, make_meeting):
    m = make_meeting()
    c = client_as("cr.vicegov")  # sees the meeting, does not manage it: may-name-a-delegate is checked per row
    url = reverse("agendas:meeting", args=[m.pk])
    c.get(url)
    with count_queries() as small:
        c.get(url)
    for _ in range(5):
        guest = make_user(roles=[(Organization.objects.get(code="CRI-PO"), Role.AGENCY_COORDINATOR)])
        meetings_services.attendee_add(actor=demo["cr.strategy"], meeting=m, person=guest, kind="official")
    with count_queries() as big:
        response = c.get(url)
    assert response.status_code == 200 and len(response.context["attendees"]) >= 10
    assert len(big.captured_queries) == len(small.captured_queries)
