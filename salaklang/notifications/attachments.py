"""Files an e-mail notification carries, by kind: ``register("meeting.invitation", provider)``.

A provider takes the ``Notification`` and returns ``[(filename, content, mimetype), ...]`` (empty when the
object is gone). Providers are registered in each app's ``AppConfig.ready()``; the e-mail task asks here."""

from __future__ import annotations

from collections.abc import Callable

Attachment = tuple[str, str | bytes, str]
_PROVIDERS: dict[str, Callable[..., list[Attachment]]] = {}


def register(kind: str, provider: Callable[..., list[Attachment]]) -> None:
    _PROVIDERS[kind] = provider


def attachments_for(notification) -> list[Attachment]:
    provider = _PROVIDERS.get(notification.kind)
    return provider(notification) if provider else []
