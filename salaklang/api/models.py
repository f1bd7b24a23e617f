from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A key for a machine client, acting as ``user``. Only a SHA-256 of the key is stored."""

    name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    prefix = models.CharField(max_length=12, db_index=True)
    hashed_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def _hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user, name: str) -> tuple[ApiKey, str]:
        raw = "slk_" + secrets.token_urlsafe(32)
        key = cls.objects.create(user=user, name=name, prefix=raw[:12], hashed_key=cls._hash(raw))
        return key, raw

    @classmethod
    def lookup(cls, raw: str) -> ApiKey | None:
        key = cls.objects.filter(hashed_key=cls._hash(raw), revoked_at__isnull=True).select_related("user").first()
        if key is None or not key.user.is_active:
            return None
        return key

    def touch(self) -> None:
        type(self).objects.filter(pk=self.pk).update(last_used_at=timezone.now())
