import datetime as dt

import pytest
from django.utils import timezone

from salaklang.agendas.services import agendas as agendas_services
from salaklang.agendas.services import meetings, opinions
from salaklang.organizations.models import Committee, Organization


@pytest.fixture
def cri(demo):
    return Organization.objects.get(code="CRI")


@pytest.fixture
def orgs(demo):
    return {o.code: o for o in Organization.objects.filter(code__startswith="CRI")}


@pytest.fixture
def committee(cri):
    return Committee.objects.get(organization=cri, kind=Committee.Kind.WORKING_GROUP)


@pytest.fixture
def make_agenda(demo, cri, orgs):
    def _make(title="การแก้ไขปัญหาหมอกควันและไฟป่า", org="CRI-NRE", actor="cr.strategy", fiscal_year=2570, **data):
        return agendas_services.agenda_create(actor=demo[actor], province=cri, proposed_by=orgs[org],
                                      data={"title": title, "fiscal_year": fiscal_year, **data})
    return _make


@pytest.fixture
def make_round(demo, cri):
    def _make(fiscal_year=2570, organizations=None):
        return opinions.opinion_round_open(actor=demo["cr.strategy"], province=cri, fiscal_year=fiscal_year,
                                           due_date=timezone.localdate() + dt.timedelta(days=7),
                                           organizations=organizations)
    return _make


@pytest.fixture
def make_meeting(demo, committee):
    def _make(invite=True, **data):
        values = {"number": "1/2570", "title": "ประชุมคณะทำงาน HPP", "date": timezone.localdate() + dt.timedelta(days=7),
                  "start_time": dt.time(10, 0), "end_time": dt.time(12, 0),
                  "venue": "ห้องประชุมเวียงกาหลง ชั้น 3 ศาลากลางจังหวัดเชียงราย", "minute_taker": demo["cr.strategy"]}
        values.update(data)
        meeting = meetings.meeting_create(actor=demo["cr.strategy"], committee=committee, data=values)
        if invite:
            meeting = meetings.meeting_invite(actor=demo["cr.strategy"], meeting=meeting)
        return meeting
    return _make


def record_everyone_present(meeting, actor) -> None:
    """Minutes are approved once the attendance of the members is recorded."""
    from salaklang.agendas.models import Attendee

    for attendee in meeting.attendees.filter(attendance=Attendee.Attendance.UNKNOWN):
        meetings.attendance_record(actor=actor, attendee=attendee, attendance=Attendee.Attendance.PRESENT)
