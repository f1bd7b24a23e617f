"""Issue 16: the complaints lists show one page whatever the number of rows, with a constant number of queries."""

from django.urls import reverse

from salaklang.complaints.services import privacy
from salaklang.core.testing import make_user
from salaklang.core.tests.test_list_bounds import _bounded


def test_agency_inbox(client_as, submit):
    submit()
    _bounded(client_as("pn.tourism"), reverse("complaints:inbox"), lambda: [submit() for _ in range(27)])


def test_centre_inbox(client_as, submit):
    submit()
    _bounded(client_as("pn.damrongdhama"), reverse("complaints:inbox") + "?status=all",
             lambda: [submit(category="roads") for _ in range(27)])


def test_my_complaints(client_as, submit):
    citizen = make_user("citizen.bounds", kind="citizen")
    submit(user=citizen)
    _bounded(client_as("citizen.bounds"), reverse("complaints:mine"), lambda: [submit(user=citizen) for _ in range(27)])


def test_data_requests(client_as, submit):
    privacy.data_request_create(complaint=submit(), kind="access", email="citizen@example.test")

    def grow():
        for _ in range(27):
            privacy.data_request_create(complaint=submit(), kind="access", email="citizen@example.test")
    _bounded(client_as("pn.damrongdhama"), reverse("complaints:data_requests"), grow)
