from django import forms
from django.utils.translation import gettext_lazy as _

from salaklang.accounts.models import User
from salaklang.core.forms import ChoicesGiven, DateInput
from salaklang.organizations.models import Committee, CommitteeMember, Delegation, Organization, Role


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["code", "kind", "parent", "name_th", "name_en", "short_name", "letter_prefix", "registry_code",
                  "address", "phone", "email"]

    def __init__(self, *args, parents=None, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents
        if kinds is not None:
            self.fields["kind"].choices = [c for c in Organization.Kind.choices if c[0] in kinds]


class LetterheadForm(forms.Form):
    """The emblem and address lines printed on the organization's official letters."""

    address = forms.CharField(label=_("Address lines"), required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Printed under the name of the organization, one line per line, "
                                          "e.g. ถนนเพชรเกษม ตำบลท้ายช้าง / อำเภอเมืองพังงา จังหวัดพังงา ๘๒๐๐๐."))
    emblem = forms.FileField(label=_("Emblem (PNG or JPEG)"), required=False,
                             help_text=_("Printed 3 cm high at the top centre of letters. A transparent PNG prints best."))
    remove_emblem = forms.BooleanField(label=_("Remove the emblem (letters show the plain placeholder)"), required=False)


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organization.Kind.choices])


class PersonCreateForm(forms.ModelForm):
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    class Meta:
        model = User
        fields = ["username", "title", "first_name", "last_name", "first_name_en", "last_name_en", "position_title",
                  "email", "phone"]

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        if organizations is not None:
            self.fields["organization"].queryset = organizations

    def validate_unique(self):
        """Uniqueness is checked (case-insensitively) by the service, with a clear message."""


class PersonEditForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["title", "first_name", "last_name", "first_name_en", "last_name_en", "position_title", "email",
                  "phone", "is_active"]

    def validate_unique(self):
        """Checked by the service."""


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, username or e-mail"), required=False, max_length=100)
    organization = forms.CharField(label=_("Organization code"), required=False, max_length=40,
                                   help_text=_("e.g. PNA-TOUR"))
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    kind = forms.ChoiceField(label=_("Account kind"), required=False,
                             choices=[("staff", _("Government staff")), ("citizen", _("Citizen")), ("all", _("All"))])


class MembershipForm(ChoicesGiven, forms.Form):
    choices_given = {"organizations": "organization"}

    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class CommitteeForm(ChoicesGiven, forms.ModelForm):
    choices_given = {"organizations": "organization"}

    class Meta:
        model = Committee
        fields = ["organization", "kind", "name_th", "name_en", "purpose", "is_active"]


class SeatForm(ChoicesGiven, forms.Form):
    choices_given = {"people": "person", "organizations": "represented_organization"}

    position = forms.ChoiceField(label=_("Position"), choices=CommitteeMember.Position.choices)
    person = forms.ModelChoiceField(label=_("Person"), required=False, queryset=User.objects.none())
    represented_organization = forms.ModelChoiceField(label=_("Or: the representative of"), required=False,
                                                      queryset=Organization.objects.none())

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("represented_organization")):
            raise forms.ValidationError(_("Choose either a person or an organization whose representative takes the seat."))
        return data


class DelegationForm(forms.Form):
    delegator = forms.ModelChoiceField(label=_("On behalf of (who delegates)"), queryset=User.objects.none())
    delegate = forms.ModelChoiceField(label=_("Delegate (who acts)"), queryset=User.objects.none())
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    scope = forms.ChoiceField(label=_("Scope"), choices=Delegation.Scope.choices)
    start_date = forms.DateField(label=_("From"), widget=DateInput)
    end_date = forms.DateField(label=_("Until"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)

    def __init__(self, *args, people=None, delegators=None, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = people if people is not None else User.objects.none()
        self.fields["delegator"].queryset = delegators if delegators is not None else User.objects.none()
        if organizations is not None:
            self.fields["organization"].queryset = organizations

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date is before the start date."))
        return data
