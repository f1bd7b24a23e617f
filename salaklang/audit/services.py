"""Writing the audit trail. Every service that changes a domain object calls ``record``."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models

from salaklang.audit.models import AuditEntry
from salaklang.core.middleware import current_ip


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)[:200]}
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or ""
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` (attribute names; FKs as ``<name>_id``) ready for JSON."""
    return {f: _jsonable(getattr(obj, f)) for f in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{'field': [before, after]} for the fields whose value changed."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def assign_and_save(obj: models.Model, data: dict[str, Any], allowed: Iterable[str],
                    fields: Iterable[str]) -> dict[str, list[Any]]:
    """A field-by-field edit: set the keys of ``data`` that are ``allowed`` on ``obj``, validate and save it, and
    return what changed among ``fields`` (``diff`` of two ``snapshot``s) for the audit row."""
    fields = list(fields)
    allowed = set(allowed)
    before = snapshot(obj, fields)
    for key, value in data.items():
        if key in allowed:
            setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    return diff(before, snapshot(obj, fields))


def object_type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    verb: str = "",
    changes: dict | None = None,
    on_behalf_of=None,
    organization=None,
    message: str = "",
    sealed: bool = False,
) -> AuditEntry:
    """Append one entry. Call it inside the service's transaction so that the entry and the
    change land together or not at all.

    ``sealed=True`` (a citizen's complaint, an anonymous filing, a personal-data request): the entry keeps no
    readable actor or address; both go to a ``SealedIdentity`` row that only people allowed to see the
    complainant's personal data may read (``audit.access.unseal``)."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    if organization is None:
        organization = _organization_of(obj)
    ip = current_ip()
    entry = AuditEntry.objects.create(
        actor=None if sealed else actor_obj,
        on_behalf_of=None if sealed else (on_behalf_of if on_behalf_of is not None and on_behalf_of != actor_obj
                                          else None),
        action=action,
        verb=verb[:80],
        object_type=object_type_of(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        organization=organization,
        province_id=_province_id(organization),
        changes=_jsonable(changes or {}),
        message=message,
        ip_address=None if sealed else ip,
    )
    if sealed:
        from salaklang.audit.models import SealedIdentity

        SealedIdentity.objects.create(entry=entry, actor=actor_obj, ip_address=ip)
        entry.is_sealed = True
    return entry


def record_many(*, actor, action: str, verb: str, items: list[tuple[models.Model, dict]]) -> int:
    """Append one entry per (object, changes) — for imports of thousands of rows. Same fields as ``record``
    (never sealed: staff actions), written with one ``executemany`` (the ORM's bulk insert spends seconds
    building SQL for 20,000 rows)."""
    from django.db import connection
    from django.utils import timezone

    if not items:
        return 0
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    ip = current_ip()
    meta = AuditEntry._meta
    names = ["at", "actor", "on_behalf_of", "action", "verb", "object_type", "object_id", "object_repr",
             "organization", "province", "changes", "message", "ip_address"]
    fields = [meta.get_field(n) for n in names]
    now = timezone.now()
    rows = []
    for obj, changes in items:
        organization = _organization_of(obj)
        values = [now, actor_obj.pk if actor_obj else None, None, action, verb[:80], object_type_of(obj),
                  str(obj.pk), str(obj)[:300], organization.pk if organization else None,
                  _province_id(organization), _jsonable(changes or {}), "", ip]
        rows.append([f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)])
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) "  # noqa: S608
                           f"VALUES ({placeholders})", rows)
    return len(rows)


def _province_id(organization) -> int | None:
    from salaklang.organizations.roles import province_id_of

    return province_id_of(organization)


def _organization_of(obj: models.Model):
    from salaklang.organizations.models import Organization

    if isinstance(obj, Organization):
        return obj if obj.pk else None
    for attr in ("organization", "owner_organization", "issuer"):
        org = getattr(obj, attr, None)
        if isinstance(org, Organization):
            return org
    return None


def timeline(obj: models.Model):
    """The events of one object, oldest first, with actor and principal loaded (one query)."""
    return (
        AuditEntry.objects.filter(object_type=object_type_of(obj), object_id=str(obj.pk))
        .select_related("actor", "on_behalf_of")
        .order_by("at", "id")
    )
