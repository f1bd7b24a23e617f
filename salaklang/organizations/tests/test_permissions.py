"""Permission matrix: every demo role plus an outsider against every organizations view."""

import pytest
from django.urls import reverse

from salaklang.core.testing import make_user
from salaklang.organizations.models import Committee, Delegation, Organization

ROLES = ["admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.reviewer", "cr.strategy",
         "citizen", "outsider"]
OK = {200}
NO = {403, 404}


def urls(objs):
    pn_tour, cr_tour, pn = objs["PNA-TOUR"], objs["CRI-TOUR"], objs["PNA"]
    pn_person, cr_person = objs["pn.tourism"], objs["cr.tourism.analyst"]
    pn_com, cr_com = objs["pn_committee"], objs["cr_committee"]
    return {
        "tree": reverse("organizations:tree"),
        "pn_agency": reverse("organizations:detail", args=[pn_tour.pk]),
        "cr_agency": reverse("organizations:detail", args=[cr_tour.pk]),
        "pn_agency_edit": reverse("organizations:edit", args=[pn_tour.pk]),
        "cr_agency_edit": reverse("organizations:edit", args=[cr_tour.pk]),
        "pn_province_edit": reverse("organizations:edit", args=[pn.pk]),
        "org_create": reverse("organizations:create"),
        "people": reverse("organizations:people"),
        "pn_person": reverse("organizations:person", args=[pn_person.pk]),
        "cr_person": reverse("organizations:person", args=[cr_person.pk]),
        "person_create": reverse("organizations:person_create"),
        "committees": reverse("organizations:committees"),
        "pn_committee": reverse("organizations:committee", args=[pn_com.pk]),
        "cr_committee": reverse("organizations:committee", args=[cr_com.pk]),
        "pn_committee_edit": reverse("organizations:committee_edit", args=[pn_com.pk]),
        "delegations": reverse("organizations:delegations"),
        "delegation_create": reverse("organizations:delegation_create"),
    }


A = "allowed"
D = "denied"
# view -> the roles allowed (everyone else is denied)
MATRIX = {
    "tree": {"admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.reviewer", "cr.strategy"},
    "pn_agency": {"admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.reviewer"},
    "cr_agency": {"admin", "opdc", "cr.strategy"},
    "pn_agency_edit": {"admin", "opdc", "pn.strategy"},
    "cr_agency_edit": {"admin", "opdc", "cr.strategy"},
    "pn_province_edit": {"admin", "opdc"},
    "org_create": {"admin", "opdc", "pn.strategy", "cr.strategy"},
    "people": {"admin", "opdc", "pn.strategy", "cr.strategy"},
    "pn_person": {"admin", "opdc", "pn.strategy"},
    "cr_person": {"admin", "opdc", "cr.strategy"},
    "person_create": {"admin", "opdc", "pn.strategy", "cr.strategy"},
    "committees": {"admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.reviewer",
                   "cr.strategy"},
    "pn_committee": {"admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.reviewer"},
    "cr_committee": {"admin", "opdc", "cr.strategy"},
    "pn_committee_edit": {"admin", "opdc", "pn.strategy"},
    "delegations": {"admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.reviewer",
                    "cr.strategy"},
    "delegation_create": {"admin", "opdc", "pn.strategy", "pn.governor", "pn.tourism", "pn.tourism.head", "pn.reviewer",
                          "cr.strategy"},
}


@pytest.fixture
def objs(demo):
    make_user("outsider")
    out = {o.code: o for o in Organization.objects.filter(code__in=["PNA-TOUR", "CRI-TOUR", "PNA"])}
    out.update(demo)
    out["pn_committee"] = Committee.objects.get(organization__code="PNA")
    out["cr_committee"] = Committee.objects.get(organization__code="CRI")
    return out


@pytest.mark.parametrize("view", sorted(MATRIX))
def test_permission_matrix(objs, client, view):
    from salaklang.accounts.models import User

    url = urls(objs)[view]
    results = {}
    for username in ROLES:
        client.force_login(User.objects.get(username=username),
                           backend="salaklang.accounts.backends.UsernameOrEmailBackend")
        results[username] = client.get(url).status_code
        client.logout()
    expected = {u: (A if u in MATRIX[view] else D) for u in ROLES}
    got = {u: (A if code in OK else D if code in NO else code) for u, code in results.items()}
    assert got == expected, results


def test_other_province_is_404_not_403(objs, client_as):
    c = client_as("cr.strategy")
    assert c.get(reverse("organizations:detail", args=[objs["PNA-TOUR"].pk])).status_code == 404
    assert c.get(reverse("organizations:edit", args=[objs["PNA-TOUR"].pk])).status_code == 404
    assert c.get(reverse("organizations:person", args=[objs["pn.tourism"].pk])).status_code == 404


def test_post_to_another_province_changes_nothing(objs, client_as):
    org = objs["PNA-TOUR"]
    response = client_as("cr.strategy").post(reverse("organizations:edit", args=[org.pk]),
                                              {"code": org.code, "kind": "agency", "name_th": "ถูกแก้"})
    assert response.status_code == 404
    org.refresh_from_db()
    assert org.name_th != "ถูกแก้"


def test_delegation_revoke_of_other_province_is_404(objs, client_as):
    d = Delegation.objects.get(delegator__username="cr.tourism.head")
    assert client_as("pn.strategy").post(reverse("organizations:delegation_revoke", args=[d.pk])).status_code == 404
    d.refresh_from_db()
    assert d.revoked_at is None
