"""Issue 11 in a real browser (Thai and English, axe): an agency head following a forwarded opinion link,
the opinion legend, and a citizen reading a consultation's response about an agenda."""


import pytest
from playwright.sync_api import expect

from salaklang.agendas.services import agendas as agendas_services
from salaklang.agendas.services import opinions as opinions_services

pytestmark = pytest.mark.browser


def test_forwarded_opinion_link_and_legend(page, live_server, demo, login, axe, make_agenda, make_round, orgs):
    agenda = make_agenda()
    rnd = make_round(organizations=[orgs["CRI-NRE"]])
    opinions_services.opinion_record(actor=demo["cr.nre.head"], agenda=agenda, organization=orgs["CRI-NRE"],
                            position="conditional", reasoning="ต้องมีงบประมาณ")
    base = live_server.url
    # the NRE head forwarded the link to the head of the Land Office, whose agency was not asked
    login(page, "cr.land.head")
    page.goto(f"{base}/agendas/opinions/{rnd.pk}/answer/{orgs['CRI-NRE'].pk}/")
    expect(page.get_by_role("alert")).to_contain_text("ส่วนราชการของท่านไม่ได้รับการขอความเห็น")
    axe(page)
    page.get_by_role("link", name="กลับ").click()
    expect(page).to_have_url(f"{base}/dashboard/")
    page.goto(f"{base}/agendas/opinions/{rnd.pk}/answer/{orgs['CRI-NRE'].pk}/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("alert")).to_contain_text("Your agency was not asked for its opinion")
    axe(page)

    # the matrix: the legend uses the words of the cells
    page.context.clear_cookies()
    login(page, "cr.strategy")
    page.goto(f"{base}/agendas/opinions/{rnd.pk}/")
    cell = page.get_by_test_id("matrix").locator(".position-label").first
    label = cell.inner_text()
    expect(page.get_by_test_id("matrix-legend")).to_contain_text(f"± {label}")
    axe(page)


def test_a_citizen_reads_the_response_without_a_dead_link(page, live_server, demo, login, axe):
    from django.urls import reverse

    from salaklang.organizations.models import Organization
    from salaklang.participation import services as participation
    from salaklang.participation.tests.conftest import make_consultation

    pna = Organization.objects.get(code="PNA")
    agenda = agendas_services.agenda_create(actor=demo["pn.strategy"], province=pna,
                                    proposed_by=Organization.objects.get(code="PNA-TOUR"),
                                    data={"title": "การท่องเที่ยวชุมชนในป่าชายเลน", "fiscal_year": 2570})
    c = make_consultation(days_open=(-10, -1), agenda=agenda, link_title=agenda.title)
    participation.consultation_respond(consultation=c, actor=demo["pn.strategy"], what_we_heard="ได้ยิน",
                                       what_we_did="ทำแล้ว")
    url = f"{live_server.url}{reverse('participation:detail', args=[c.pk])}"
    page.goto(url)  # an anonymous visitor
    expect(page.get_by_test_id("response-agenda")).to_contain_text("การท่องเที่ยวชุมชนในป่าชายเลน")
    expect(page.locator("#response a")).to_have_count(0)
    axe(page)
    login(page, "citizen")
    page.goto(url)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_test_id("response-agenda")).to_contain_text("This response concerns")
    axe(page)
    # the strategy staff follow the link to the agenda
    page.context.clear_cookies()
    login(page, "pn.strategy")
    page.goto(url)
    page.get_by_test_id("response-agenda-link").click()
    expect(page.get_by_role("heading", name="การท่องเที่ยวชุมชนในป่าชายเลน")).to_be_visible()
