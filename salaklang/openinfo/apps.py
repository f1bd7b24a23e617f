from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


class OpeninfoConfig(SalaklangAppConfig):
    name = "salaklang.openinfo"
    verbose_name = _("Open information centre and ITA")
    default_auto_field = "django.db.models.BigAutoField"
    audit_verbs = {
        "ita_year_created_from_default": _("created the year's ITA item list from the default list"),
        "ita_year_copied": _("copied last year's ITA item list"),
        "ita_items_imported": _("imported the ITA item list"),
        "ita_evidence_added": _("added evidence for an ITA item"),
        "ita_evidence_published": _("published evidence for an ITA item"),
        "ita_evidence_unpublished": _("withdrew evidence for an ITA item"),
        "ita_evidence_frozen": _("froze a PDF copy of a generated ITA page"),
        "ita_item_assigned": _("set the owner and due date of an ITA item"),
    }
    imports = ("jobs",)  # the reminder job

    def nav_items(self) -> list:
        from salaklang.core.nav import NavItem
        from salaklang.openinfo import access

        return [NavItem("ita", _("ITA disclosures"), "openinfo:manage", access.can_see_board, order=37)]
