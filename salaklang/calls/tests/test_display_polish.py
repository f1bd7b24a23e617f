"""Issue 11 (F4, F6): pages show numbers, money, times and organization names as a person reads them, in Thai and
in English: one money format (as the PDF), no Thai abbreviations on English pages, no version before submission."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from salaklang.calls import services
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def render(text: str, lang: str, **context) -> str:
    with translation.override(lang):
        return Template(text).render(Context(context))


@pytest.mark.parametrize(("lang", "expected"), [("th", "150,000.00 บาท"), ("en", "150,000.00 baht")])
def test_money_is_grouped_with_two_decimals_and_the_unit(lang, expected):
    assert render("{{ v|money }}", lang, v=Decimal("150000.00")) == expected
    assert render("{{ v|money }}", lang, v=None) == ""
    assert render('{{ v|money:"" }}', lang, v=1234.5) == "1,234.50"


def test_numbers_decimals_and_percentages():
    assert render("{{ v|decimal }}", "th", v=0) == "0.00"
    assert render("{{ v|decimal }}", "th", v=Decimal("2")) == "2.00"
    assert render("{{ v|decimal }}", "th", v=Decimal("79.505")) == "79.51"
    assert render("{{ v|number }} → {{ w|number }}", "th", v="8500", w=11200) == "8,500 → 11,200"
    assert render("{{ v|number }}", "th", v="ลดลงครึ่งหนึ่ง") == "ลดลงครึ่งหนึ่ง"
    assert render("{{ v|percent }}", "en", v=0.037) == "3.7%"


@pytest.mark.parametrize(("lang", "span", "moment"), [("th", "09.30–12.00 น.", "10.00 น."), ("en", "9:30–12:00", "10:00")])
def test_clock_times_follow_the_language(lang, span, moment):
    assert render("{{ a|btimerange:b }}", lang, a=dt.time(9, 30), b=dt.time(12, 0)) == span
    assert render("{{ a|btime }}", lang, a=dt.time(10, 0)) == moment


def test_short_label_is_english_on_english_pages(demo):
    pna = Organization.objects.get(code="PNA")
    assert pna.short_name and pna.name_en
    with translation.override("th"):
        assert pna.short_label == pna.short_name
    with translation.override("en"):
        assert pna.short_label == pna.name_en


def _page(client_as, user: str, url: str, lang: str) -> str:
    c = client_as(user)
    c.cookies.load({"django_language": lang})
    return c.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_call_list_names_the_issuer_in_the_readers_language(client_as, make_call, pna):
    make_call()
    en = _page(client_as, "pn.strategy", reverse("calls:list"), "en")
    assert pna.name_en in en and f"<td>{pna.short_name}</td>" not in en
    th = _page(client_as, "pn.strategy", reverse("calls:list"), "th")
    assert f"<td>{pna.short_name}</td>" in th


@pytest.mark.parametrize("lang", ["th", "en"])
def test_proposal_page_shows_money_as_the_pdf_and_no_version_before_submission(client_as, demo, make_call, tourism,
                                                                               lang):
    call = make_call()
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "ระบบจองคิว", "category": "service", "budget": Decimal("150000.00"),
                                       "results": [{"indicator": "รายได้", "baseline": "8500", "result": "11200",
                                                    "unit": "บาท/เดือน"}]})
    html = _page(client_as, "pn.tourism", reverse("calls:proposal", args=[p.pk]), lang)
    assert ("150,000.00 บาท" if lang == "th" else "150,000.00 baht") in html
    assert "150000.00" not in html
    assert "8,500 → 11,200" in html
    version = html.split('data-testid="proposal-version">', 1)[1].split("</dd>", 1)[0]
    assert "0" not in version and version.strip()


def test_criterion_is_named_in_the_readers_language():
    from salaklang.reviews.models import Criterion

    c = Criterion(name_th="ความคิดสร้างสรรค์", name_en="Creativity")
    with translation.override("en"):
        assert render("{{ c.name }}", "en", c=c) == "Creativity"
    assert render("{{ c.name }}", "th", c=c) == "ความคิดสร้างสรรค์"
    assert render("{{ c.name }}", "en", c=Criterion(name_th="ความยั่งยืน")) == "ความยั่งยืน"
