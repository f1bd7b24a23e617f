from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salaklang.core import thai


class SalaklangUserManager(UserManager):
    def get_by_login(self, login: str) -> User:
        """A user by username, or by e-mail (case-insensitive) when the login contains '@'."""
        login = (login or "").strip()
        if "@" in login:
            return self.get(email__iexact=login)
        return self.get(username=login)


class User(AbstractUser):
    """A person who signs in: government staff (the default) or a citizen (public side only).

    ``first_name``/``last_name`` hold the Thai name; the English name is optional.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", _("Government staff")
        CITIZEN = "citizen", _("Citizen")

    kind = models.CharField(_("account kind"), max_length=10, choices=Kind.choices, default=Kind.STAFF)
    title = models.CharField(pgettext_lazy("person", "title"), max_length=40, blank=True,
                             help_text=_("e.g. นาย, นาง, นางสาว, ดร."))
    first_name_en = models.CharField(_("first name (English)"), max_length=150, blank=True)
    last_name_en = models.CharField(_("last name (English)"), max_length=150, blank=True)
    position_title = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    objects = SalaklangUserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="accounts_user_email_unique_ci"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "first_name", "last_name", "id"], name="accounts_user_list_order"),
            models.Index(fields=["kind", "last_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        return thai.person_name(self.title, self.first_name, self.last_name)

    @property
    def full_name_en(self) -> str:
        if self.first_name_en or self.last_name_en:
            return thai.person_name_en(self.title, self.first_name_en, self.last_name_en)
        return self.full_name

    def get_full_name(self) -> str:
        return self.full_name

    @property
    def is_citizen(self) -> bool:
        return self.kind == self.Kind.CITIZEN

    @cached_property
    def roles(self):
        """This person's role grants, loaded once per request (see organizations.access)."""
        from salaklang.organizations.access import RoleSet

        return RoleSet.for_user(self)
