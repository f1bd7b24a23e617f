"""How /api/v1/ answers a refusal: one handler for every endpoint (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``).

API views call the services directly and let their refusals through:

* Django's ``ValidationError`` → 400 with the service's messages, in the person's language: field errors keyed
  by field (as DRF's serializer errors), the rest under ``detail``;
* Django's ``PermissionDenied`` → 403 with the service's message when it gave one;
* ``Http404`` → 404; anything else DRF knows as usual; an unexpected error stays a 500 (never a 404);
* input the database refuses late (a number too large, a character it cannot store) → 400
  (see ``core.guard``).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

log = logging.getLogger("salaklang.api")


def validation_detail(exc: ValidationError) -> dict:
    """The body of a 400 for a service's ValidationError."""
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"detail": exc.messages}


def api_exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        return Response(validation_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        message = str(exc)
        exc = exceptions.PermissionDenied(detail=message or None)
    response = exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, (DataError, OverflowError)):
        log.warning("bad input refused late on the API: %s", exc)
        return Response({"detail": _("A value is too large or contains characters that cannot be stored.")},
                        status=status.HTTP_400_BAD_REQUEST)
    return None
