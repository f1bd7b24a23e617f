from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "salaklang.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from salaklang.audit import verbs
        from salaklang.complaints import workflows

        workflows.register()

        verbs.register({
            "complaint_anonymised": _("removed the personal data after the retention period"),
            "complaint_route_changed": _("changed the routing of a category"),
            "data_request_created": _("asked for their personal data"),
            "complaint_submitted": _("filed the complaint"),
            "complaint_assigned": _("sent the complaint to an agency"),
            "complaint_split": _("split the complaint between agencies"),
            "complaint_merged": _("merged the complaint into another"),
            "complaint_note_public": _("added a note the complainant can read"),
            "complaint_note_internal": _("added an internal note"),
            "complaint_extended": _("extended the deadline"),
            "complaint_rated": _("rated the handling"),
            "complaint_reopened": _("reopened the complaint"),
            "complaint_attachment_added": _("added an attachment"),
        })
        # complaint_<status>: the status changes of services.handling.complaint_transition
        verbs.register_pattern(r"complaint_(received|assigned|in_progress|forwarded|resolved|not_resolved|rejected)",
                               _("changed the status of the complaint"))
        verbs.register_pattern(r"complaint_personal_\w+", _("viewed the complainant's personal data"))
        verbs.register_pattern(r"data_request_\w+", _("answered a personal data request"))
        verbs.register_pattern(r"complaint_escalated_\w+", _("escalated an overdue complaint"))
        from salaklang.complaints import (  # noqa: F401  (registers the escalation and retention jobs)
            access,
            deadlines,  # noqa: F401  (holiday cache signals)
            jobs,
        )
        from salaklang.complaints.dashboard import panel
        from salaklang.complaints.services import routing  # noqa: F401  (route cache signals)
        from salaklang.core import dashboard
        from salaklang.core.nav import NavItem, register

        def citizen(user) -> bool:
            """The public side of complaints: visitors and citizen accounts (staff work from their inbox)."""
            if not getattr(user, "is_authenticated", False):
                return True
            return getattr(user, "kind", "") == "citizen" and not access.is_complaint_staff(user)

        register(NavItem("complaints_new", _("File a complaint"), "complaints:new", citizen, order=60))
        register(NavItem("complaints_track", _("Follow a complaint"), "complaints:track_lookup",
                         lambda u: not u.is_authenticated, order=61))
        register(NavItem("complaints_mine", _("My complaints"), "complaints:mine",
                         lambda u: u.is_authenticated and citizen(u), order=62))
        register(NavItem("complaints_inbox", _("Complaint inbox"), "complaints:inbox", access.is_complaint_staff,
                         order=30))
        register(NavItem("complaints_routes", _("Routes by category"), "complaints:routes",
                         lambda u: u.is_authenticated and bool(access.route_province_ids(u))
                         and not access.is_complaint_staff(u), order=31))
        register(NavItem("complaints_dashboard", _("Complaint statistics"), "complaints:dashboard", order=63))
        dashboard.register(panel)
