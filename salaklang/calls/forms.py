from django import forms
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from salaklang.calls.models import DEFAULT_CATEGORIES, Call, PlanLink, Proposal
from salaklang.core.forms import ChoicesGiven, DateInput, DateTimeInput
from salaklang.organizations.models import Organization


def _category_code(name: str, taken: set[str]) -> str:
    """A short stable code for a category added by hand (the Thai name stays what people see)."""
    base = slugify(name)[:30] or "category"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


class CallForm(ChoicesGiven, forms.ModelForm):
    """The fields in the order of the circular letter: who issues it, its subject, to whom, the body, what is asked
    (categories, how many proposals, opening and deadline), then the signature and the contact. Attachments are
    added on the call's page once the draft is saved."""

    issuer = forms.ModelChoiceField(label=_("Issuing organization"), queryset=Organization.objects.none())
    targets = forms.ModelMultipleChoiceField(label=_("Target organizations"), queryset=Organization.objects.none(),
                                             required=False, widget=forms.CheckboxSelectMultiple,
                                             help_text=_("Leave empty for all agencies of the province (or all provinces for a national call)."))
    category_choices = forms.MultipleChoiceField(label=_("Categories"), required=False,
                                                 widget=forms.CheckboxSelectMultiple)
    extra_categories = forms.CharField(
        label=_("Other categories"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("To add a category not in the list: one per line, the Thai name, optionally followed by | and the "
                    "English name."))

    SECTIONS = [
        (_("Issuer"), ["issuer"]),
        (_("The letter"), ["title", "fiscal_year", "speed_mark", "subject", "addressee", "targets", "references",
                           "enclosures", "body"]),
        (_("What is asked"), ["category_choices", "extra_categories", "quota_per_respondent", "opens_at", "deadline",
                              "late_policy"]),
        (_("Signature and contact"), ["closing", "signatory_name", "signatory_position", "contact_unit",
                                      "contact_phone", "contact_fax", "contact_email", "thai_digits"]),
    ]

    class Meta:
        model = Call
        fields = ["title", "fiscal_year", "speed_mark", "subject", "addressee", "references", "enclosures", "body",
                  "quota_per_respondent", "opens_at", "deadline", "late_policy", "closing", "signatory_name",
                  "signatory_position", "contact_unit", "contact_phone", "contact_fax", "contact_email", "thai_digits"]
        widgets = {"opens_at": DateTimeInput(), "deadline": DateTimeInput(),
                   "references": forms.Textarea(attrs={"rows": 2}), "enclosures": forms.Textarea(attrs={"rows": 2}),
                   "body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"body": _("Separate paragraphs with a blank line.")}

    choices_given = {"issuers": "issuer", "target_choices": "targets"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("issuer")
        self.fields["quota_per_respondent"].min_value = 1
        self.fields["quota_per_respondent"].widget.attrs["min"] = 1
        current = list(self.instance.categories or []) if self.instance.pk else []
        known = [dict(c) for c in DEFAULT_CATEGORIES]
        known += [c for c in current if c.get("code") not in {k["code"] for k in known}]
        self._known_categories = {c["code"]: c for c in known}
        language = "en" if (get_language() or "th").startswith("en") else "th"
        self.fields["category_choices"].choices = [(c["code"], c.get(language) or c["th"]) for c in known]
        if not self.is_bound:
            self.initial.setdefault("category_choices", [c["code"] for c in (current or known)])
        # the fields in the order of the letter
        order = [name for _title, names in self.SECTIONS for name in names]
        self.order_fields(order)

    def sections(self):
        """(title, bound fields) for the template, in the order of the circular."""
        return [(title, [self[n] for n in names if n in self.fields]) for title, names in self.SECTIONS]

    def clean_quota_per_respondent(self):
        quota = self.cleaned_data.get("quota_per_respondent")
        if quota is not None and quota < 1:
            raise forms.ValidationError(_("Each organization must be allowed at least one proposal."))
        return quota

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("deadline") and data["deadline"] <= data["opens_at"]:
            self.add_error("deadline", _("The deadline must be after the opening."))
        picked = set(data.get("category_choices") or [])
        chosen = [dict(c) for code, c in self._known_categories.items() if code in picked]
        taken = {c["code"] for c in chosen} | set(self._known_categories)
        names = {c["th"] for c in chosen}
        for line in (data.get("extra_categories") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if not parts[0]:
                self.add_error("extra_categories", _("Give each added category its Thai name."))
                continue
            if parts[0] in names:
                continue
            code = _category_code(parts[1] if len(parts) > 1 and parts[1] else parts[0], taken)
            taken.add(code)
            names.add(parts[0])
            chosen.append({"code": code, "th": parts[0], "en": parts[1] if len(parts) > 1 else ""})
        if not chosen and "extra_categories" not in self.errors:
            self.add_error("category_choices", _("Offer at least one category."))
        data["categories"] = chosen
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


_COMMENT_FORM_HTML: dict[str, str] = {}


def comment_form_html() -> str:
    """The empty comment form of the proposal page as HTML, rendered once per language and process: it has no state
    of its own (the CSRF token is outside it), and rendering it through the form templates cost each page view
    about 0.5 ms (issue 16)."""
    language = get_language() or ""
    if language not in _COMMENT_FORM_HTML:
        _COMMENT_FORM_HTML[language] = str(CommentForm())
    return mark_safe(_COMMENT_FORM_HTML[language])  # noqa: S308 — Django's own rendering of an unbound form


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
