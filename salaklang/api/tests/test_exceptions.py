"""The API's one exception handler: a service's refusals become 400 / 403 with its message; an unexpected error
is never turned into a 404."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView


def _view(exc):
    class Refusing(APIView):
        permission_classes = [AllowAny]
        authentication_classes: list = []

        def get(self, request):
            raise exc()

    return Refusing.as_view()


def _get(exc, language="en"):
    request = APIRequestFactory().get("/api/v1/x/", HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        response = _view(exc)(request)
        response.render()
    return response


def test_validation_error_is_a_400_with_the_services_message():
    r = _get(lambda: ValidationError("The deadline has passed."))
    assert r.status_code == 400 and r.data == {"detail": ["The deadline has passed."]}
    r = _get(lambda: ValidationError({"comment": "Say what should change."}))
    assert r.status_code == 400 and r.data == {"comment": ["Say what should change."]}


def test_message_in_the_persons_language():
    # a message the services already use, translated when the service raises it
    r = _get(lambda: ValidationError(_("A published call can no longer be edited.")), language="th")
    assert r.status_code == 400
    assert r.data["detail"][0] != "A published call can no longer be edited."


def test_permission_denied_is_a_403_with_the_message_when_there_is_one():
    r = _get(lambda: PermissionDenied("Only the head approves."))
    assert r.status_code == 403 and str(r.data["detail"]) == "Only the head approves."
    r = _get(PermissionDenied)
    assert r.status_code == 403 and r.data["detail"]


def test_not_found_stays_404_and_a_bug_stays_a_500():
    assert _get(Http404).status_code == 404
    with pytest.raises(RuntimeError):
        _get(lambda: RuntimeError("a bug"))
