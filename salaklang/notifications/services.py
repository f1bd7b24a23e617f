"""Sending notifications: in-app rows now, e-mail through the task queue after the commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from salaklang.notifications.models import Notification


def notify(
    *,
    recipients: Iterable,
    title: str,
    body: str = "",
    url: str = "",
    kind: str = "",
    actor=None,
    email: bool = True,
) -> list[Notification]:
    """Notify each distinct, active recipient in-app and (``email=True``) by e-mail."""
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                title=str(title)[:300],
                body=str(body),
                url=url,
                kind=kind,
            )
        )
    created = Notification.objects.bulk_create(rows)
    if email and created:
        ids = [n.pk for n in created if n.pk]
        if ids:
            from salaklang.notifications.tasks import email_notifications

            transaction.on_commit(lambda: email_notifications.enqueue(ids))
    return created


def notification_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())
