from django import forms
from django.utils.translation import gettext_lazy as _

from salaklang.agendas.models import Agenda, Attendee, Meeting, MeetingItem, Opinion
from salaklang.calls.models import PlanLink
from salaklang.core.forms import DateInput, EndsAfterStart, TimeInput
from salaklang.organizations.models import Organization


class AgendaFilterForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), required=False, min_value=2400, max_value=2800)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Agenda.Status.choices])
    proposed_by = forms.ModelChoiceField(label=_("Proposed by"), required=False, queryset=Organization.objects.none(),
                                         empty_label=_("All organizations"))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["proposed_by"].queryset = organizations


class AgendaForm(forms.ModelForm):
    proposed_by = forms.ModelChoiceField(label=_("Proposing organization"), queryset=Organization.objects.none())

    class Meta:
        model = Agenda
        fields = ["proposed_by", "fiscal_year", "title", "problem", "area", "evidence", "national_strategy"]
        widgets = {"problem": forms.Textarea(attrs={"rows": 4}), "evidence": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["proposed_by"].queryset = organizations
        if self.instance.pk:
            del self.fields["proposed_by"]
        self.fields["national_strategy"].queryset = PlanLink.objects.filter(
            kind=PlanLink.Kind.NATIONAL_STRATEGY, is_active=True)


class OpinionRoundForm(forms.Form):
    province = forms.ModelChoiceField(label=_("Province"), queryset=Organization.objects.none())
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2400, max_value=2800)
    due_date = forms.DateField(label=_("Answer by"), widget=DateInput())
    message = forms.CharField(label=_("Message to the agencies"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    organizations = forms.ModelMultipleChoiceField(
        label=_("Agencies asked"), required=False, queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple, help_text=_("Leave empty to ask every agency of the province."))

    def __init__(self, *args, provinces=None, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.fields["province"].queryset = provinces
        if agencies is not None:
            self.fields["organizations"].queryset = agencies


class OpinionForm(forms.Form):
    position = forms.ChoiceField(label=_("Position"), choices=Opinion.Position.choices, widget=forms.RadioSelect,
                                 required=False)
    reasoning = forms.CharField(label=_("Reasoning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    contribution = forms.CharField(label=_("What the agency can contribute"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))


class MeetingForm(EndsAfterStart, forms.ModelForm):
    ends_after_start = (("start_time", "end_time", _("The end time must be after the start time.")),)

    class Meta:
        model = Meeting
        fields = ["committee", "number", "title", "date", "start_time", "end_time", "venue", "chair", "minute_taker",
                  "checker"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def __init__(self, *args, committees=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if committees is not None:
            self.fields["committee"].queryset = committees
        if self.instance.pk:
            del self.fields["committee"]
        for name in ("chair", "minute_taker", "checker"):
            if people is not None:
                self.fields[name].queryset = people
            self.fields[name].required = False


class ItemForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Section"), choices=MeetingItem.Section.choices, coerce=int,
                                     initial=MeetingItem.Section.FOR_CONSIDERATION)
    title = forms.CharField(label=_("Item"), max_length=500)
    agendas = forms.ModelMultipleChoiceField(label=_("Candidate agendas discussed"), required=False,
                                             queryset=Agenda.objects.none(), widget=forms.CheckboxSelectMultiple)
    call = forms.ModelChoiceField(label=_("Call for proposals (optional)"), required=False, queryset=None)

    def __init__(self, *args, agendas=None, calls=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agendas is not None:
            self.fields["agendas"].queryset = agendas
        from salaklang.calls.models import Call

        self.fields["call"].queryset = calls if calls is not None else Call.objects.none()


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Attendee.Attendance.choices)
    delegate = forms.ModelChoiceField(label=_("Attending instead"), required=False, queryset=None)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        from salaklang.accounts.models import User

        self.fields["delegate"].queryset = people if people is not None else User.objects.none()


class DelegateForm(forms.Form):
    delegate = forms.ModelChoiceField(label=_("Who attends instead"), queryset=None)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = people


class HoldForm(EndsAfterStart, forms.Form):
    ends_after_start = (("opened_at", "closed_at", _("The end time must be after the start time.")),)

    opened_at = forms.TimeField(label=_("Meeting opened at"), widget=TimeInput())
    closed_at = forms.TimeField(label=_("Meeting closed at"), widget=TimeInput())


class SelectionForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Meeting item"), queryset=MeetingItem.objects.none())
    agendas = forms.ModelMultipleChoiceField(label=_("Agendas selected"), queryset=Agenda.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    resolution = forms.CharField(label=_("Resolution (มติที่ประชุม)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items=None, agendas=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["agendas"].queryset = agendas


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo (JPEG, PNG or WebP)"))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=300)
    publishable = forms.BooleanField(label=_("May be published on the portal"), required=False)


class AttendeeAddForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role_label = forms.CharField(label=_("Position in the meeting"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Attendee.Kind.choices, initial=Attendee.Kind.OFFICIAL)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class MeetingFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All statuses")), *Meeting.Status.choices])
    committee = forms.ModelChoiceField(label=_("Committee or working group"), required=False, queryset=None,
                                       empty_label=_("All committees"))

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees
