from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "salaklang.reviews"
    label = "reviews"
    verbose_name = _("Review and selection")

    def ready(self) -> None:
        from salaklang.core.nav import NavItem, register
        from salaklang.organizations.access import roles_of
        from salaklang.organizations.models import Role

        register(NavItem("reviews", _("Review queue"), "reviews:queue",
                         lambda u: roles_of(u).has(Role.REVIEWER), order=20))
        from django.db.models.signals import post_save

        from salaklang.calls.models import Proposal
        from salaklang.reviews.signals import index_submitted_proposal

        post_save.connect(index_submitted_proposal, sender=Proposal, dispatch_uid="reviews_index_proposal")
