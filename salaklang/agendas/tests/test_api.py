from salaklang.agendas.services import meetings as meetings_services
from salaklang.core.testing import count_queries


def test_agendas_api_is_scoped_to_the_user(demo, client_as, make_agenda):
    a = make_agenda()
    proposal = make_agenda(title="ของที่ดิน", org="CRI-LAND", actor="cr.land.head")
    staff = client_as("cr.strategy").get("/api/v1/agendas/").json()
    assert staff["count"] == 2
    assert client_as("cr.tourism.head").get("/api/v1/agendas/").json()["count"] == 1  # not the private proposal
    assert client_as("cr.tourism.head").get(f"/api/v1/agendas/{proposal.pk}/").status_code == 404
    assert client_as("pn.strategy").get("/api/v1/agendas/").json()["count"] == 0
    assert client_as("pn.strategy").get(f"/api/v1/agendas/{a.pk}/").status_code == 404
    body = client_as("cr.vicegov").get(f"/api/v1/agendas/{a.pk}/").json()
    assert body["status"] == "candidate" and body["fiscal_year"] == 2570 and body["province_code"] == "CRI"
    assert client_as("cr.strategy").get("/api/v1/agendas/?status=selected").json()["count"] == 0


def test_meetings_api_shows_attendance_with_delegates(demo, client_as, make_meeting):
    m = make_meeting()
    seat = m.attendees.get(organization__code="CRI-TOUR")
    meetings_services.attendance_record(actor=demo["cr.tourism.analyst"], attendee=seat, attendance="represented",
                               delegate=demo["cr.tourism.analyst"])
    c = client_as("cr.tourism.analyst")
    assert c.get("/api/v1/meetings/").json()["count"] == 1
    detail = c.get(f"/api/v1/meetings/{m.pk}/").json()
    row = next(r for r in detail["attendees"] if r["id"] == seat.pk)
    assert row["attendance"] == "represented" and row["delegate"] == demo["cr.tourism.analyst"].pk
    assert client_as("pn.strategy").get(f"/api/v1/meetings/{m.pk}/").status_code == 404
    assert client_as("citizen").get("/api/v1/meetings/").json().get("count", 0) == 0


def test_meetings_api_list_query_count_constant(demo, client_as, make_meeting):
    make_meeting()
    c = client_as("cr.strategy")
    c.get("/api/v1/meetings/")
    with count_queries() as small:
        c.get("/api/v1/meetings/")
    for i in range(5):
        make_meeting(title=f"ครั้งที่ {i}")
    with count_queries() as big:
        c.get("/api/v1/meetings/")
    assert len(big.captured_queries) == len(small.captured_queries)
