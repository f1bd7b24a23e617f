"""Issue 16: the plans list shows one page whatever the number of plans, with a constant number of queries."""

import pytest

from salaklang.core.tests.test_list_bounds import _bounded
from salaklang.plans.tests.factories import make_plan, make_world


@pytest.fixture
def world(db):
    return make_world()


def test_plan_list(client, world):
    make_plan(world)
    client.force_login(world["strategy"], backend="salaklang.accounts.backends.UsernameOrEmailBackend")
    _bounded(client, "/plans/", lambda: [make_plan(world, activate=False) for _ in range(31)])
