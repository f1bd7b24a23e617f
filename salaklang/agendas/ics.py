"""The iCalendar (RFC 5545) invitation of a meeting, written by hand (no dependency).

CRLF line ends, lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values escaped,
times in UTC, a stable UID and a SEQUENCE raised each time a change is sent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def escape_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, continuation lines starting with a space."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines carry the leading space
        if size + n > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(meeting, *, base_url: str = "") -> str:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
    end = dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=tz)
    domain = settings.ICS_DOMAIN
    cancelled = meeting.status == "cancelled"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Salaklang//Meetings//TH",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{domain}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SEQUENCE:{meeting.sequence}",
        f"SUMMARY:{escape_text(meeting.title)}",
        f"LOCATION:{escape_text(meeting.venue)}",
        f"DESCRIPTION:{escape_text(_description(meeting))}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
    ]
    if base_url:
        lines.append(f"URL:{base_url}")
    if meeting.chair_id and meeting.chair.email:
        lines.append(f"ORGANIZER;CN={_param(str(meeting.chair))}:mailto:{meeting.chair.email}")
    lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(meeting.title)}", "TRIGGER:-PT1H",
              "END:VALARM", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def _param(value: str) -> str:
    """A parameter value: quoted, without the characters RFC 5545 forbids there."""
    return '"' + value.replace('"', "'").replace("\n", " ") + '"'


def _description(meeting) -> str:
    parts = [str(meeting.committee)]
    if meeting.number:
        parts.append(f"ครั้งที่ {meeting.number}")
    items = list(meeting.items.all())
    if items:
        parts.append("ระเบียบวาระ:")
        parts += [f"{i.section}. {i.title}" for i in items]
    return "\n".join(parts)
