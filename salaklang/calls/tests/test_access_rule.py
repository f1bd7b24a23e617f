"""calls.access.proposal_visible (the rule on a loaded proposal, used by access_proposal) agrees with
visible_proposals (the rule as a query, used by the lists and the API) for every demo person, both kinds of
issuer and every status."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from salaklang.calls import access, services
from salaklang.calls.models import Proposal
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_rule_on_a_loaded_proposal_is_the_rule_of_the_query(demo, make_call):
    nation = Organization.objects.filter(kind=Organization.Kind.NATION).first()
    answering = {"PNA-TOUR": "pn.tourism", "PNA-HEALTH": "pn.health"}
    calls = [(make_call(), answering), (make_call(issuer=nation, actor="opdc"), {"PNA": "pn.strategy"})]
    made = []
    for call, who in calls:
        for code, person in who.items():
            made.append(services.proposal_create(actor=demo[person], call=call,
                                                 organization=Organization.objects.get(code=code),
                                                 data={"title": "ลดเวลารอคิว", "category": "service",
                                                       "background": "รอคิวนาน"}))
    people = [*demo.values(), AnonymousUser()]
    seen = 0
    for status in Proposal.Status.values:
        Proposal.objects.filter(pk__in=[p.pk for p in made]).update(status=status)
        for person in people:
            for p in made:
                fresh = Proposal.objects.select_related("call__issuer").get(pk=p.pk)
                expected = access.visible_proposals(person).filter(pk=p.pk).exists()
                assert access.proposal_visible(person, fresh) == expected, (status, str(person), p.pk)
                seen += expected
                if expected:
                    assert access.access_proposal(person, p.pk).pk == p.pk
                else:
                    with pytest.raises(Http404):
                        access.access_proposal(person, p.pk)
        for person in people:  # the rule within one loaded call (the issuer's list of proposals) gives the same rows
            for call, _who in calls:
                loaded = type(call).objects.select_related("issuer").get(pk=call.pk)
                assert (set(access.visible_proposals_of_call(person, loaded).values_list("pk", flat=True))
                        == set(access.visible_proposals(person).filter(call=call).values_list("pk", flat=True))), (
                    status, str(person), call.pk)
    assert 0 < seen < len(Proposal.Status.values) * len(people) * len(made)  # both answers occur
