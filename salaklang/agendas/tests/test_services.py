import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from salaklang.agendas.models import Agenda, Attendee, Meeting, MeetingItem, MinutesVersion, Opinion
from salaklang.agendas.services import agendas as agendas_services
from salaklang.agendas.services import meetings as meetings_services
from salaklang.agendas.services import minutes as minutes_services
from salaklang.agendas.services import opinions as opinions_services
from salaklang.agendas.services import photos
from salaklang.agendas.services import selection as selection_services
from salaklang.agendas.tests.conftest import record_everyone_present
from salaklang.audit.models import AuditEntry
from salaklang.core.testing import make_org, make_user
from salaklang.notifications.models import Notification
from salaklang.organizations.models import Delegation, Organization, Role


def _entries(obj, verb):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), verb=verb)


# --- agendas ---------------------------------------------------------------------------------
def test_strategy_staff_add_a_candidate_agency_proposal_goes_to_them(demo, make_agenda, orgs):
    staff = make_agenda()
    assert staff.status == Agenda.Status.CANDIDATE
    proposed = make_agenda(title="ที่ดิน e-Service", org="CRI-LAND", actor="cr.land.head")
    assert proposed.status == Agenda.Status.PROPOSED
    assert Notification.objects.filter(recipient=demo["cr.strategy"], kind="agenda.proposed").exists()
    accepted = agendas_services.agenda_accept(actor=demo["cr.strategy"], agenda=proposed)
    assert accepted.status == Agenda.Status.CANDIDATE
    assert _entries(accepted, "agenda_accepted").exists()
    with pytest.raises(ValidationError):
        agendas_services.agenda_accept(actor=demo["cr.strategy"], agenda=accepted)  # not a proposal any more


def test_agency_cannot_propose_for_another_agency_or_province(demo, make_agenda, orgs):
    with pytest.raises(PermissionDenied):
        make_agenda(org="CRI-NRE", actor="cr.land.head")
    pna_tour = Organization.objects.get(code="PNA-TOUR")
    with pytest.raises(ValidationError):
        agendas_services.agenda_create(actor=demo["cr.strategy"], province=Organization.objects.get(code="CRI"),
                               proposed_by=pna_tour, data={"title": "x", "fiscal_year": 2570})


def test_agency_edits_its_proposal_only_while_proposed(demo, make_agenda):
    a = make_agenda(title="ร่าง", org="CRI-LAND", actor="cr.land.head")
    agendas_services.agenda_update(actor=demo["cr.land.head"], agenda=a, data={"title": "ร่างแก้ไข"})
    a = agendas_services.agenda_accept(actor=demo["cr.strategy"], agenda=a)
    with pytest.raises(PermissionDenied):
        agendas_services.agenda_update(actor=demo["cr.land.head"], agenda=a, data={"title": "อีกครั้ง"})
    agendas_services.agenda_update(actor=demo["cr.strategy"], agenda=a, data={"title": "โดยยุทธศาสตร์"})
    a.refresh_from_db()
    assert a.title == "โดยยุทธศาสตร์"
    assert _entries(a, "agenda_updated").count() == 2


# --- opinions --------------------------------------------------------------------------------
def test_round_invites_every_agency_of_the_province_by_default(demo, make_round, orgs):
    rnd = make_round()
    invited = set(rnd.invitations.values_list("organization__code", flat=True))
    assert invited == {c for c, o in orgs.items() if o.kind == Organization.Kind.AGENCY}
    assert Notification.objects.filter(recipient=demo["cr.tourism.analyst"], kind="agenda.opinions_requested").exists()
    # asking again adds only the new agencies
    extra = make_org(parent=orgs["CRI"])
    make_round()
    assert rnd.invitations.count() == len(invited) + 1 and rnd.invitations.filter(organization=extra).exists()


