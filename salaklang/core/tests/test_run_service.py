"""core.services.run_service and core.forms.errors_to_form: the one way views run a service."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from salaklang.core.forms import errors_to_form, form_errors_text
from salaklang.core.services import run_service


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


class NoteForm(forms.Form):
    comment = forms.CharField(required=False)


def _refuse(**kwargs):
    raise ValidationError(kwargs["why"])


def test_success_returns_the_value_and_shows_the_message():
    request = _request()
    done = run_service(request, lambda *, n: n * 2, n=21, success="Saved.")
    assert done and done.value == 42
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_refusal_becomes_error_messages():
    request = _request()
    done = run_service(request, _refuse, why=["Too late.", "Quota reached."], success="Saved.")
    assert not done and done.value is None
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", "Too late."), ("error", "Quota reached.")]


def test_refusal_goes_on_the_form_when_given():
    request, form = _request(), NoteForm({"comment": ""})
    assert form.is_valid()
    assert not run_service(request, _refuse, why={"comment": "Say what should change.", "other": "Not a field."},
                           form=form)
    assert form.errors["comment"] == ["Say what should change."]
    assert form.non_field_errors() == ["Not a field."]
    assert form_errors_text(form) == "Say what should change. Not a field."
    assert list(get_messages(request)) == []


def test_permission_denied_goes_through():
    def deny():
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        run_service(_request(), deny)


def test_errors_to_form_without_fields():
    form = NoteForm({})
    form.is_valid()
    errors_to_form(form, ValidationError("Refused."))
    assert form.non_field_errors() == ["Refused."]
