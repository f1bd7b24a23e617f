"""Factories for the world a test needs: organizations and the people who hold roles in them.

Build only what the test is about (``make_org``/``make_user`` from ``salaklang.core.testing`` for one more
organization or person); ``make_world`` is the usual province. Nothing here reads the demo data."""

from __future__ import annotations

from salaklang.core.testing import make_org, make_province, make_user
from salaklang.organizations.models import Committee, CommitteeMember, Organization, Role


def nation() -> Organization:
    return Organization.objects.filter(kind=Organization.Kind.NATION).first() or make_org(
        Organization.Kind.NATION, code="NAT", name_th="สำนักงานส่วนกลาง")


def make_world(code: str = "PRV", *, name_th: str = "จังหวัดทดสอบ") -> dict:
    """A province with its strategy staff, a governor, a complaint officer, a portal editor and a reviewer; two
    agencies with a coordinator and a head each; a national administrator and a citizen. Usernames start with
    the code in lower case (``prv.strategy``, ``prv.a.head``...), so two worlds live side by side."""
    p = code.lower()
    province = make_province(nation(), code=code, name_th=name_th)
    agency = make_org(Organization.Kind.AGENCY, parent=province, code=f"{code}-A", name_th=f"สำนักงานเอ {name_th}")
    other_agency = make_org(Organization.Kind.AGENCY, parent=province, code=f"{code}-B",
                            name_th=f"สำนักงานบี {name_th}")
    national = (make_user("national", roles=[(nation(), Role.NATIONAL_ADMIN)]) if not _exists("national")
                else _user("national"))
    return {
        "nation": nation(), "province": province, "agency": agency, "other_agency": other_agency,
        "strategy": make_user(f"{p}.strategy", roles=[(province, Role.PROVINCIAL_ADMIN)]),
        "governor": make_user(f"{p}.governor", roles=[(province, Role.EXECUTIVE)]),
        "officer": make_user(f"{p}.officer", roles=[(province, Role.COMPLAINT_OFFICER)]),
        "editor": make_user(f"{p}.editor", roles=[(province, Role.PORTAL_EDITOR)]),
        "reviewer": make_user(f"{p}.reviewer", roles=[(province, Role.REVIEWER)]),
        "coordinator": make_user(f"{p}.a.coord", roles=[(agency, Role.AGENCY_COORDINATOR)]),
        "head": make_user(f"{p}.a.head", roles=[(agency, Role.AGENCY_HEAD)]),
        "other_coordinator": make_user(f"{p}.b.coord", roles=[(other_agency, Role.AGENCY_COORDINATOR)]),
        "other_head": make_user(f"{p}.b.head", roles=[(other_agency, Role.AGENCY_HEAD)]),
        "national": national,
        "citizen": make_user(f"{p}.citizen", kind="citizen"),
    }


def make_committee(organization: Organization, *, seats: list[tuple[str, object]] = (), **fields) -> Committee:
    """A committee of ``organization``; each seat is ``(position, person_or_organization)``."""
    committee = Committee.objects.create(organization=organization, name_th=fields.pop("name_th", "คณะกรรมการทดสอบ"),
                                         **fields)
    for order, (position, who) in enumerate(seats):
        key = "represented_organization" if isinstance(who, Organization) else "person"
        CommitteeMember.objects.create(committee=committee, position=position, sort_order=order, **{key: who})
    return committee


def _exists(username: str) -> bool:
    from salaklang.accounts.models import User

    return User.objects.filter(username=username).exists()


def _user(username: str):
    from salaklang.accounts.models import User

    return User.objects.get(username=username)
