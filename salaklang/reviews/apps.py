from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "salaklang.reviews"
    label = "reviews"
    verbose_name = _("Review and selection")

    def ready(self) -> None:
        from salaklang.audit import verbs
        from salaklang.reviews import workflows

        workflows.register()
        from salaklang.calls.models import Proposal
        from salaklang.core import workflow
        from salaklang.reviews.services import standing_follow

        workflow.after_transition(Proposal, standing_follow)
        verbs.register({
            "rubric_created": _("set up the rubric"), "rubric_saved": _("changed the rubric"),
            "reviewers_assigned": _("assigned reviewers"), "conflict_declared": _("declared a conflict of interest"),
            "scores_submitted": _("submitted scores"), "scores_reopened": _("reopened scores"),
            "decision_recorded": _("recorded the decision"), "review_started": _("started the review"),
        })
        from salaklang.core.nav import NavItem, register
        from salaklang.organizations.access import roles_of
        from salaklang.organizations.models import Role

        register(NavItem("reviews", _("Review queue"), "reviews:queue",
                         lambda u: roles_of(u).has(Role.REVIEWER), order=20))
