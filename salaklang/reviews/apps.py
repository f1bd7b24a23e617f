from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


class ReviewsConfig(SalaklangAppConfig):
    name = "salaklang.reviews"
    verbose_name = _("Review and selection")
    audit_verbs = {
        "rubric_created": _("set up the rubric"), "rubric_saved": _("changed the rubric"),
        "reviewers_assigned": _("assigned reviewers"), "conflict_declared": _("declared a conflict of interest"),
        "scores_submitted": _("submitted scores"), "scores_reopened": _("reopened scores"),
        "decision_recorded": _("recorded the decision"), "review_started": _("started the review"),
    }

    def nav_items(self) -> list:
        from salaklang.core.nav import NavItem
        from salaklang.organizations.access import roles_of
        from salaklang.organizations.models import Role

        return [NavItem("reviews", _("Review queue"), "reviews:queue", lambda u: roles_of(u).has(Role.REVIEWER), order=20)]

    def connect(self) -> None:
        from salaklang.calls.models import Proposal
        from salaklang.core import workflow
        from salaklang.reviews.services import standing_follow

        workflow.after_transition(Proposal, standing_follow)
