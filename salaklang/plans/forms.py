from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from salaklang.calls.forms import AttachmentForm, DateInput
from salaklang.core.forms import EndsAfterStart
from salaklang.organizations.models import Organization
from salaklang.plans.models import Activity, Indicator, Plan


def province_organizations(province_id: int):
    return Organization.objects.filter(Q(pk=province_id) | Q(province_id=province_id), is_active=True,
                                       kind__in=[Organization.Kind.PROVINCE, Organization.Kind.AGENCY,
                                                 Organization.Kind.UNIT, Organization.Kind.DISTRICT,
                                                 Organization.Kind.LOCAL]).order_by("depth", "name_th")


class PlanForm(EndsAfterStart, forms.ModelForm):
    ends_not_before_start = (("fiscal_year_from", "fiscal_year_to", _("The last fiscal year cannot be before the first.")),)
    agenda = forms.ModelChoiceField(label=_("Selected agenda"), queryset=None)

    class Meta:
        model = Plan
        fields = ["title", "objective", "fiscal_year_from", "fiscal_year_to", "reporting_frequency"]
        widgets = {"objective": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agendas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agendas is None:
            self.fields.pop("agenda")
        else:
            self.fields["agenda"].queryset = agendas
            self.order_fields(["agenda"])
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty to name the plan after its agenda.")
        self.fields["fiscal_year_from"].required = False
        self.fields["fiscal_year_to"].required = False
        self.fields["fiscal_year_from"].help_text = _("Empty: the agenda's fiscal year.")

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "agenda" and v not in (None, "")}


class ActivityForm(EndsAfterStart, forms.ModelForm):
    ends_not_before_start = (("starts_on", "ends_on", _("The end of an activity cannot be before its start.")),)

    class Meta:
        model = Activity
        fields = ["mechanism", "title", "description", "owner", "partners", "budget", "starts_on", "ends_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "starts_on": DateInput(), "ends_on": DateInput(),
                   "partners": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, province_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = province_organizations(province_id)
        self.fields["owner"].queryset = orgs
        self.fields["partners"].queryset = orgs
        self.fields["partners"].required = False

    def _post_clean(self):
        # the service validates the model (and the plan it belongs to)
        pass


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["mechanism", "activity", "kind", "name", "unit", "value_type", "baseline", "direction",
                  "aggregation", "data_source", "owner"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["activity"].queryset = plan.activities.order_by("mechanism", "starts_on")
        self.fields["activity"].help_text = _("Optional; the indicator then takes the activity's mechanism.")
        self.fields["owner"].queryset = province_organizations(plan.province_id)
        current = {}
        if self.instance.pk:
            current = dict(self.instance.targets.values_list("period", "target"))
        self.period_fields = []
        for period in plan.periods:
            name = f"target_{period.key}"
            initial = current.get(period.key)
            self.fields[name] = forms.CharField(label=_("Target %(period)s") % {"period": period.label}, max_length=30,
                                                initial=("" if initial is None else initial))
            self.period_fields.append(name)

    def _post_clean(self):
        pass

    def targets(self) -> dict[str, str]:
        return {name.removeprefix("target_"): self.cleaned_data.get(name, "") for name in self.period_fields}

    def service_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in self._meta.fields}


class ReportForm(forms.Form):
    narrative = forms.CharField(label=_("Progress of the period (narrative)"), widget=forms.Textarea(attrs={"rows": 5}),
                                max_length=10000, required=False)

    def __init__(self, *args, indicators, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.indicator_fields = []
        for ind in indicators:
            name = f"value_{ind.pk}"
            value = current.get(ind.pk)
            hint = {"count": _("whole number"), "percent": _("0–100"), "number": _("number")}[ind.value_type]
            self.fields[name] = forms.CharField(
                label=f"{ind.name} ({ind.unit})", max_length=40, required=False,
                initial="" if value is None else value.value,
                help_text=_("%(hint)s, in %(unit)s") % {"hint": hint, "unit": ind.unit})
            self.fields[f"note_{ind.pk}"] = forms.CharField(label=_("Note on %(name)s") % {"name": ind.name},
                                                            max_length=300, required=False,
                                                            initial="" if value is None else value.note)
            self.indicator_fields.append((ind, self[name], self[f"note_{ind.pk}"]))

    def values(self) -> dict[int, str]:
        return {ind.pk: self.cleaned_data.get(f"value_{ind.pk}", "") for ind, _f, _n in self.indicator_fields}

    def notes(self) -> dict[int, str]:
        return {ind.pk: self.cleaned_data.get(f"note_{ind.pk}", "") for ind, _f, _n in self.indicator_fields}


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                              required=False, help_text=_("Required when you return a report."))


class EvidenceForm(AttachmentForm):
    pass


class FiscalYearForm(forms.Form):
    fy = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700, required=False)