def test_round_refuses_past_due_date_and_other_people(demo, cri):
    with pytest.raises(ValidationError):
        opinions_services.opinion_round_open(actor=demo["cr.strategy"], province=cri, fiscal_year=2570,
                                    due_date=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        opinions_services.opinion_round_open(actor=demo["pn.strategy"], province=cri, fiscal_year=2570,
                                    due_date=timezone.localdate())
    with pytest.raises(PermissionDenied):
        opinions_services.opinion_round_open(actor=demo["cr.vicegov"], province=cri, fiscal_year=2570,
                                    due_date=timezone.localdate())


def test_invited_agency_records_and_replaces_its_opinion(demo, make_agenda, make_round, orgs):
    a = make_agenda()
    make_round()
    o = opinions_services.opinion_record(actor=demo["cr.tourism.analyst"], agenda=a, organization=orgs["CRI-TOUR"],
                                position="conditional", reasoning="ต้องมีงบประชาสัมพันธ์", contribution="เครือข่าย")
    assert o.answered_by == demo["cr.tourism.analyst"] and o.on_behalf_of is None
    opinions_services.opinion_record(actor=demo["cr.tourism.head"], agenda=a, organization=orgs["CRI-TOUR"], position="support")
    assert Opinion.objects.get(agenda=a, organization=orgs["CRI-TOUR"]).position == "support"
    assert _entries(a, "opinion_recorded").count() == 2


def test_opinion_from_an_agency_not_invited_is_refused(demo, make_agenda, make_round, orgs):
    a = make_agenda()
    make_round(organizations=[orgs["CRI-NRE"]])
    with pytest.raises(PermissionDenied, match="was not asked|ไม่ได้รับการขอความเห็น"):
        opinions_services.opinion_record(actor=demo["cr.tourism.analyst"], agenda=a, organization=orgs["CRI-TOUR"],
                                position="support")
    assert not Opinion.objects.exists()


def test_opinion_by_someone_outside_the_agency_is_refused(demo, make_agenda, make_round, orgs):
    a = make_agenda()
    make_round()
    with pytest.raises(PermissionDenied):
        opinions_services.opinion_record(actor=demo["cr.land.head"], agenda=a, organization=orgs["CRI-TOUR"],
                                position="support")


def test_opinion_under_delegation_records_on_behalf_of(demo, make_agenda, make_round, orgs):
    a = make_agenda()
    make_round()
    deputy = make_user(roles=[(orgs["CRI-HEALTH"], Role.REVIEWER)])
    Delegation.objects.create(delegator=demo["cr.health.head"], delegate=deputy, organization=orgs["CRI-HEALTH"],
                              scope=Delegation.Scope.ALL, start_date=timezone.localdate(),
                              end_date=timezone.localdate() + dt.timedelta(days=5))
    o = opinions_services.opinion_record(actor=deputy, agenda=a, organization=orgs["CRI-HEALTH"], position="oppose")
    assert o.on_behalf_of == demo["cr.health.head"]
    entry = _entries(a, "opinion_recorded").get()
    assert entry.actor == deputy and entry.on_behalf_of == demo["cr.health.head"]


def test_no_opinion_on_a_withdrawn_agenda(demo, make_agenda, make_round, orgs):
    a = make_agenda()
    make_round()
    agendas_services.agenda_withdraw(actor=demo["cr.strategy"], agenda=a)
    with pytest.raises(ValidationError):
        opinions_services.opinion_record(actor=demo["cr.nre.head"], agenda=a, organization=orgs["CRI-NRE"], position="support")


# --- meetings --------------------------------------------------------------------------------
def test_meeting_invites_the_members_of_the_working_group(demo, make_meeting):
    m = make_meeting()
    assert m.status == Meeting.Status.INVITED and m.chair == demo["cr.vicegov"]
    rows = list(m.attendees.select_related("person", "organization"))
    assert rows[0].person == demo["cr.vicegov"] and rows[0].role_label == "ประธาน"
    tour = next(r for r in rows if r.organization and r.organization.code == "CRI-TOUR")
    assert tour.person == demo["cr.tourism.head"]
    assert Notification.objects.filter(recipient=demo["cr.tourism.head"], kind="meeting.invitation").exists()
    assert _entries(m, "meeting_invitations_sent").exists()
    before = m.sequence
    m = meetings_services.meeting_update(actor=demo["cr.strategy"], meeting=m, data={"venue": "ห้องประชุมพญามังราย"})
    assert m.sequence == before + 1


def test_meeting_end_before_start_is_refused(demo, make_meeting):
    with pytest.raises(ValidationError) as exc:
        make_meeting(start_time=dt.time(13, 0), end_time=dt.time(12, 0))
    assert "end_time" in exc.value.error_dict
    assert not Meeting.objects.exists()
    m = make_meeting()
    with pytest.raises(ValidationError):
        meetings_services.meeting_update(actor=demo["cr.strategy"], meeting=m, data={"end_time": dt.time(9, 0)})
    with pytest.raises(ValidationError):
        meetings_services.meeting_hold(actor=demo["cr.strategy"], meeting=m, opened_at=dt.time(11), closed_at=dt.time(10))


def test_database_also_refuses_end_before_start(demo, make_meeting):
    m = make_meeting()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=m.pk).update(end_time=dt.time(9, 0))


