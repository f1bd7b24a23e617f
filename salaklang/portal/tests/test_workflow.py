"""salaklang.core.workflow, exercised through the portal's Post workflow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salaklang.audit.models import AuditEntry
from salaklang.core import workflow
from salaklang.portal.models import Post

pytestmark = pytest.mark.django_db


def test_table_is_read_from_the_registration(make_post):
    post = make_post(publish=False)
    assert workflow.can_transition_to(post, "published")
    assert workflow.can_transition_to(post, "scheduled")
    assert not workflow.can_transition_to(post, "unpublished")
    assert post.can_transition_to("published")


def test_available_transitions_depend_on_the_person(make_post, portal):
    post = make_post(publish=False)
    assert workflow.available_transitions(post, portal["users"]["pn.editor"]) == ["scheduled", "published"]
    assert workflow.available_transitions(post, portal["users"]["pn.health"]) == []  # another agency's editor


def test_transition_locks_checks_saves_and_audits(make_post, portal):
    post = make_post(publish=False, title="เรื่องหนึ่ง")
    editor = portal["users"]["pn.editor"]
    before = AuditEntry.objects.count()
    from django.utils import timezone

    post.publish_at = timezone.now()
    saved = workflow.transition(post, "published", actor=editor, verb="published", fields=["publish_at"])
    assert saved.status == post.status == "published"
    assert Post.objects.get(pk=post.pk).status == "published"
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.action == "transition" and entry.changes["status"] == ["draft", "published"]
    assert entry.actor == editor


def test_transition_refuses_what_the_table_does_not_allow(make_post, portal):
    post = make_post(publish=False)
    with pytest.raises(ValidationError):
        workflow.transition(post, "unpublished", actor=portal["users"]["pn.editor"], verb="unpublished")
    assert Post.objects.get(pk=post.pk).status == "draft"


def test_transition_checks_the_locked_row_not_the_stale_object(make_post, portal):
    post = make_post(publish=True)
    stale = Post.objects.get(pk=post.pk)
    Post.objects.filter(pk=post.pk).update(status="unpublished")
    with pytest.raises(ValidationError):  # the stale object says "published", the row says "unpublished"
        workflow.transition(stale, "unpublished", actor=portal["users"]["pn.editor"], verb="unpublished")


def test_transition_checks_permission(make_post, portal):
    post = make_post(publish=False)
    with pytest.raises(PermissionDenied):
        workflow.transition(post, "published", actor=portal["users"]["pn.health"], verb="published")


def test_register_refuses_unknown_statuses():
    with pytest.raises(ValueError):
        workflow.register(Post, transitions={"draft": {"flying"}})
