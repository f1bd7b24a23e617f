"""The one indexing hook: every service writes ``audit.services.record(obj=...)`` inside its transaction; each new
audit row names the object that changed. After the commit, one task re-indexes those objects (deduplicated per
thread), so the index follows every create, update, delete and workflow transition without a signal per model.
Bulk imports that write the trail with ``record_many`` (raw SQL) are caught by ``manage.py search_reindex``."""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from salaklang.audit.models import AuditEntry

_local = threading.local()
# Audit actions that change nothing searchable (reading personal data, exports, sign-ins, notifications).
IGNORED_ACTIONS = {"view_personal", "export", "login", "notify"}


def _pending() -> set[tuple[str, str]]:
    if not hasattr(_local, "items"):
        _local.items = set()
    return _local.items


def _flush() -> None:
    items = _pending()
    if not items:
        return
    batch = sorted(items)
    items.clear()
    from salaklang.search.tasks import index_changed

    index_changed.enqueue([list(i) for i in batch])


@receiver(post_save, sender=AuditEntry, dispatch_uid="search_index_after_audit")
def audit_written(sender, instance: AuditEntry, created: bool, **kwargs) -> None:
    if not created or instance.action in IGNORED_ACTIONS:
        return
    from salaklang.search.kinds import CHILD_TYPES, KIND_BY_MODEL

    if instance.object_type not in KIND_BY_MODEL and instance.object_type not in CHILD_TYPES:
        return
    _pending().add((instance.object_type, instance.object_id))
    transaction.on_commit(_flush)
