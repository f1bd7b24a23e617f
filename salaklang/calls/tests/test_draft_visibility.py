"""Issue 10, point 4: a draft is seen only by its agency until it is submitted — whatever its version — and the
list, the detail page, the documents and the API agree for every demo role."""

import pytest
from django.urls import reverse

from salaklang.calls import services
from salaklang.calls.models import Proposal
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db
SECRET = "HEAD-INTERNAL-SENDBACK-9931"


@pytest.fixture
def proposals(demo, make_call):
    call = make_call()
    tour, health = Organization.objects.get(code="PNA-TOUR"), Organization.objects.get(code="PNA-HEALTH")

    def new(org, user, title):
        return services.proposal_create(actor=demo[user], call=call, organization=org,
                                        data={"title": title, "category": "service", "background": "รอคิวนาน"})

    draft_v2 = new(tour, "pn.tourism", "ร่างที่ถูกส่งกลับสองครั้ง")
    for _round in range(2):
        services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=draft_v2)
        services.proposal_send_back(actor=demo["pn.tourism.head"], proposal=draft_v2, comment=SECRET)
    draft_v2.refresh_from_db()
    assert draft_v2.status == Proposal.Status.DRAFT and draft_v2.version == 2
    waiting = new(health, "pn.health", "รออนุมัติ")
    services.proposal_send_for_approval(actor=demo["pn.health"], proposal=waiting)
    return {"draft_v2": draft_v2, "waiting": waiting}


def _api_list(client) -> set[int]:
    r = client.get("/api/v1/proposals/")
    return {row["id"] for row in r.json()["results"]} if r.status_code == 200 else set()


def test_draft_sent_back_twice_stays_with_its_agency(client_as, proposals):
    draft = proposals["draft_v2"]
    for username in ("pn.strategy", "pn.governor"):
        c = client_as(username)
        assert c.get(reverse("calls:proposal", kwargs={"pk": draft.pk})).status_code == 404
        assert c.get(reverse("calls:proposal_document", kwargs={"pk": draft.pk, "fmt": "pdf"})).status_code == 404
        api = c.get(f"/api/v1/proposals/{draft.pk}/")
        assert api.status_code == 404 and SECRET not in api.content.decode()
    own = client_as("pn.tourism")
    assert own.get(reverse("calls:proposal", kwargs={"pk": draft.pk})).status_code == 200


def test_list_and_detail_agree_for_every_demo_role(client, demo, proposals):
    ids = list(Proposal.objects.values_list("pk", flat=True))
    checked = 0
    for username, user in demo.items():
        client.force_login(user, backend="salaklang.accounts.backends.UsernameOrEmailBackend")
        listed = _api_list(client)
        for pk in ids:
            api = client.get(f"/api/v1/proposals/{pk}/").status_code == 200
            page = client.get(reverse("calls:proposal", kwargs={"pk": pk})).status_code == 200
            assert (pk in listed) == api == page, (username, pk, pk in listed, api, page)
            checked += 1
        client.logout()
    assert checked >= 2 * len(demo)


def test_the_issuers_board_and_list_link_only_what_the_issuer_may_open(client_as, proposals):
    """The board names a target's state, but links (and the issuer's list shows) only proposals sent to the issuer:
    a proposal awaiting its head's approval would be a link to a 404."""
    waiting, draft = proposals["waiting"], proposals["draft_v2"]
    c = client_as("pn.strategy")
    board = c.get(reverse("calls:detail", kwargs={"pk": waiting.call_id})).content.decode()
    for p in (waiting, draft):
        assert reverse("calls:proposal", kwargs={"pk": p.pk}) not in board
    listing = c.get(reverse("calls:proposals", kwargs={"pk": waiting.call_id})).content.decode()
    assert waiting.title not in listing and draft.title not in listing
    # once approved (submitted to the issuer) it is linked and listed
    from salaklang.accounts.models import User

    services.proposal_send_for_approval(actor=User.objects.get(username="pn.tourism"), proposal=draft)
    services.proposal_approve(actor=User.objects.get(username="pn.tourism.head"), proposal=draft)
    board = c.get(reverse("calls:detail", kwargs={"pk": draft.call_id})).content.decode()
    assert reverse("calls:proposal", kwargs={"pk": draft.pk}) in board
    assert draft.title in c.get(reverse("calls:proposals", kwargs={"pk": draft.call_id})).content.decode()
