from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


class CallsConfig(SalaklangAppConfig):
    name = "salaklang.calls"
    verbose_name = _("Calls for proposals")
    audit_verbs = {
        "call_created": _("created the call"), "call_updated": _("changed the call"),
        "call_published": _("published the call and sent the circular letter"), "call_closed": _("closed the call"),
        "proposal_drafted": _("drafted the proposal"), "proposal_edited": _("edited the proposal"),
        "proposal_sent_for_approval": _("sent the proposal for the head's approval"),
        "proposal_sent_back_by_head": _("sent the proposal back to the drafter"),
        "proposal_approved_and_submitted": _("approved and submitted the proposal"),
        "proposal_recorded_from_letter": _("recorded the proposal received by official letter"),
        "proposal_returned_for_revision": _("returned the proposal for revision"),
        "proposal_forwarded_upward": _("forwarded the proposal to the national call"),
        "plan_link_saved": _("saved an entry of the strategy and plan lists"),
        "call_attachment_added": _("attached a document to the call"),
        "proposal_attachment_added": _("attached a document to the proposal"),
        "proposals_export_requested": _("asked for the export of the proposals"),
    }
    audit_verb_patterns = {r"reminder_\w+": _("sent a reminder to organizations that have not submitted")}
    imports = ("jobs",)  # the reminder job

    def nav_items(self) -> list:
        from salaklang.core.nav import NavItem
        from salaklang.organizations.access import roles_of

        return [NavItem("calls", _("Calls for proposals"), "calls:list",
                        lambda u: roles_of(u).is_government_staff, order=10)]

    def connect(self) -> None:
        from salaklang.calls.models import Proposal
        from salaklang.calls.services import target_follow
        from salaklang.core import workflow

        workflow.after_transition(Proposal, target_follow)  # the board's stored state of the proposal's target
