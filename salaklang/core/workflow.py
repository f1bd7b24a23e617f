"""Workflows as data: one table of allowed status changes per model, one function that performs a change.

An app declares its workflow once, next to the model (usually in ``AppConfig.ready()`` or at the bottom of
``models.py``)::

    from salaklang.core import workflow

    workflow.register(
        Post,
        transitions={
            "draft": {"scheduled", "published"},
            "published": {"unpublished"},
            ...
        },
        allowed=lambda post, user, to: access.can_write_post(user, post),  # who may make a change (optional)
    )

and its services call ``transition()``, which does the whole write path of a status change::

    post.published_at = now
    workflow.transition(post, "published", actor=actor, verb="published", fields=["published_at"])

``transition`` runs in ``transaction.atomic``, locks the row (``select_for_update``), checks the *locked*
row's current status against the table (``ValidationError`` if the change is not allowed — the message is
the call's ``refused``, else the one given at registration, else "This action is not possible now (status: …)"), checks ``allowed`` (``PermissionDenied``), runs the
caller's ``check(locked)`` for rules that need the current row (e.g. "a title is required to publish"),
copies the status and the named ``fields`` onto the locked row, saves with ``update_fields`` and appends
an audit row (``audit.services.record``, action "transition", ``changes={"status": [old, new], ...}``,
with ``on_behalf_of`` under delegation). It returns the locked, saved row; the caller's object is
updated too, so a view can keep using it.

``can_transition_to(obj, to)`` reads the table; ``ensure(obj, to)`` raises the same ``ValidationError`` as
``transition`` (a service calls it first when the status must be checked before its other rules);
``available_transitions(obj, user)`` lists the statuses a person could move the object to now (for the buttons
of a page; templates use ``{% load workflow %}{% available_transitions obj as actions %}`` and
``{% if "published" in actions %}``). Nothing here knows about any app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass
class Workflow:
    model: type[models.Model]
    transitions: dict[str, frozenset[str]]
    field: str = "status"
    allowed: Callable[[Any, Any, str], bool] | None = None
    refused: str | Callable[[Any], str] | None = None

    def targets(self, current: str) -> frozenset[str]:
        return self.transitions.get(str(current), frozenset())


# (model, status field) → workflow: a model may have more than one (a meeting's status and its minutes' status).
_WORKFLOWS: dict[tuple[type[models.Model], str], Workflow] = {}


def register(
    model: type[models.Model],
    *,
    transitions: dict[Any, Iterable[Any]],
    field: str = "status",
    allowed: Callable[[Any, Any, str], bool] | None = None,
    refused: str | Callable[[Any], str] | None = None,
) -> Workflow:
    """Declare the allowed status changes of ``model`` (``{from: {to, ...}}``; TextChoices members or strings).

    ``allowed(obj, user, to)`` says whether ``user`` may make the change (absent: anyone the service lets in).
    ``refused`` is the message when the table refuses a change (a string, or ``refused(obj)``; absent: the
    generic one naming the current status).
    Registering again replaces the table (tests, reloads)."""
    statuses = {str(value) for value, _label in model._meta.get_field(field).choices or ()}
    table: dict[str, frozenset[str]] = {}
    for source, targets in transitions.items():
        names = frozenset(str(t) for t in targets)
        unknown = ({str(source)} | names) - statuses if statuses else set()
        if unknown:
            raise ValueError(f"{model.__name__}.{field}: unknown statuses {sorted(unknown)}")
        table[str(source)] = names
    wf = Workflow(model=model, transitions=table, field=field, allowed=allowed, refused=refused)
    _WORKFLOWS[(model, field)] = wf
    return wf


# (model, status field) → what other apps do, in the same transaction, after every change of that status (the reviews
# app keeps a proposal's stored standing in step with its status). Kept apart from the tables, so that registering a
# table again (tests) does not drop another app's follow-up.
_AFTER: dict[tuple[type[models.Model], str], list[Callable[[Any, str, str], None]]] = {}


def after_transition(model: type[models.Model], callback: Callable[[Any, str, str], None], *,
                     field: str = "status") -> None:
    """Run ``callback(obj, old, new)`` inside the transaction of every ``transition``/``transition_many`` of
    ``model``'s ``field``, after the row is saved and audited. An explicit, registered follow-up (declared in the
    app's ``ready()``), not a signal on every save."""
    callbacks = _AFTER.setdefault((model, field), [])
    if callback not in callbacks:
        callbacks.append(callback)


def _follow_up(obj: models.Model, field: str, old: str, new: str) -> None:
    for klass in type(obj).__mro__:
        for callback in _AFTER.get((klass, field), ()):
            callback(obj, old, new)


def registered() -> list[Workflow]:
    """Every registered workflow (for tests and documentation)."""
    return list(_WORKFLOWS.values())


def workflow_of(obj_or_model, field: str = "status") -> Workflow:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if (klass, field) in _WORKFLOWS:
            return _WORKFLOWS[(klass, field)]
    raise LookupError(f"No workflow registered for {model.__name__}.{field}")


def can_transition_to(obj: models.Model, to: str, *, field: str = "status") -> bool:
    """Whether the table allows ``obj``'s current status → ``to`` (no permission check)."""
    wf = workflow_of(obj, field)
    return str(to) in wf.targets(getattr(obj, wf.field))


def refusal(obj: models.Model, refused: str | None = None, *, field: str = "status") -> str:
    """The message for a change the table does not allow from ``obj``'s current status."""
    if refused:
        return refused
    wf = workflow_of(obj, field)
    if callable(wf.refused):
        return wf.refused(obj)
    if wf.refused:
        return str(wf.refused)
    display = getattr(obj, f"get_{wf.field}_display", None)
    return _("This action is not possible now (status: %(status)s).") % {
        "status": display() if display else getattr(obj, wf.field)}


