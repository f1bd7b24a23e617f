"""Every refusal is a sentence in the person's language: a form never shows Django's "Constraint “name” is
violated." (issue 11: quota 0 on the call form). Each database rule a form can break carries its own message,
translated into Thai."""

import importlib
import inspect

from django import forms
from django.apps import apps
from django.db.models import CheckConstraint
from django.utils import translation


def _model_forms():
    for config in apps.get_app_configs():
        if not config.name.startswith("salaklang."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.ModelForm) and cls.__module__ == module.__name__ and cls._meta.model:
                yield cls


def test_every_rule_a_form_can_break_has_a_translated_sentence():
    checked, missing = 0, []
    for form_class in _model_forms():
        fields = set(form_class._meta.fields or [])
        for constraint in form_class._meta.model._meta.constraints:
            if not isinstance(constraint, CheckConstraint):
                continue
            referenced = {name.split("__")[0] for name in constraint.condition.referenced_base_fields}
            if not referenced & fields:
                continue
            checked += 1
            message = constraint.violation_error_message
            if message == constraint.default_violation_error_message:
                missing.append(f"{form_class.__name__}: {constraint.name} has Django's default message")
                continue
            with translation.override("en"):
                english = str(message)
            with translation.override("th"):
                if str(message) == english:
                    missing.append(f"{form_class.__name__}: {constraint.name}: no Thai translation of {english!r}")
    assert checked >= 5
    assert not missing, "\n".join(missing)
