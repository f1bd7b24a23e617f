from __future__ import annotations

from django.db import transaction

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot

PROFILE_FIELDS = ["title", "first_name", "last_name", "first_name_en", "last_name_en", "position_title", "phone", "email"]


@transaction.atomic
def citizen_register(*, username: str, email: str, password: str, first_name: str, last_name: str = "",
                     phone: str = "") -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, phone=phone,
                kind=User.Kind.CITIZEN)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    record(actor=user, action=AuditEntry.Action.CREATE, obj=user, verb="citizen_registered",
           changes={"username": [None, username]})
    return user


@transaction.atomic
def profile_update(*, user: User, actor: User, data: dict) -> User:
    before = snapshot(user, PROFILE_FIELDS)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    user.save(update_fields=[f for f in PROFILE_FIELDS if f in data])
    changes = diff(before, snapshot(user, PROFILE_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=user, verb="profile_updated", changes=changes)
    return user
