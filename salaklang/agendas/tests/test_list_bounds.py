"""Issue 16: the agendas, opinion rounds and meetings lists show one page whatever the number of rows, with a constant
number of queries."""

from django.urls import reverse

from salaklang.core.tests.test_list_bounds import _bounded


def test_agenda_list(client_as, make_agenda):
    make_agenda()
    _bounded(client_as("cr.strategy"), reverse("agendas:list"),
             lambda: [make_agenda(title=f"ประเด็นที่ {i}") for i in range(31)])


def test_round_list(client_as, make_round):
    make_round(fiscal_year=2500)
    _bounded(client_as("cr.strategy"), reverse("agendas:rounds"),
             lambda: [make_round(fiscal_year=2501 + i) for i in range(31)])


def test_meeting_list(client_as, make_meeting):
    make_meeting(invite=False, number="0/2570")
    _bounded(client_as("cr.strategy"), reverse("agendas:meetings"),
             lambda: [make_meeting(invite=False, number=f"{i + 1}/2570") for i in range(31)])
