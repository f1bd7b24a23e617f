from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


class ComplaintsConfig(SalaklangAppConfig):
    name = "salaklang.complaints"
    verbose_name = _("Complaints")
    audit_verbs = {
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
    }
    audit_verb_patterns = {
        # complaint_<status>: the status changes of services.handling.complaint_transition
        r"complaint_(received|assigned|in_progress|forwarded|resolved|not_resolved|rejected)":
            _("changed the status of the complaint"),
        r"complaint_personal_\w+": _("viewed the complainant's personal data"),
        r"data_request_\w+": _("answered a personal data request"),
        r"complaint_escalated_\w+": _("escalated an overdue complaint"),
    }
    # the escalation and retention jobs, the holiday cache signals, the route cache signals
    imports = ("jobs", "deadlines", "services.routing")

    def nav_items(self) -> list:
        from salaklang.complaints import access
        from salaklang.core.nav import NavItem

        def citizen(user) -> bool:
            """The public side of complaints: visitors and citizen accounts (staff work from their inbox)."""
            if not getattr(user, "is_authenticated", False):
                return True
            return getattr(user, "kind", "") == "citizen" and not access.is_complaint_staff(user)

        return [
            NavItem("complaints_new", _("File a complaint"), "complaints:new", citizen, order=60),
            NavItem("complaints_track", _("Follow a complaint"), "complaints:track_lookup",
                    lambda u: not u.is_authenticated, order=61),
            NavItem("complaints_mine", _("My complaints"), "complaints:mine",
                    lambda u: u.is_authenticated and citizen(u), order=62),
            NavItem("complaints_inbox", _("Complaint inbox"), "complaints:inbox", access.is_complaint_staff, order=30),
            NavItem("complaints_routes", _("Routes by category"), "complaints:routes",
                    lambda u: u.is_authenticated and bool(access.route_province_ids(u))
                    and not access.is_complaint_staff(u), order=31),
            NavItem("complaints_dashboard", _("Complaint statistics"), "complaints:dashboard", order=63),
        ]
