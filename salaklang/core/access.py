"""What every app's ``access.py`` shares: opening one object a person may see.

``get_visible(visible_things(user), pk)`` is the row or a 404 — also for an id that is not a number or is too large
for the column, so a mangled or guessed id looks like a missing one and never like a server error. The app's
``access_thing(user, pk, *, for_write=False)`` then adds its own write rule (``PermissionDenied``)."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404


def get_visible(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None
