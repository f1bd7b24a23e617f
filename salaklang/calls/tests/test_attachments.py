"""Attachments of calls and proposals go through services that check, store and audit (issue 12, point 4);
the similarity index is refreshed by the services that submit proposals, not by a signal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import object_type_of
from salaklang.calls import services
from salaklang.calls.models import CallAttachment, Proposal, ProposalAttachment
from salaklang.calls.tests.factories import make_call, make_proposal
from salaklang.organizations.tests.factories import make_world
from salaklang.reviews.models import ProposalTerm

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def pdf(name="doc.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def entries(obj, verb):
    return AuditEntry.objects.filter(object_type=object_type_of(obj), object_id=str(obj.pk), verb=verb)


@pytest.fixture
def world():
    return make_world()


def test_call_attachment_is_stored_and_audited(world):
    call = make_call(world)
    att = services.call_attachment_add(actor=world["strategy"], call=call, title="แบบฟอร์ม", upload=pdf())
    assert (att.call_id, att.content_type, att.uploaded_by) == (call.pk, "application/pdf", world["strategy"])
    entry = entries(call, "call_attachment_added").get()
    assert entry.actor == world["strategy"] and entry.changes == {"attachment": [None, "แบบฟอร์ม"]}


def test_only_the_issuers_staff_attach_to_a_call(world):
    call = make_call(world)
    for who in ("coordinator", "head", "governor", "citizen"):
        with pytest.raises(PermissionDenied):
            services.call_attachment_add(actor=world[who], call=call, title="x", upload=pdf())
    assert not CallAttachment.objects.exists() and not entries(call, "call_attachment_added").exists()


def test_a_refused_file_leaves_no_row_no_entry_and_no_file(world, settings):
    call = make_call(world)
    script = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\nrm -rf /", "image/jpeg")
    with pytest.raises(ValidationError):
        services.call_attachment_add(actor=world["strategy"], call=call, title="สคริปต์", upload=script)
    with pytest.raises(ValidationError):
        services.call_attachment_add(actor=world["strategy"], call=call, title="  ", upload=pdf())
    assert not CallAttachment.objects.exists() and not entries(call, "call_attachment_added").exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_proposal_attachment_while_editable_by_its_drafters(world):
    call = make_call(world)
    proposal = make_proposal(world, call)
    att = services.proposal_attachment_add(actor=world["coordinator"], proposal=proposal, title="ผังงาน",
                                           upload=pdf("flow.pdf"))
    assert att.proposal_id == proposal.pk
    entry = entries(proposal, "proposal_attachment_added").get()
    assert entry.organization_id == world["agency"].pk and entry.changes == {"attachment": [None, "ผังงาน"]}
    with pytest.raises(PermissionDenied):  # another agency's coordinator
        services.proposal_attachment_add(actor=world["other_coordinator"], proposal=proposal, title="x", upload=pdf())
    services.proposal_send_for_approval(actor=world["coordinator"], proposal=proposal)
    with pytest.raises(ValidationError):  # awaiting approval: no longer editable
        services.proposal_attachment_add(actor=world["coordinator"], proposal=proposal, title="x", upload=pdf())
    assert ProposalAttachment.objects.count() == 1 and entries(proposal, "proposal_attachment_added").count() == 1


def test_the_pages_add_attachments_through_the_services(world, client):
    call = make_call(world)
    proposal = make_proposal(world, call)
    client.force_login(world["strategy"])
    client.post(reverse("calls:attachment_add", args=[call.pk]), {"title": "ประกาศ", "file": pdf()})
    assert entries(call, "call_attachment_added").count() == 1
    client.force_login(world["coordinator"])
    response = client.post(reverse("calls:proposal_attachment_add", args=[proposal.pk]),
                           {"title": "สคริปต์", "file": SimpleUploadedFile("a.pdf", b"#!/bin/sh", "application/pdf")},
                           follow=True)
    assert response.status_code == 200 and not proposal.attachments.exists()
    client.post(reverse("calls:proposal_attachment_add", args=[proposal.pk]), {"title": "ผังงาน", "file": pdf()})
    assert entries(proposal, "proposal_attachment_added").count() == 1
    client.force_login(world["other_coordinator"])
    assert client.post(reverse("calls:proposal_attachment_add", args=[proposal.pk]),
                       {"title": "x", "file": pdf()}).status_code == 404  # not even visible to another agency


def test_submitting_indexes_the_proposal_after_the_commit(world, django_capture_on_commit_callbacks):
    call = make_call(world)
    proposal = make_proposal(world, call, title="ระบบจองคิวเข้าอุทยานออนไลน์")
    services.proposal_send_for_approval(actor=world["coordinator"], proposal=proposal)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.proposal_approve(actor=world["head"], proposal=proposal)
    assert not ProposalTerm.objects.filter(proposal=proposal).exists()  # not before the commit
    for callback in callbacks:
        callback()
    assert {"จอง", "คิว", "อุทยาน"} <= set(ProposalTerm.objects.filter(proposal=proposal).values_list("term", flat=True))


def test_saving_a_submitted_proposal_outside_the_services_does_not_index(world, django_capture_on_commit_callbacks):
    call = make_call(world)
    proposal = make_proposal(world, call)
    with django_capture_on_commit_callbacks(execute=True):
        Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.SUBMITTED)
        proposal.refresh_from_db()
        proposal.save()
    assert not ProposalTerm.objects.filter(proposal=proposal).exists()
