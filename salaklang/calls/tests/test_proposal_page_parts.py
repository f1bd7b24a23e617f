"""Issue 16: the proposal page keeps the parts that are the same for every viewer (its fields, its attachments) in the
fragments cache under a key of what they show. A second view reads them instead of querying and rendering again,
and every change to what they show is on the page at once."""

import re

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from salaklang.calls import services
from salaklang.calls.models import PlanLink
from salaklang.calls.tests.test_attachments import PDF


@pytest.fixture(autouse=True)
def _empty_fragments():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def _draft(demo, call, org, **data):
    return services.proposal_create(actor=demo["pn.tourism"], call=call, organization=org,
                                    data={"title": "ระบบจองคิวออนไลน์", "category": "service", **data})


def _page(client, proposal) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as q:
        response = client.get(reverse("calls:proposal", args=[proposal.pk]))
    assert response.status_code == 200
    html = re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", response.content.decode())
    return html, [x["sql"] for x in q.captured_queries]


def test_a_second_view_reads_the_parts_and_shows_the_same_page(demo, client_as, make_call, tourism):
    p = _draft(demo, make_call(), tourism, objectives="ลดเวลารอคิว")
    c = client_as("pn.tourism")
    first, first_sql = _page(c, p)
    second, second_sql = _page(c, p)
    assert second == first
    assert any("calls_proposalattachment" in s for s in first_sql)
    assert not any("calls_proposalattachment" in s for s in second_sql)
    assert len(second_sql) == len(first_sql) - 1
    # a proposal of one version has nothing to compare: its versions are not read
    assert not any("calls_proposalversion" in s for s in first_sql)


def test_every_change_to_what_the_parts_show_is_on_the_page(demo, client_as, make_call, tourism, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ns = PlanLink.objects.create(kind=PlanLink.Kind.NATIONAL_STRATEGY, code="NS-7", title_th="ยุทธศาสตร์เดิม")
    p = _draft(demo, make_call(), tourism, objectives="ลดเวลารอคิว", national_strategy=ns)
    c = client_as("pn.tourism")
    html, _sql = _page(c, p)
    assert "ลดเวลารอคิว" in html and "ยุทธศาสตร์เดิม" in html and "ผังงาน" not in html

    services.proposal_update(actor=demo["pn.tourism"], proposal=p, data={"objectives": "ลดเวลารอคิวลงครึ่งหนึ่ง"})
    html, _sql = _page(c, p)
    assert "ลดเวลารอคิวลงครึ่งหนึ่ง" in html

    services.proposal_attachment_add(actor=demo["pn.tourism"], proposal=p, title="ผังงาน",
                                     upload=SimpleUploadedFile("flow.pdf", PDF, "application/pdf"))
    html, _sql = _page(c, p)
    assert "ผังงาน" in html

    ns.title_th = "ยุทธศาสตร์ใหม่"
    ns.save()
    html, _sql = _page(c, p)
    assert "ยุทธศาสตร์ใหม่" in html and "ยุทธศาสตร์เดิม" not in html

    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    html, _sql = _page(c, p)
    assert re.search(r'data-testid="proposal-version">\s*1\s*<', html)

    c.cookies.load({"django_language": "en"})
    html, _sql = _page(c, p)
    assert "Objectives" in html and "วัตถุประสงค์" not in html


def test_the_parts_hold_nothing_of_the_person(demo, client_as, make_call, tourism):
    """The drafter and the head see the same fields; the buttons and forms that differ stay outside the parts."""
    p = _draft(demo, make_call(), tourism)
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    approve = reverse("calls:proposal_transition", args=[p.pk, "approve"])
    head, _sql = _page(client_as("pn.tourism.head"), p)
    drafter, _sql = _page(client_as("pn.tourism"), p)
    assert approve in head and approve not in drafter
    fields = re.compile(r'<dl class="details">.*?</dl>', re.S)
    assert fields.search(head).group() == fields.search(drafter).group()
