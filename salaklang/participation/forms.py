from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salaklang.core.forms import DateTimeInput, EndsAfterStart
from salaklang.organizations.models import Organization
from salaklang.participation.models import Consultation, Question

COMMENT_MAX = 5000


class ConsultationForm(EndsAfterStart, forms.ModelForm):
    ends_after_start = (("opens_at", "closes_at", _("The consultation must close after it opens.")),)

    questions = forms.CharField(
        label=_("Questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One question per line. Citizens can answer each question or comment in general."),
    )

    class Meta:
        model = Consultation
        fields = ["province", "subject", "title", "summary", "background", "agenda", "link_title", "link_url",
                  "opens_at", "closes_at"]
        help_texts = {"link_title": _("For a draft policy (or an agenda not in the list): its title."),
                      "link_url": _("For a draft policy: a full https:// address of the document anyone can open.")}
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "background": forms.Textarea(attrs={"rows": 8}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, provinces=None, locked: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True).order_by("name_th")
        if provinces is not None:
            qs = qs.filter(pk__in=provinces)
        self.fields["province"].queryset = qs
        self.fields["province"].empty_label = None
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        from salaklang.agendas.models import Agenda

        province_ids = [self.instance.province_id] if self.instance.pk else list(qs.values_list("pk", flat=True))
        self.fields["agenda"].queryset = (Agenda.objects.filter(province_id__in=province_ids)
                                          .exclude(status=Agenda.Status.WITHDRAWN).order_by("-fiscal_year", "title"))
        self.fields["agenda"].label_from_instance = lambda a: f"{a.title} ({a.fiscal_year})"
        if self.instance.pk:
            self.fields.pop("province")
            self.initial.setdefault(
                "questions", "\n".join(self.instance.questions.values_list("text", flat=True))
            )
        for name in locked:
            if name in self.fields:
                self.fields[name].disabled = True

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data.get("questions", "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > 20:
            raise forms.ValidationError(_("At most 20 questions."))
        if any(len(line) > 500 for line in lines):
            raise forms.ValidationError(_("A question can be at most 500 characters long."))
        return lines


class CommentForm(forms.Form):
    question = forms.ModelChoiceField(
        label=_("About"), queryset=Question.objects.none(), required=False, empty_label=_("General comment")
    )
    body = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown publicly with your first name and the initial of your last name."),
    )

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        questions = list(consultation.questions.all())
        self.fields["question"].queryset = consultation.questions.all()
        if not questions:
            self.fields.pop("question")


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class HideCommentForm(ReasonForm):
    reason = forms.CharField(
        label=_("Reason for hiding"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown publicly in place of the comment, e.g. “personal data of a third party”."),
    )


class ResponseForm(forms.Form):
    what_we_heard = forms.CharField(label=_("What we heard"), widget=forms.Textarea(attrs={"rows": 6}))
    what_we_did = forms.CharField(label=_("What we did"), widget=forms.Textarea(attrs={"rows": 6}))


class FilterForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + [
            (p.value, p.label) for p in Consultation.Phase
            if p not in (Consultation.Phase.DRAFT, Consultation.Phase.WITHDRAWN)
        ],
    )
    province = forms.ModelChoiceField(
        label=_("Province"), required=False, queryset=Organization.objects.none(), empty_label=_("All provinces")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Organization.objects.filter(
            kind=Organization.Kind.PROVINCE).order_by("name_th")
