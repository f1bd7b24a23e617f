"""List pages: the number of queries does not grow with the number of rows."""

from django.urls import reverse

from salaklang.core.testing import count_queries, make_org, make_user
from salaklang.organizations.models import Organization, Role


def queries_for(client, url):
    with count_queries() as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_rows(n):
    pn = Organization.objects.get(code="PNA")
    for _ in range(n):
        org = make_org(parent=pn)
        make_user(roles=[(org, Role.AGENCY_COORDINATOR), (org, Role.REVIEWER)])


def test_people_list_queries_constant(demo, client_as):
    client = client_as("pn.strategy")
    url = reverse("organizations:people")
    before = queries_for(client, url)
    add_rows(15)
    assert queries_for(client, url) == before


def test_tree_queries_constant(demo, client_as):
    client = client_as("pn.strategy")
    url = reverse("organizations:tree")
    before = queries_for(client, url)
    add_rows(15)
    assert queries_for(client, url) == before


def test_national_tree_queries_constant(demo, client_as):
    client = client_as("opdc")
    url = reverse("organizations:tree")
    before = queries_for(client, url)
    nation = Organization.objects.get(code="OPDC")
    for i in range(5):
        p = make_org(kind="province", parent=nation, code=f"PX{i}")
        make_org(parent=p)
    assert queries_for(client, url) == before


def test_committee_and_delegation_lists_constant(demo, client_as):
    client = client_as("pn.strategy")
    for name in ("organizations:committees", "organizations:delegations"):
        url = reverse(name)
        before = queries_for(client, url)
        from salaklang.organizations.models import Committee

        for i in range(5):
            Committee.objects.create(organization=Organization.objects.get(code="PNA"), name_th=f"คณะ {i} {name}")
        assert queries_for(client, url) == before
