"""Running a service from a view: one way for every app.

Views stay thin: they validate a form, call a keyword-only service and show what happened. A service refuses
with ``ValidationError`` (the person can fix it: shown as a message, or on the form) or ``PermissionDenied``
(403, left to Django). The API lets both through to ``salaklang.api.exceptions.api_exception_handler``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError

from salaklang.core.forms import errors_to_form


@dataclass(frozen=True)
class Outcome:
    """What ``run_service`` gives back: ``ok`` (truthy when the service succeeded) and its ``value``."""

    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok


def show_refusal(request, exc: ValidationError) -> None:
    """A service's ValidationError as error messages on the next page (one per message)."""
    for message in exc.messages:
        messages.error(request, message)


def run_service(request, service: Callable, /, *args, success: str | Callable[[Any], str] | None = None, form=None,
                **kwargs) -> Outcome:
    """Call ``service(*args, **kwargs)``. On success show ``success`` (if any; a callable is given the service's
    return value, for a message that names what was done); on ValidationError put its
    messages on ``form`` when given (field errors on their fields), else show them as error messages.
    PermissionDenied goes through (403)."""
    try:
        value = service(*args, **kwargs)
    except ValidationError as exc:
        if form is not None:
            errors_to_form(form, exc)
        else:
            show_refusal(request, exc)
        return Outcome(False)
    if success:
        messages.success(request, success(value) if callable(success) else success)
    return Outcome(True, value)


def action_named(actions: dict[str, Any], action: str) -> Any:
    """A page's named actions (``{"approve": (run, message)}``, the last part of its URL): the entry, or 404 for a
    name the page does not offer."""
    if action not in actions:
        from django.http import Http404

        raise Http404
    return actions[action]

