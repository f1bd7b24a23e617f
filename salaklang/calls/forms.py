from django import forms
from django.utils.translation import gettext_lazy as _

from salaklang.calls.models import Call, PlanLink, Proposal
from salaklang.organizations.models import Organization


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"


class CallForm(forms.ModelForm):
    issuer = forms.ModelChoiceField(label=_("Issuing organization"), queryset=Organization.objects.none())
    targets = forms.ModelMultipleChoiceField(label=_("Target organizations"), queryset=Organization.objects.none(),
                                             required=False, widget=forms.CheckboxSelectMultiple,
                                             help_text=_("Leave empty for all agencies of the province (or all provinces for a national call)."))
    category_lines = forms.CharField(
        label=_("Categories"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: code | Thai name | English name."))

    class Meta:
        model = Call
        fields = ["title", "fiscal_year", "quota_per_respondent", "opens_at", "deadline", "late_policy", "speed_mark",
                  "subject", "addressee", "references", "enclosures", "body", "closing", "signatory_name",
                  "signatory_position", "contact_unit", "contact_phone", "contact_fax", "contact_email", "thai_digits"]
        widgets = {"opens_at": DateTimeInput(), "deadline": DateTimeInput(),
                   "references": forms.Textarea(attrs={"rows": 2}), "enclosures": forms.Textarea(attrs={"rows": 2}),
                   "body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, issuers=None, target_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if issuers is not None:
            self.fields["issuer"].queryset = issuers
        if target_choices is not None:
            self.fields["targets"].queryset = target_choices
        if self.instance.pk:
            self.fields.pop("issuer")
        if not self.is_bound:
            self.initial.setdefault("category_lines", "\n".join(
                f"{c['code']} | {c['th']} | {c.get('en', '')}" for c in (self.instance.categories or Call().categories)))

    def clean_category_lines(self):
        out = []
        for line in self.cleaned_data["category_lines"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(_("Each line needs at least a code and a Thai name: code | Thai name | English name."))
            out.append({"code": parts[0], "th": parts[1], "en": parts[2] if len(parts) > 2 else ""})
        if not out:
            raise forms.ValidationError(_("Offer at least one category."))
        if len({c["code"] for c in out}) != len(out):
            raise forms.ValidationError(_("Category codes must be different."))
        return out

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("deadline") and data["deadline"] <= data["opens_at"]:
            self.add_error("deadline", _("The deadline must be after the opening."))
        return data


class ProposalForm(forms.ModelForm):
    results_text = forms.CharField(
        label=_("Results with indicators"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One indicator per line: indicator | baseline | result | unit."))

    class Meta:
        model = Proposal
        fields = ["title", "category", "team", "contact_name", "contact_phone", "contact_email", "background",
                  "objectives", "target_group", "novelty", "started_on", "stage", "in_use_since", "national_strategy",
                  "provincial_plan", "budget", "resources", "sustainability"]
        widgets = {"started_on": DateInput(), "in_use_since": DateInput(), "category": forms.Select(),
                   **{f: forms.Textarea(attrs={"rows": 3}) for f in ["team", "background", "objectives", "target_group",
                                                                    "novelty", "resources", "sustainability"]}}

    def __init__(self, *args, call=None, province_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        if call is not None:
            self.fields["category"].widget.choices = [(c["code"], c["th"]) for c in call.categories]
        self.fields["national_strategy"].queryset = PlanLink.objects.filter(kind=PlanLink.Kind.NATIONAL_STRATEGY,
                                                                            is_active=True)
        self.fields["provincial_plan"].queryset = PlanLink.objects.filter(kind=PlanLink.Kind.PROVINCIAL_PLAN,
                                                                          is_active=True, province_id=province_id)
        if not self.is_bound and self.instance.results:
            self.initial["results_text"] = "\n".join(
                " | ".join(str(r.get(k, "")) for k in ("indicator", "baseline", "result", "unit")) for r in self.instance.results)

    def clean_results_text(self):
        rows = []
        for line in self.cleaned_data["results_text"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", "", ""]
            rows.append({"indicator": parts[0], "baseline": parts[1], "result": parts[2], "unit": parts[3]})
        return rows


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                              required=False, help_text=_("Required when you send back or return a proposal."))


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, DOCX, XLSX, JPEG or PNG)"))


class BoardFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    q = forms.CharField(label=_("Organization"), required=False, max_length=100)


class ProposalFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    q = forms.CharField(label=_("Name of the innovation or organization"), required=False, max_length=100)
    target = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class PlanLinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("list"), choices=PlanLink.Kind.choices)
    province = forms.ModelChoiceField(label=_("province"), queryset=Organization.objects.none(), required=False,
                                      help_text=_("For a provincial plan: the province."))
    code = forms.CharField(label=_("code"), max_length=20)
    title_th = forms.CharField(label=_("title (Thai)"), max_length=300)
    title_en = forms.CharField(label=_("title (English)"), max_length=300, required=False)
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces if provinces is not None else Organization.objects.none()


class PlanLinkFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("list"), choices=[("", _("All lists")), *PlanLink.Kind.choices], required=False)
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
