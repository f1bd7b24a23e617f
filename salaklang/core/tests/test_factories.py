"""The factories build a world without the demo data (issue 12, point 8): each states what it made."""

import pytest

from salaklang.accounts.models import User
from salaklang.agendas.tests.factories import make_agenda, make_meeting, make_round
from salaklang.calls.tests.factories import make_call, make_proposal
from salaklang.complaints.tests.factories import make_complaint, make_routes
from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Organization, Role
from salaklang.organizations.tests.factories import make_world
from salaklang.participation.tests.factories import make_consultation
from salaklang.portal.tests.factories import make_post
from salaklang.reviews.tests.factories import assign_reviewers, make_reviewed_call

pytestmark = pytest.mark.django_db


def test_a_world_is_one_province_with_its_people_and_nothing_of_the_demo():
    world = make_world()
    assert not User.objects.filter(username__startswith="pn.").exists()
    assert world["agency"].province_id == world["province"].pk == world["other_agency"].province_id
    assert roles_of(world["strategy"]).has(Role.PROVINCIAL_ADMIN, world["province"].pk)
    assert roles_of(world["head"]).has(Role.AGENCY_HEAD, world["agency"].pk)
    assert not roles_of(world["coordinator"]).has(Role.AGENCY_HEAD, world["agency"].pk)
    other = make_world("OTH", name_th="จังหวัดอื่น")  # two worlds side by side share the national office
    assert other["province"].pk != world["province"].pk and other["national"] == world["national"]
    assert Organization.objects.filter(kind=Organization.Kind.NATION).count() == 1


def test_calls_and_reviews():
    world = make_world()
    call = make_call(world)
    draft = make_proposal(world, call)
    assert (call.status, draft.status, draft.organization) == ("published", "draft", world["agency"])
    reviewed, proposals = make_reviewed_call(world)
    assert reviewed.status == "closed" and [p.status for p in proposals] == ["submitted", "submitted"]
    assert assign_reviewers(world, reviewed) == {"assigned": 2, "excluded": 0}


def test_agendas_and_meetings():
    world = make_world()
    agenda = make_agenda(world)
    assert (agenda.province, agenda.proposed_by, agenda.status) == (world["province"], world["agency"], "candidate")
    assert make_agenda(world, actor=world["head"]).status == "proposed"
    rnd = make_round(world)
    assert rnd.invitations.filter(organization=world["agency"]).exists()
    meeting = make_meeting(world)
    assert meeting.status == "invited" and meeting.attendees.filter(person=world["governor"]).exists()


def test_complaints_participation_and_portal():
    world = make_world()
    make_routes(world)
    complaint = make_complaint(world)
    assert (complaint.status, complaint.agency) == ("assigned", world["agency"])
    assert make_complaint(world, category="roads").status == "received"  # no route: waits for the centre
    assert make_consultation(world).is_open  # published, between its opening and closing
    post = make_post(world)
    assert post.status == "published" and post.site.province == world["province"]
