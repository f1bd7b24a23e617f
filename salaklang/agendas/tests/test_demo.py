from salaklang.agendas import demo as agendas_demo
from salaklang.agendas.models import Agenda, Attendee, Meeting, Opinion


def test_demo_seed_is_idempotent_and_tells_seed_000(demo):
    from salaklang.calls import demo as calls_demo

    calls_demo.seed()
    agendas_demo.seed()
    counts = (Agenda.objects.count(), Meeting.objects.count(), Opinion.objects.count())
    agendas_demo.seed()
    assert (Agenda.objects.count(), Meeting.objects.count(), Opinion.objects.count()) == counts
    meeting = Meeting.objects.get(number="1/2565")
    assert meeting.chair.username == "cr.vicegov" and meeting.minutes_locked
    assert str(meeting.date) == "2021-12-03" and "เวียงกาหลง" in meeting.venue
    tour = meeting.attendees.get(organization__code="CRI-TOUR")
    assert tour.attendance == Attendee.Attendance.REPRESENTED
    assert tour.person.username == "cr.tourism.head" and tour.delegate.username == "cr.tourism.analyst"
    assert Agenda.objects.filter(fiscal_year=2565).selected().count() == 1
    assert Agenda.objects.filter(fiscal_year=2565).count() == 4
    assert Opinion.objects.filter(agenda__fiscal_year=2565).count() == 20
