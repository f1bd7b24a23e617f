from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salaklang.core.forms import DateInput
from salaklang.openinfo.models import Evidence, InfoCategory


class YearForm(forms.Form):
    MODES = [("default", _("Start from the default O1–O43 template")), ("copy", _("Copy the list of another year"))]
    year = forms.IntegerField(label=_("Assessment year (B.E.)"), min_value=2500, max_value=2700)
    mode = forms.ChoiceField(label=_("Start from"), choices=MODES)
    source = forms.IntegerField(label=_("Year to copy (B.E.)"), required=False, min_value=2500, max_value=2700)


class ImportForm(forms.Form):
    year = forms.IntegerField(label=_("Assessment year (B.E.)"), min_value=2500, max_value=2700)
    file = forms.FileField(label=_("Item list (XLSX or CSV)"),
                           help_text=_("Columns: code, title_th, description, group, generator. CSV in UTF-8 or "
                                       "TIS-620."))


class EvidenceForm(forms.Form):
    item = forms.ChoiceField(label=pgettext_lazy("ita", "Item"))
    kind = forms.ChoiceField(label=_("Answer with"), choices=Evidence.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    file = forms.FileField(label=_("Document (PDF, DOCX, XLSX)"), required=False)
    post = forms.ChoiceField(label=_("Post of the website"), required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput)
    info_category = forms.ChoiceField(label=_("Category in the information centre (s. 9)"),
                                      choices=InfoCategory.choices, initial=InfoCategory.OWN)

    def __init__(self, *args, items=(), posts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(str(i.pk), f"{i.code} {i.title_th}") for i in items]
        self.fields["post"].choices = [("", "-")] + [(str(p.pk), p.title) for p in posts]


class CentreSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by title"), required=False, max_length=200)
    org = forms.ChoiceField(label=_("Organization"), required=False)
    year = forms.IntegerField(label=_("Year (B.E.)"), required=False, min_value=2500, max_value=2700)
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("All categories")), *InfoCategory.choices])

    def __init__(self, *args, orgs=(), own_categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [("", _("All organizations"))] + [(o.code, o.name) for o in orgs]
        if own_categories:
            self.fields["category"].choices = [*self.fields["category"].choices, (
                str(_("The organization's own categories")), [(f"c{c.pk}", c.name) for c in own_categories])]


class AssignForm(forms.Form):
    items = forms.MultipleChoiceField(label=pgettext_lazy("ita", "Items"), widget=forms.CheckboxSelectMultiple)
    owner = forms.ChoiceField(label=pgettext_lazy("ita", "Owner"), required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput)

    def __init__(self, *args, items=(), people=(), initial=None, **kwargs):
        initial = dict(initial or {})
        if initial.get("item"):
            initial["items"] = [initial.pop("item")]
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["items"].choices = [(i.code, f"{i.code} {i.title_th}") for i in items]
        self.fields["owner"].choices = [("", "-")] + [(str(u.pk), u.full_name or u.username) for u in people]
