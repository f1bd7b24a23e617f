from django import forms
from django.utils.translation import gettext_lazy as _

from salaklang.audit.models import AuditEntry
from salaklang.core.forms import DateInput


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Person (username or name)"), required=False, max_length=100)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80,
                                  help_text=_("e.g. organizations.organization"))
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    organization = forms.CharField(label=_("Organization code"), required=False, max_length=40,
                                   help_text=_("e.g. PNA-TOUR"))
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All actions")), *AuditEntry.Action.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
