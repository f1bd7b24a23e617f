"""Form helpers shared by every app's views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_noop

# Django's label for the empty choice of a select; its Thai catalogue has no translation, ours does.
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")


class DateInput(forms.DateInput):
    """An HTML date input. Browsers only accept ISO dates (YYYY-MM-DD) as its value; the Thai input formats
    (DD/MM/YYYY) would leave the field empty when a saved date is edited, and saving would then wipe it."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 - Django's own argument name
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format=None):  # noqa: A002
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):  # noqa: A002
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class EndsAfterStart:
    """A form mixin: for each ``(start, end, message)`` of ``ends_after_start``, when both fields are given the end
    must come after the start, else ``message`` goes on the end field (a meeting's times, a consultation's dates).
    ``ends_not_before_start`` is the same where the end may be the start (an activity's dates, a plan's years)."""

    ends_after_start: tuple[tuple[str, str, str], ...] = ()
    ends_not_before_start: tuple[tuple[str, str, str], ...] = ()

    def clean(self):
        data = super().clean()
        for start, end, message in self.ends_after_start:
            if data.get(start) and data.get(end) and data[end] <= data[start]:
                self.add_error(end, message)
        for start, end, message in self.ends_not_before_start:
            if data.get(start) and data.get(end) and data[end] < data[start]:
                self.add_error(end, message)
        return data


class ChoicesGiven:
    """A form mixin for the choices a view allows its user: ``choices_given = {"keyword": "field"}``; the form then
    takes ``keyword=<queryset>`` and, when it is given (not None), offers that queryset in ``field``."""

    choices_given: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        given = {keyword: kwargs.pop(keyword, None) for keyword in self.choices_given}
        super().__init__(*args, **kwargs)
        for keyword, field in self.choices_given.items():
            if given[keyword] is not None:
                self.fields[field].queryset = given[keyword]


def errors_to_form(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: field errors on their fields, the rest on the form."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, exc.messages)


def form_errors_text(form) -> str:
    """Every error of a form as one line, for a page that shows them as a message (a small form in a list)."""
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


def render_form(request, template: str, context: dict, *, form: str = "form"):
    """A page with a form: answered with 400 when the form (``context[form]``) has errors, so a refused
    submission is not a success to the browser, its tests or the logs; 200 otherwise."""
    return render(request, template, context, status=400 if context[form].errors else 200)


def unix_newlines(text: str | None) -> str | None:
    """Text as stored: browsers submit a textarea's line breaks as CR LF (the HTML standard), the demo data, the
    API and imports write LF. Services store LF so that an unchanged field compares equal to what was saved."""
    if not text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
