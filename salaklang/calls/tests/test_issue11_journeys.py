"""Issue 11: what a new user met on the call and proposal pages (each test failed on the old code)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from salaklang.calls import services
from salaklang.calls.models import Call, PlanLink, Proposal
from salaklang.organizations.models import Organization


def _draft(demo, call, org, **data):
    return services.proposal_create(actor=demo["pn.tourism"], call=call, organization=org,
                                    data={"title": "ระบบจองคิวออนไลน์", "category": "service", **data})


def _submit(demo, proposal):
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=proposal)
    return services.proposal_approve(actor=demo["pn.tourism.head"], proposal=proposal)


def _links(kind, code, title, province=None):
    return PlanLink.objects.create(kind=kind, code=code, title_th=title, province=province)


def test_editing_a_proposal_keeps_its_start_date(demo, client_as, make_call, tourism):
    p = _draft(demo, make_call(), tourism, started_on=dt.date(2026, 6, 1), in_use_since=dt.date(2026, 7, 15))
    c = client_as("pn.tourism")
    html = c.get(reverse("calls:proposal_edit", args=[p.pk])).content.decode()
    assert 'name="started_on" value="2026-06-01"' in html
    assert 'name="in_use_since" value="2026-07-15"' in html
    # the browser sends back what the form shows
    form = c.get(reverse("calls:proposal_edit", args=[p.pk])).context["form"]
    data = {name: ("" if value is None else value) for name, value in
            ((n, form[n].value()) for n in form.fields)}
    data = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items() if v is not None}
    data["started_on"] = re.search(r'name="started_on" value="([^"]*)"', html).group(1)
    data["in_use_since"] = re.search(r'name="in_use_since" value="([^"]*)"', html).group(1)
    response = c.post(reverse("calls:proposal_edit", args=[p.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    p.refresh_from_db()
    assert p.started_on == dt.date(2026, 6, 1) and p.in_use_since == dt.date(2026, 7, 15)


def test_every_date_input_renders_an_iso_value():
    """The class of the bug: any <input type=date> given a date shows it only in ISO form."""
    from django.utils import translation

    from salaklang.audit.forms import AuditFilterForm
    from salaklang.core.forms import DateInput

    with translation.override("th"):
        assert 'value="2026-06-01"' in DateInput().render("d", dt.date(2026, 6, 1))
        html = AuditFilterForm(initial={"date_from": dt.date(2026, 6, 1)}).as_div()
        assert 'value="2026-06-01"' in html


def test_the_proposal_page_shows_what_the_pdf_shows(demo, client_as, make_call, tourism):
    ns = _links(PlanLink.Kind.NATIONAL_STRATEGY, "NS-9", "ยุทธศาสตร์ทดสอบการสร้างความสามารถ")
    pp = _links(PlanLink.Kind.PROVINCIAL_PLAN, "PP-9", "ประเด็นพัฒนาการท่องเที่ยวทดสอบ",
                Organization.objects.get(code="PNA"))
    p = _draft(demo, make_call(), tourism, team="นางสาวสมใจ ใจดี — หัวหน้าทีม", contact_name="นายติดต่อ ได้เลย",
               contact_phone="076 111 222", contact_email="contact@example.go.th", started_on=dt.date(2026, 6, 1),
               national_strategy=ns, provincial_plan=pp, resources="เจ้าหน้าที่ 2 คน และแท็บเล็ต")
    html = client_as("pn.tourism").get(reverse("calls:proposal", args=[p.pk])).content.decode()
    for text in ("นางสาวสมใจ ใจดี — หัวหน้าทีม", "นายติดต่อ ได้เลย", "076 111 222", "contact@example.go.th",
                 "1 มิถุนายน พ.ศ. 2569", "ยุทธศาสตร์ทดสอบการสร้างความสามารถ", "ประเด็นพัฒนาการท่องเที่ยวทดสอบ",
                 "เจ้าหน้าที่ 2 คน และแท็บเล็ต"):
        assert text in html, text


def test_version_comparison_shows_labels_and_formatted_values(demo, client_as, make_call, tourism):
    ns = _links(PlanLink.Kind.NATIONAL_STRATEGY, "NS-8", "ยุทธศาสตร์ด้านความมั่นคงทดสอบ")
    p = _draft(demo, make_call(), tourism, objectives="เดิม", started_on=dt.date(2026, 6, 1))
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    services.proposal_send_back(actor=demo["pn.tourism.head"], proposal=p, comment="แก้")
    services.proposal_update(actor=demo["pn.tourism"], proposal=p, data={
        "objectives": "ใหม่", "started_on": dt.date(2026, 7, 1), "stage": "pilot", "national_strategy": ns})
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    c = client_as("pn.tourism")
    html = c.get(reverse("calls:proposal", args=[p.pk])).content.decode()
    table = html[html.index("เปลี่ยนแปลงจากฉบับที่"):]
    for raw in ("started_on", "objectives", "national_strategy_id", "2026-07-01", ">pilot<"):
        assert raw not in table, raw
    for shown in ("วันที่เริ่มดำเนินการ", "1 กรกฎาคม พ.ศ. 2569", "วัตถุประสงค์", "ยุทธศาสตร์ด้านความมั่นคงทดสอบ"):
        assert shown in table, shown
    c.cookies.load({"django_language": "en"})
    html = c.get(reverse("calls:proposal", args=[p.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Start date" in html and "1 July 2026" in html


@pytest.fixture
def forwarded(demo, make_call, tourism):
    make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc", title="การคัดเลือกนวัตกรรมของจังหวัด")
    original = _submit(demo, _draft(demo, make_call(), tourism))
    return services.proposal_forward(actor=demo["pn.strategy"], proposal=original)


def test_opdc_is_not_shown_a_link_to_the_original_it_may_not_open(demo, client_as, forwarded):
    c = client_as("opdc")
    html = c.get(reverse("calls:proposal", args=[forwarded.pk])).content.decode()
    original_url = reverse("calls:proposal", args=[forwarded.forwarded_from_id])
    assert forwarded.forwarded_from.title in html
    assert f'href="{original_url}"' not in html
    # the province's staff may open it, and see the link
    html = client_as("pn.strategy").get(reverse("calls:proposal", args=[forwarded.pk])).content.decode()
    assert f'href="{original_url}"' in html
    assert client_as("pn.strategy").get(original_url).status_code == 200


def test_forwarding_lets_the_province_choose_the_national_call(demo, client_as, make_call, tourism):
    opdc = Organization.objects.get(code="OPDC")
    early = make_call(issuer=opdc, actor="opdc", title="รางวัลเลิศรัฐ")
    later = make_call(issuer=opdc, actor="opdc", title="การคัดเลือกนวัตกรรม HPP",
                      deadline=timezone.now() + dt.timedelta(days=30))
    p = _submit(demo, _draft(demo, make_call(), tourism))
    with pytest.raises(ValidationError):
        services.proposal_forward(actor=demo["pn.strategy"], proposal=p)
    assert not Proposal.objects.filter(forwarded_from=p).exists()
    c = client_as("pn.strategy")
    html = c.get(reverse("calls:proposal", args=[p.pk])).content.decode()
    assert "รางวัลเลิศรัฐ" in html and "การคัดเลือกนวัตกรรม HPP" in html and 'name="national_call"' in html
    response = c.post(reverse("calls:proposal_forward", args=[p.pk]))
    assert response.status_code == 302 and not Proposal.objects.filter(forwarded_from=p).exists()
    c.post(reverse("calls:proposal_forward", args=[p.pk]), {"national_call": later.pk})
    assert Proposal.objects.get(forwarded_from=p).call == later
    assert early.proposals.count() == 0


def test_the_call_form_follows_the_circular(demo, client_as):
    c = client_as("pn.strategy")
    response = c.get(reverse("calls:create"))
    form = response.context["form"]
    names = list(form.fields)
    assert names[0] == "issuer"
    assert names.index("subject") < names.index("addressee") < names.index("body") < names.index("category_choices")
    assert names.index("category_choices") < names.index("quota_per_respondent") < names.index("opens_at")
    assert names.index("opens_at") < names.index("deadline")
    html = response.content.decode()
    assert "code | Thai" not in html and 'type="checkbox" name="category_choices"' in html
    targets = {o.code for o in form.fields["targets"].queryset}
    assert "PNA" not in targets and "PNA-TOUR" in targets


def _call_post(pna, **extra):
    now = timezone.localtime()
    data = {"issuer": pna.pk, "title": "ขอเชิญเสนอนวัตกรรม", "fiscal_year": 2570, "subject": "การพัฒนานวัตกรรม",
            "addressee": "หัวหน้าส่วนราชการ", "body": "ย่อหน้า", "closing": "ขอแสดงความนับถือ",
            "signatory_name": "นายวรพจน์", "signatory_position": "ผู้ว่าราชการจังหวัดพังงา",
            "quota_per_respondent": 1, "late_policy": "accept", "thai_digits": "on",
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "deadline": (now + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "category_choices": ["service", "policy"]}
    data.update(extra)
    return data


def test_categories_are_chosen_and_added_without_codes(demo, client_as):
    pna = Organization.objects.get(code="PNA")
    c = client_as("pn.strategy")
    response = c.post(reverse("calls:create"), _call_post(pna, extra_categories="นวัตกรรมดิจิทัล | Digital Innovation"))
    assert response.status_code == 302, response.content.decode()[:3000]
    call = Call.objects.get()
    assert [x["th"] for x in call.categories] == ["นวัตกรรมเชิงนโยบาย", "นวัตกรรมการให้บริการ", "นวัตกรรมดิจิทัล"]
    assert call.categories[2]["en"] == "Digital Innovation" and call.categories[2]["code"]
    assert "PNA" not in set(call.targets.values_list("organization__code", flat=True))


@pytest.mark.parametrize(("language", "sentence"), [
    ("th", "ต้องให้แต่ละหน่วยงานเสนอได้อย่างน้อยหนึ่งข้อเสนอ"),
    ("en", "Each organization must be allowed at least one proposal."),
])
def test_a_zero_quota_is_refused_in_a_sentence(demo, client_as, language, sentence):
    pna = Organization.objects.get(code="PNA")
    c = client_as("pn.strategy")
    c.cookies.load({"django_language": language})
    response = c.post(reverse("calls:create"), _call_post(pna, quota_per_respondent=0),
                      HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 400 and sentence in html
    assert "Constraint" not in html and "call_quota_positive" not in html
    assert not Call.objects.exists()


def test_selects_offer_a_translated_empty_choice(demo, client_as, make_call, tourism):
    html = client_as("pn.tourism").get(reverse("calls:proposal_create", args=[make_call().pk, tourism.pk])).content.decode()
    assert "Select an option" not in html
    assert "- เลือก -" in html