def ensure(obj: models.Model, to: str, *, refused: str | None = None, field: str = "status") -> None:
    """Raise ``ValidationError`` (the message ``transition`` would give) unless the table allows → ``to``."""
    if not can_transition_to(obj, to, field=field):
        raise ValidationError(refusal(obj, refused, field=field))


def statuses_leading_to(model: type[models.Model], to: str, *, field: str = "status") -> frozenset[str]:
    """The statuses from which the table allows a move to ``to`` (a list page whose viewer may already take the
    action asks this once, instead of a per-row permission check or a status string in its template)."""
    wf = workflow_of(model, field)
    return frozenset(current for current, targets in wf.transitions.items() if str(to) in targets)


def available_transitions(obj: models.Model, user, *, field: str = "status") -> list[str]:
    """The statuses ``user`` may move ``obj`` to now, in the order of the model's choices."""
    wf = workflow_of(obj, field)
    targets = wf.targets(getattr(obj, wf.field))
    order = [str(v) for v, _label in wf.model._meta.get_field(wf.field).choices or ()]
    return [s for s in order if s in targets and (wf.allowed is None or wf.allowed(obj, user, s))]


def transition(
    obj: models.Model,
    to: str,
    *,
    actor,
    verb: str,
    on_behalf_of=None,
    fields: Iterable[str] = (),
    check: Callable[[Any], None] | None = None,
    refused: str | None = None,
    message: str = "",
    changes: dict | None = None,
    organization=None,
    subject: models.Model | None = None,
    field: str = "status",
    sealed: bool = False,
    action: str = "",
) -> Any:
    """Move ``obj`` to status ``to`` (see the module docstring). Returns the saved, locked row.

    ``subject``: the object the audit row is about when it is not ``obj`` itself (a reviewer's assignment is
    recorded on the proposal, as its history shows it). ``sealed``: the audit row keeps no readable actor (a
    complainant's own action; see ``audit.services.record``). ``action``: the audit action when the change is a
    side effect of another act (sending the invitations); a transition by default."""
    from salaklang.audit.models import AuditEntry
    from salaklang.audit.services import record

    wf = workflow_of(obj, field)
    fields = list(fields)
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        old = str(getattr(locked, wf.field))
        if str(to) not in wf.targets(old):
            raise ValidationError(refusal(locked, refused, field=field))
        if wf.allowed is not None and not wf.allowed(locked, actor, str(to)):
            raise PermissionDenied
        for name in fields:
            setattr(locked, name, getattr(obj, name))
        setattr(locked, wf.field, str(to))
        if check is not None:
            check(locked)
        update_fields = [wf.field, *fields]
        if any(f.name == "updated_at" for f in locked._meta.concrete_fields) and "updated_at" not in update_fields:
            update_fields.append("updated_at")
        locked.save(update_fields=update_fields)
        all_changes = {wf.field: [old, str(to)]}
        all_changes.update(changes or {})
        record(actor=actor, action=action or AuditEntry.Action.TRANSITION, obj=subject if subject is not None else locked,
               verb=verb, changes=all_changes, on_behalf_of=on_behalf_of, organization=organization, message=message,
               sealed=sealed)
        _follow_up(locked, wf.field, old, str(to))
    # Keep the caller's object in step with the database.
    for name in [wf.field, *fields]:
        setattr(obj, name, getattr(locked, name))
    return locked


def transition_many(
    objs: Iterable[models.Model],
    to: str,
    *,
    actor,
    verb: str,
    fields: Iterable[str] = (),
    refused: Callable[[Any], str] | str | None = None,
    message: str = "",
    changes: dict | None = None,
    organization: Callable[[Any], Any] | None = None,
    field: str = "status",
) -> list[Any]:
    """``transition`` for several rows of one model at once (a resolution selecting agendas): one locking query,
    every row checked before any is changed, one ``bulk_update``, one audit row each. ``refused(obj)`` and
    ``organization(obj)`` may depend on the row. Returns the locked, saved rows (in primary-key order)."""
    from salaklang.audit.models import AuditEntry
    from salaklang.audit.services import record

    objs = list(objs)
    if not objs:
        return []
    model = type(objs[0])
    wf = workflow_of(model, field)
    fields = list(fields)
    by_pk = {o.pk: o for o in objs}
    with transaction.atomic():
        rows = list(model._default_manager.select_for_update().filter(pk__in=list(by_pk)).order_by("pk"))
        for row in rows:
            if str(to) not in wf.targets(getattr(row, wf.field)):
                raise ValidationError(refusal(row, refused(row) if callable(refused) else refused, field=field))
            if wf.allowed is not None and not wf.allowed(row, actor, str(to)):
                raise PermissionDenied
        old = {row.pk: str(getattr(row, wf.field)) for row in rows}
        for row in rows:
            for name in fields:
                setattr(row, name, getattr(by_pk[row.pk], name))
            setattr(row, wf.field, str(to))
        update_fields = [wf.field, *fields]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields) and "updated_at" not in update_fields:
            now = timezone.now()
            for row in rows:
                row.updated_at = now
            update_fields.append("updated_at")
        model._default_manager.bulk_update(rows, update_fields)
        for row in rows:
            record(actor=actor, action=AuditEntry.Action.TRANSITION, obj=row, verb=verb,
                   changes={wf.field: [old[row.pk], str(to)], **(changes or {})}, message=message,
                   organization=organization(row) if organization else None)
        for row in rows:
            _follow_up(row, wf.field, old[row.pk], str(to))
    for row in rows:
        for name in [wf.field, *fields]:
            setattr(by_pk[row.pk], name, getattr(row, name))
    return rows
