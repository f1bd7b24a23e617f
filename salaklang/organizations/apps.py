from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "salaklang.organizations"
    label = "organizations"
    verbose_name = _("Organizations and people")

    def ready(self) -> None:
        from salaklang.core.nav import NavItem, register
        from salaklang.organizations.access import can_manage_people, roles_of

        register(NavItem("dashboard", _("Dashboard"), "core:dashboard",
                         lambda u: u.is_authenticated and not u.is_citizen, order=0))
        register(NavItem("organizations", _("Organizations"), "organizations:tree",
                         lambda u: roles_of(u).is_government_staff, order=80))
        register(NavItem("people", _("People"), "organizations:people", can_manage_people, order=81))
        register(NavItem("committees", _("Committees"), "organizations:committees",
                         lambda u: roles_of(u).is_government_staff, order=82))
        register(NavItem("delegations", _("Delegations"), "organizations:delegations",
                         lambda u: roles_of(u).is_government_staff, order=83))
