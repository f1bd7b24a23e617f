from salaklang.calls import services


def test_calls_api_scoped_and_actions_use_the_services(demo, client_as, make_call, tourism):
    call = make_call()
    assert client_as("pn.tourism").get("/api/v1/calls/").json()["count"] == 1
    assert client_as("cr.strategy").get(f"/api/v1/calls/{call.pk}/").status_code == 404
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "ระบบจองคิว", "category": "service"})
    c = client_as("pn.tourism")
    assert c.post(f"/api/v1/proposals/{p.pk}/send-for-approval/").json()["status"] == "awaiting_approval"
    assert c.post(f"/api/v1/proposals/{p.pk}/approve/").status_code == 403  # a coordinator is not the head
    head = client_as("pn.tourism.head")
    assert head.post(f"/api/v1/proposals/{p.pk}/approve/", {"comment": "เห็นชอบ"}).json()["status"] == "submitted"
    again = head.post(f"/api/v1/proposals/{p.pk}/approve/")
    assert again.status_code == 400
    assert client_as("pn.health").get(f"/api/v1/proposals/{p.pk}/").status_code == 404