def test_only_strategy_staff_of_the_province_create_meetings(demo, committee):
    data = {"title": "x", "date": timezone.localdate(), "start_time": dt.time(9), "end_time": dt.time(10), "venue": "y"}
    for name in ("cr.vicegov", "cr.tourism.head", "pn.strategy"):
        with pytest.raises(PermissionDenied):
            meetings_services.meeting_create(actor=demo[name], committee=committee, data=data)


def _tour_seat(meeting):
    return meeting.attendees.get(organization__code="CRI-TOUR")


def test_delegate_must_belong_to_the_delegating_organization(demo, make_meeting):
    m = make_meeting()
    seat = _tour_seat(m)
    with pytest.raises(ValidationError, match="does not belong to|ไม่ได้สังกัด"):
        meetings_services.attendance_record(actor=demo["cr.strategy"], attendee=seat, attendance="represented",
                                   delegate=demo["cr.land.head"])
    seat.refresh_from_db()
    assert seat.attendance == Attendee.Attendance.UNKNOWN and seat.delegate is None
    with pytest.raises(ValidationError):
        meetings_services.attendance_record(actor=demo["cr.strategy"], attendee=seat, attendance="represented")
    a = meetings_services.attendance_record(actor=demo["cr.strategy"], attendee=seat, attendance="represented",
                                   delegate=demo["cr.tourism.analyst"])
    assert a.delegate == demo["cr.tourism.analyst"]
    assert Notification.objects.filter(recipient=demo["cr.tourism.analyst"], kind="meeting.delegate").exists()


def test_the_analyst_attends_for_the_head_under_his_delegation(demo, make_meeting):
    """Seed 000: the head of Tourism and Sports assigned a policy analyst to attend."""
    m = make_meeting()
    seat = _tour_seat(m)
    meetings_services.attendance_record(actor=demo["cr.tourism.analyst"], attendee=seat, attendance="represented",
                               delegate=demo["cr.tourism.analyst"])
    seat.refresh_from_db()
    assert seat.attendance == "represented" and seat.delegate == demo["cr.tourism.analyst"]
    entry = _entries(m, "attendance_recorded").get()
    assert entry.actor == demo["cr.tourism.analyst"] and entry.on_behalf_of == demo["cr.tourism.head"]
    assert "เข้าร่วมแทน" in entry.message or "instead of" in entry.message


def test_the_head_names_a_delegate_but_others_cannot(demo, make_meeting):
    m = make_meeting()
    seat = _tour_seat(m)
    meetings_services.attendance_record(actor=demo["cr.tourism.head"], attendee=seat, attendance="represented",
                               delegate=demo["cr.tourism.analyst"])
    with pytest.raises(PermissionDenied):
        meetings_services.attendance_record(actor=demo["cr.land.head"], attendee=seat, attendance="represented",
                                   delegate=demo["cr.tourism.analyst"])
    with pytest.raises(PermissionDenied):  # only staff record presence/absence
        meetings_services.attendance_record(actor=demo["cr.tourism.head"], attendee=seat, attendance="present")
    Delegation.objects.filter(delegate=demo["cr.tourism.analyst"]).update(revoked_at=timezone.now())
    with pytest.raises(PermissionDenied):
        meetings_services.attendance_record(actor=demo["cr.tourism.analyst"], attendee=seat, attendance="represented",
                                   delegate=demo["cr.tourism.analyst"])


def _held(demo, make_meeting, make_agenda, checker=None):
    m = make_meeting(checker=checker)
    agendas = [make_agenda(title=f"ประเด็น {i}") for i in range(3)]
    item = meetings_services.item_add(actor=demo["cr.strategy"], meeting=m, title="พิจารณาเลือกประเด็นนโยบาย", agendas=agendas)
    record_everyone_present(m, demo["cr.strategy"])
    m = meetings_services.meeting_hold(actor=demo["cr.strategy"], meeting=m, opened_at=dt.time(10, 5), closed_at=dt.time(11, 50))
    return m, item, agendas


