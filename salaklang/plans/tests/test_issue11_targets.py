"""Issue 11: targets per period are shown as periods people read, not as stored keys."""

import re

import pytest
from django.urls import reverse

from salaklang.plans.periods import Period
from salaklang.plans.tests.factories import make_plan, make_world

pytestmark = pytest.mark.django_db


def test_period_names():
    from django.utils import translation

    with translation.override("th"):
        assert Period.parse("2570Q1").name == "ไตรมาส 1/2570"
    with translation.override("en"):
        assert Period.parse("2570Q1").name == "Q1 FY2027"


@pytest.mark.parametrize(("language", "word"), [("th", "ไตรมาส "), ("en", "Q")])
def test_the_plan_page_names_the_periods_of_the_targets(client, language, word):
    from django.utils import translation

    world = make_world()
    plan = make_plan(world)
    client.force_login(world["strategy"], backend="salaklang.accounts.backends.UsernameOrEmailBackend")
    client.cookies.load({"django_language": language})
    html = client.get(reverse("plans:detail", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    targets = re.findall(r'data-testid="target">([^<]*)<', html)
    assert len(targets) == len(plan.periods)
    assert not any(re.search(r"\d{4}[QM]\d", t) for t in targets), targets  # not "2570Q1: 10"
    with translation.override(language):
        names = [p.name for p in plan.periods]
    assert [t.split(":")[0] for t in targets] == names and names[0].startswith(word)
