from django.utils.translation import gettext_lazy as _

from salaklang.core.appconfig import SalaklangAppConfig


class OrganizationsConfig(SalaklangAppConfig):
    name = "salaklang.organizations"
    verbose_name = _("Organizations and people")
    imports = ("roles",)  # the receivers that raise roles_version

    def nav_items(self) -> list:
        from salaklang.core.nav import NavItem
        from salaklang.organizations.access import can_manage_people, roles_of

        def staff(user) -> bool:
            return roles_of(user).is_government_staff

        return [
            NavItem("dashboard", _("Dashboard"), "core:dashboard", lambda u: u.is_authenticated and not u.is_citizen,
                    order=0),
            NavItem("organizations", _("Organizations"), "organizations:tree", staff, order=80),
            NavItem("people", _("People"), "organizations:people", can_manage_people, order=81),
            NavItem("committees", _("Committees"), "organizations:committees", staff, order=82),
            NavItem("delegations", _("Delegations"), "organizations:delegations", staff, order=83),
        ]