def test_minutes_checked_approved_locked_and_new_version_on_edit(demo, make_meeting, make_agenda):
    m, item, _agendas = _held(demo, make_meeting, make_agenda, checker=demo["cr.vicegov"])
    assert m.status == Meeting.Status.HELD and m.opened_at == dt.time(10, 5)
    minutes_services.minutes_update(actor=demo["cr.strategy"], meeting=m, items={item.pk: {"discussion": "อภิปราย",
                                                                                      "resolution": "เห็นชอบ"}})
    with pytest.raises(ValidationError):  # the checker has not checked yet
        minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m)
    with pytest.raises(PermissionDenied):
        minutes_services.minutes_check(actor=demo["cr.tourism.head"], meeting=m)
    minutes_services.minutes_check(actor=demo["cr.vicegov"], meeting=m)
    m = minutes_services.minutes_approve(actor=demo["cr.vicegov"], meeting=m)
    assert m.minutes_locked and m.minutes_version == 1
    v1 = MinutesVersion.objects.get(meeting=m, number=1)
    assert v1.data["items"][0]["resolution"] == "เห็นชอบ"
    # edit after approval: a new version, the approved one kept
    m = minutes_services.minutes_update(actor=demo["cr.strategy"], meeting=m, reason="แก้คำผิด",
                                items={item.pk: {"resolution": "เห็นชอบตามที่เสนอ"}})
    assert m.minutes_version == 2 and m.minutes_status == Meeting.MinutesStatus.DRAFT
    v1.refresh_from_db()
    assert v1.data["items"][0]["resolution"] == "เห็นชอบ" and v1.reopen_reason == "แก้คำผิด"
    assert MeetingItem.objects.get(pk=item.pk).resolution == "เห็นชอบตามที่เสนอ"
    assert _entries(m, "minutes_new_version").exists()
    minutes_services.minutes_check(actor=demo["cr.vicegov"], meeting=m)
    minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m)
    assert list(MinutesVersion.objects.filter(meeting=m).values_list("number", flat=True)) == [1, 2]


def test_minutes_need_a_held_meeting_and_right_people(demo, make_meeting):
    m = make_meeting()
    with pytest.raises(ValidationError):
        minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m)
    with pytest.raises(PermissionDenied):
        minutes_services.minutes_update(actor=demo["cr.tourism.head"], meeting=m, opening="x")
    with pytest.raises(PermissionDenied):
        minutes_services.minutes_approve(actor=demo["cr.land.head"], meeting=m)


def test_selection_by_resolution(demo, make_meeting, make_agenda):
    m, item, agendas = _held(demo, make_meeting, make_agenda)
    selected = selection_services.agendas_select(actor=demo["cr.strategy"], item=item, agendas=agendas[:2],
                                       resolution="เลือก 2 ประเด็น")
    assert {a.pk for a in selected} == {agendas[0].pk, agendas[1].pk}
    assert Agenda.objects.selected().count() == 2
    a0 = Agenda.objects.get(pk=agendas[0].pk)
    assert a0.selected_at is not None and a0.selected_by_item_id == item.pk
    assert _entries(a0, "agenda_selected").exists()
    assert Notification.objects.filter(recipient=demo["cr.nre.head"], kind="agenda.selected").exists()
    assert Notification.objects.filter(recipient=demo["cr.strategy"], kind="agenda.selected").exists()
    assert MeetingItem.objects.get(pk=item.pk).resolution == "เลือก 2 ประเด็น"
    with pytest.raises(ValidationError):  # already selected
        selection_services.agendas_select(actor=demo["cr.strategy"], item=item, agendas=[agendas[0]])
    with pytest.raises(PermissionDenied):
        selection_services.agendas_select(actor=demo["cr.vicegov"], item=item, agendas=[agendas[2]])
    minutes_services.minutes_approve(actor=demo["cr.strategy"], meeting=m)
    with pytest.raises(ValidationError):  # approved minutes: the selection is part of the resolution
        selection_services.agendas_select(actor=demo["cr.strategy"], item=item, agendas=[agendas[2]])
    assert Agenda.objects.get(pk=agendas[2].pk).status == "candidate"


