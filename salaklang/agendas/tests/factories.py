"""Factories for agendas, opinion rounds and meetings, built through the services on a ``make_world()``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salaklang.agendas.models import Agenda, Meeting, OpinionRound
from salaklang.agendas.services import agendas, meetings, opinions
from salaklang.organizations.models import Committee, CommitteeMember
from salaklang.organizations.tests.factories import make_committee


def make_agenda(world, *, title: str = "การแก้ไขปัญหาหมอกควันและไฟป่า", proposed_by=None, actor=None,
                fiscal_year: int = 2570, **data) -> Agenda:
    """A candidate agenda of the world's province added by its strategy staff for its first agency; with
    ``actor=world["head"]`` the agency proposes it (status ``proposed``, waiting for the strategy staff)."""
    return agendas.agenda_create(actor=actor or world["strategy"], province=world["province"],
                                 proposed_by=proposed_by or world["agency"],
                                 data={"title": title, "fiscal_year": fiscal_year, **data})


def make_round(world, *, fiscal_year: int = 2570, organizations=None, due_in_days: int = 7) -> OpinionRound:
    return opinions.opinion_round_open(actor=world["strategy"], province=world["province"], fiscal_year=fiscal_year,
                                       due_date=timezone.localdate() + dt.timedelta(days=due_in_days),
                                       organizations=organizations)


def make_working_group(world) -> Committee:
    """The province's working group: the governor chairs, the first agency sends a representative, the strategy
    staff are the secretary."""
    P = CommitteeMember.Position
    return make_committee(world["province"], kind=Committee.Kind.WORKING_GROUP, name_th="คณะทำงาน HPP", seats=[
        (P.CHAIR, world["governor"]), (P.MEMBER, world["agency"]), (P.SECRETARY, world["strategy"])])


def make_meeting(world, committee: Committee | None = None, *, invite: bool = True, **data) -> Meeting:
    """A meeting of ``committee`` (a new working group) a week ahead, invited unless ``invite=False``."""
    committee = committee or make_working_group(world)
    values = {"number": "1/2570", "title": "ประชุมคณะทำงาน HPP", "date": timezone.localdate() + dt.timedelta(days=7),
              "start_time": dt.time(10, 0), "end_time": dt.time(12, 0), "venue": "ห้องประชุมศาลากลางจังหวัด",
              "minute_taker": world["strategy"], **data}
    meeting = meetings.meeting_create(actor=world["strategy"], committee=committee, data=values)
    return meetings.meeting_invite(actor=world["strategy"], meeting=meeting) if invite else meeting
