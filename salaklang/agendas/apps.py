from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


def meeting_invitation_attachments(notification) -> list[tuple[str, str, str]]:
    """The meeting's calendar file (.ics, the same as the meeting page offers) on each invitation e-mail."""
    from django.urls import Resolver404, resolve

    from salaklang.agendas import ics
    from salaklang.agendas.models import Meeting
    from salaklang.core.links import absolute_url

    try:
        match = resolve(notification.url)
    except Resolver404:
        return []
    meeting = (Meeting.objects.select_related("committee", "chair").filter(pk=match.kwargs.get("pk")).first()
               if match.view_name == "agendas:meeting" else None)
    if meeting is None:
        return []
    body = ics.meeting_ics(meeting, base_url=absolute_url(notification.url))
    return [(f"meeting-{meeting.pk}.ics", body, "text/calendar; charset=utf-8; method=PUBLISH")]


class AgendasConfig(SalaklangAppConfig):
    name = "salaklang.agendas"
    verbose_name = _("HPP agendas")
    audit_verbs = {
        "agenda_proposed": _("proposed the agenda"),
        "agenda_updated": _("edited the agenda"),
        "agenda_accepted": _("took the agenda in as a candidate"),
        "agenda_withdrawn": _("withdrew the agenda"),
        "agenda_selected": _("selected the agenda by a resolution"),
        "opinion_recorded": _("recorded an opinion"),
        "opinions_requested": _("asked the agencies for opinions"),
        "opinion_reminder_manual": _("reminded the agencies that have not answered"),
        "opinion_reminder_d3": _("reminded the agencies automatically (3 days before)"),
        "opinion_reminder_d1": _("reminded the agencies automatically (1 day before)"),
        "opinion_reminder_after": _("reminded the agencies automatically (after the due date)"),
        "meeting_created": _("created the meeting"),
        "meeting_updated": _("changed the meeting"),
        "meeting_invitations_sent": _("sent the invitations"),
        "meeting_cancelled": _("cancelled the meeting"),
        "attendee_added": _("added an attendee"),
        "attendance_recorded": _("recorded attendance"),
        "meeting_item_added": _("added an item to the agenda of the meeting"),
        "meeting_held": _("recorded the opening and closing time"),
        "minutes_updated": _("wrote the minutes"),
        "minutes_new_version": _("started a new version of the approved minutes"),
        "minutes_checked": _("checked the minutes"),
        "minutes_approved": _("approved the minutes"),
        "agendas_selected": _("recorded the selection of agendas"),
        "meeting_photo_added": _("added a photo"),
        "meeting_photo_publishable": _("changed whether a photo may be published"),
    }
    imports = ("jobs",)  # the reminders

    def nav_items(self) -> list:
        from salaklang.agendas import access
        from salaklang.core.nav import NavItem

        return [NavItem("agendas", _("Policy agendas"), "agendas:list", access.can_use_agendas, order=30),
                NavItem("meetings", _("Meetings"), "agendas:meetings", access.can_use_agendas, order=31)]

    def connect(self) -> None:
        from salaklang.notifications import attachments

        attachments.register("meeting.invitation", meeting_invitation_attachments)
        attachments.register("meeting.delegate", meeting_invitation_attachments)  # the delegate attends: same .ics
