"""Issue 11 (F5): the new-call form as pn.strategy meets it: the only issuer is chosen, its head signs by default,
and a refused form starts with a summary of the errors linking to the fields."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_only_issuer_is_preselected_and_its_head_signs(client_as, demo):
    form = client_as("pn.strategy").get(reverse("calls:create")).context["form"]
    issuers = list(form.fields["issuer"].queryset)
    assert len(issuers) == 1
    assert form["issuer"].value() == issuers[0].pk
    html = str(form["issuer"])
    assert f'value="{issuers[0].pk}" selected' in html
    governor = demo["pn.governor"]
    assert form["signatory_name"].value() == governor.full_name == "นายวรพจน์ อันดามันกุล"
    assert form["signatory_position"].value() == "ผู้ว่าราชการจังหวัดพังงา"


def test_refused_form_has_an_error_summary_linking_to_the_fields(client_as, demo):
    r = client_as("pn.strategy").post(reverse("calls:create"), {"title": ""})
    assert r.status_code == 400
    html = r.content.decode()
    summary = html.split('data-testid="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_title"' in summary and 'href="#id_subject"' in summary
    assert html.index('data-testid="error-summary"') < html.index('<form method="post"')