def test_selection_needs_a_held_meeting_and_same_province(demo, make_meeting, make_agenda):
    m = make_meeting()
    a = make_agenda()
    item = meetings_services.item_add(actor=demo["cr.strategy"], meeting=m, title="เลือก", agendas=[a])
    with pytest.raises(ValidationError):
        selection_services.agendas_select(actor=demo["cr.strategy"], item=item, agendas=[a])
    pna = Organization.objects.get(code="PNA")
    other = agendas_services.agenda_create(actor=demo["pn.strategy"], province=pna, proposed_by=pna,
                                   data={"title": "พังงา", "fiscal_year": 2570})
    meetings_services.meeting_hold(actor=demo["cr.strategy"], meeting=m, opened_at=dt.time(10), closed_at=dt.time(11))
    with pytest.raises(ValidationError):
        selection_services.agendas_select(actor=demo["cr.strategy"], item=item, agendas=[other])


def test_cancelled_meeting(demo, make_meeting):
    m = make_meeting()
    invitations = Notification.objects.filter(kind="meeting.invitation").count()
    m = meetings_services.meeting_cancel(actor=demo["cr.strategy"], meeting=m, reason="ติดภารกิจ")
    assert m.status == Meeting.Status.CANCELLED
    cancelled = Notification.objects.filter(kind="meeting.invitation", title=f"ยกเลิกการประชุม: {m.title}").count()
    assert cancelled == invitations > 0  # every invitee hears of the cancellation
    with pytest.raises(ValidationError):
        meetings_services.meeting_invite(actor=demo["cr.strategy"], meeting=m)


def test_photo_is_checked_by_content_and_reencoded(demo, make_meeting, tmp_path, settings):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    m = make_meeting()
    buf = io.BytesIO()
    Image.new("RGB", (3000, 1500), "red").save(buf, "PNG")
    photo = photos.photo_add(actor=demo["cr.strategy"], meeting=m, publishable=True, caption="บรรยากาศ",
                               upload=SimpleUploadedFile("x.png", buf.getvalue(), content_type="image/png"))
    assert photo.publishable and photo.width == 2400 and photo.height == 1200
    assert photo.image.read()[:3] == b"\xff\xd8\xff"  # JPEG
    fake = SimpleUploadedFile("evil.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        photos.photo_add(actor=demo["cr.strategy"], meeting=m, upload=fake)
    with pytest.raises(PermissionDenied):
        photos.photo_add(actor=demo["cr.tourism.head"], meeting=m, upload=fake)
    photos.photo_set_publishable(actor=demo["cr.strategy"], photo=photo, publishable=False)
    photo.refresh_from_db()
    assert not photo.publishable


def test_opinion_reminders_go_to_agencies_not_done_and_once_per_kind(demo, make_agenda, make_round, orgs, cri):
    a1, a2 = make_agenda(title="หนึ่ง"), make_agenda(title="สอง")
    rnd = make_round()
    for a in (a1, a2):  # NRE answered everything; Tourism only one of two
        opinions_services.opinion_record(actor=demo["cr.nre.head"], agenda=a, organization=orgs["CRI-NRE"], position="support")
    opinions_services.opinion_record(actor=demo["cr.tourism.head"], agenda=a1, organization=orgs["CRI-TOUR"], position="support")
    pending = {inv.organization.code for inv in opinions_services.pending_invitations(rnd)}
    assert "CRI-NRE" not in pending and "CRI-TOUR" in pending
    Notification.objects.all().delete()
    due = rnd.due_date
    assert opinions_services.send_opinion_reminders(today=due - dt.timedelta(days=5)) == 0
    n = opinions_services.send_opinion_reminders(today=due - dt.timedelta(days=3))
    assert n == len(pending)
    assert opinions_services.send_opinion_reminders(today=due - dt.timedelta(days=3)) == 0  # once per kind
    assert Notification.objects.filter(recipient=demo["cr.tourism.head"], kind="agenda.reminder").count() == 1
    assert not Notification.objects.filter(recipient=demo["cr.nre.head"], kind="agenda.reminder").exists()
    assert opinions_services.send_opinion_reminders(today=due - dt.timedelta(days=1)) == n
    assert opinions_services.send_opinion_reminders(today=due + dt.timedelta(days=1)) == n
    assert opinions_services.opinion_remind(actor=demo["cr.strategy"], rnd=rnd) == n  # manual: any time
    assert opinions_services.opinion_remind(actor=demo["cr.strategy"], rnd=rnd) == n
    with pytest.raises(PermissionDenied):
        opinions_services.opinion_remind(actor=demo["cr.tourism.head"], rnd=rnd)
    assert _entries(rnd, "opinion_reminder_d3").exists()
