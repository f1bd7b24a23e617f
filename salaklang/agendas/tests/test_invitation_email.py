"""Meeting invitation e-mails carry the meeting's calendar file (.ics), the same one the meeting page offers."""

import datetime as dt

from django.core import mail

from salaklang.agendas.services import meetings
from salaklang.organizations.models import Committee, Organization


def _unfold(raw: str) -> list[str]:
    return raw.replace("\r\n ", "").split("\r\n")


def _invited(demo, number, title, day, start, end, venue):
    """A Chiang Rai working-group meeting, created and invited by cr.strategy (call inside the on-commit capture)."""
    committee = Committee.objects.get(organization=Organization.objects.get(code="CRI"),
                                      kind=Committee.Kind.WORKING_GROUP)
    meeting = meetings.meeting_create(actor=demo["cr.strategy"], committee=committee, data={
        "number": number, "title": title, "date": day, "start_time": start, "end_time": end, "venue": venue,
        "minute_taker": demo["cr.strategy"]})
    return meetings.meeting_invite(actor=demo["cr.strategy"], meeting=meeting)


def test_invitation_emails_carry_the_ics_attachment(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _invited(demo, "1/2570", "ประชุมคณะทำงาน HPP ครั้งที่ 1", dt.date(2026, 12, 21), dt.time(10, 0),
                           dt.time(12, 0), "ห้องประชุมเวียงกาหลง ชั้น 3")
    invitations = [m for m in mail.outbox if "ประชุมคณะทำงาน HPP ครั้งที่ 1" in m.subject]
    assert invitations
    for message in invitations:
        assert len(message.attachments) == 1
        filename, content, mimetype = message.attachments[0]
        assert filename == f"meeting-{meeting.pk}.ics" and mimetype.startswith("text/calendar")
        raw = content.decode() if isinstance(content, bytes) else content
        assert raw.startswith("BEGIN:VCALENDAR\r\n") and raw.endswith("END:VCALENDAR\r\n")
        lines = _unfold(raw)
        assert f"UID:meeting-{meeting.pk}@salaklang" in lines
        assert "DTSTART:20261221T030000Z" in lines and "DTEND:20261221T050000Z" in lines  # 10:00–12:00 Bangkok
        assert "LOCATION:ห้องประชุมเวียงกาหลง ชั้น 3" in lines and "SEQUENCE:0" in lines
        assert "แนบ" in message.body or "attached" in message.body


def test_a_changed_meeting_sends_the_new_ics_with_a_higher_sequence(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _invited(demo, "2/2570", "ประชุมคณะทำงาน HPP ครั้งที่ 2", dt.date(2026, 12, 22), dt.time(13, 30),
                           dt.time(15, 0), "ห้องประชุมดอยตุง")
        mail.outbox.clear()
        meetings.meeting_invite(actor=demo["cr.strategy"], meeting=meeting)
    assert mail.outbox
    raw = mail.outbox[0].attachments[0][1]
    raw = raw.decode() if isinstance(raw, bytes) else raw
    assert "SEQUENCE:1" in _unfold(raw)


def test_the_delegates_email_says_when_and_where_and_carries_the_ics(demo, django_capture_on_commit_callbacks):
    """The walk found the delegate's e-mail without date, place or calendar file."""
    from salaklang.agendas.models import Attendee

    with django_capture_on_commit_callbacks(execute=True):
        meeting = _invited(demo, "3/2570", "ประชุมคณะทำงาน HPP", dt.date(2026, 12, 23), dt.time(9, 30), dt.time(11, 0),
                           "ห้องประชุมดอยแม่สลอง")
        mail.outbox.clear()
        seat = meeting.attendees.get(organization__code="CRI-TOUR")
        meetings.attendance_record(actor=demo["cr.strategy"], attendee=seat,
                                   attendance=Attendee.Attendance.REPRESENTED, delegate=demo["cr.tourism.analyst"])
    [message] = [m for m in mail.outbox if demo["cr.tourism.analyst"].email in m.to]
    assert "ห้องประชุมดอยแม่สลอง" in message.body and "2569" in message.body  # 23 December 2026 is B.E. 2569
    assert "09.30–11.00 น." in message.body and "น. น." not in message.body  # the walk found "12.00 น. น."
    [(filename, content, mimetype)] = message.attachments
    raw = content.decode() if isinstance(content, bytes) else content
    assert filename == f"meeting-{meeting.pk}.ics" and "LOCATION:ห้องประชุมดอยแม่สลอง" in _unfold(raw)
