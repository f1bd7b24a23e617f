"""Issue 11: the published response linked to an agenda page that visitors (sign-in page) and citizens (404)
cannot open, and staff had to paste that link by hand."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from salaklang.agendas.services import agendas as agendas_services
from salaklang.organizations.models import Organization
from salaklang.participation import services
from salaklang.participation.models import Consultation
from salaklang.participation.tests.conftest import make_consultation


@pytest.fixture
def agenda(demo):
    pna = Organization.objects.get(code="PNA")
    return agendas_services.agenda_create(actor=demo["pn.strategy"], province=pna,
                                 proposed_by=Organization.objects.get(code="PNA-TOUR"),
                                 data={"title": "การท่องเที่ยวชุมชนในป่าชายเลน", "fiscal_year": 2570})


def test_staff_choose_the_agenda_and_its_title_is_filled_in(demo, client_as, agenda):
    c = client_as("pn.strategy")
    form = c.get(reverse("participation:create")).content.decode()
    assert 'name="agenda"' in form and "การท่องเที่ยวชุมชนในป่าชายเลน" in form
    now = timezone.localtime()
    response = c.post(reverse("participation:create"), {
        "province": Organization.objects.get(code="PNA").pk, "subject": "agenda", "title": "รับฟังความคิดเห็น",
        "summary": "สรุป", "background": "ความเป็นมา", "agenda": agenda.pk, "link_title": "", "link_url": "",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"), "closes_at": (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "questions": "ท่านเห็นด้วยหรือไม่"})
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation = Consultation.objects.get(title="รับฟังความคิดเห็น")
    assert consultation.agenda == agenda and consultation.link_title == agenda.title


def test_an_agenda_of_another_province_is_refused(demo, agenda):
    from django.core.exceptions import ValidationError

    cri = Organization.objects.get(code="CRI")
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.consultation_create(actor=demo["admin"], province=cri, title="x", summary="x", background="x",
                                     opens_at=now, closes_at=now + dt.timedelta(days=3), agenda=agenda)


@pytest.mark.parametrize("link_url", ["", "/agendas/"])
def test_the_response_links_only_where_the_reader_may_go(demo, client, client_as, agenda, link_url):
    c = make_consultation(days_open=(-10, -1), agenda=agenda if not link_url else None,
                          link_title="ประเด็นป่าชายเลน", link_url=link_url)
    services.consultation_respond(consultation=c, actor=demo["pn.strategy"], what_we_heard="ได้ยิน",
                                  what_we_did="ทำแล้ว")
    url = reverse("participation:detail", args=[c.pk])
    agenda_url = reverse("agendas:detail", args=[agenda.pk])
    for reader in (None, "citizen"):
        browser = client_as(reader) if reader else client
        html = browser.get(url).content.decode()
        assert 'data-testid="response-agenda"' in html
        assert f'href="{agenda_url}"' not in html and 'href="/agendas/"' not in html
        browser.logout()
    if not link_url:
        html = client_as("pn.strategy").get(url).content.decode()
        assert f'href="{agenda_url}"' in html
        assert client_as("pn.strategy").get(agenda_url).status_code == 200


def test_the_agenda_page_links_to_its_public_consultation(demo, client_as, agenda):
    c = make_consultation(agenda=agenda, link_title=agenda.title)
    html = client_as("pn.strategy").get(reverse("agendas:detail", args=[agenda.pk])).content.decode()
    assert f'href="{c.get_absolute_url()}"' in html
