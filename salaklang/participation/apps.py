from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salaklang.core.appconfig import SalaklangAppConfig


class ParticipationConfig(SalaklangAppConfig):
    name = "salaklang.participation"
    verbose_name = _("Public participation")
    audit_verbs = {
        "published": pgettext_lazy("audit verb", "published"), "withdrawn": _("withdrew"), "response published": _("published the response"),
        "commented": _("commented"), "supported": _("gave support"), "support withdrawn": _("withdrew support"),
        "hidden": _("hid a comment"), "restored": _("restored a comment"),
        "comments exported": _("exported the comments"),
    }

    def nav_items(self) -> list:
        from salaklang.core.nav import NavItem

        return [NavItem("participation", _("Public consultations"), "participation:list", lambda u: True, order=60)]
