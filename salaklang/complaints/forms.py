"""Forms of the complaint pages. Rules live in services; forms only shape and check the input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salaklang.complaints.models import Category, Complaint, ComplaintAttachment, DataRequest
from salaklang.core import thai
from salaklang.organizations.models import Organization

MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(d, initial) for d in data if d]
        else:
            files = [single(data, initial)] if data else []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
        return files


class CategorySelect(forms.Select):
    """Marks the sensitive categories so the page can show the consent box only for them."""

    sensitive: set[str] = set()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(getattr(value, "value", value)) in self.sensitive:
            option["attrs"]["data-sensitive"] = "1"
        return option


class DistrictSelect(forms.Select):
    """Each district option carries its province, so the page can show only the chosen province's districts."""

    provinces: dict[str, int] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        province = self.provinces.get(str(getattr(value, "value", value)))
        if province:
            option["attrs"]["data-province"] = str(province)
        return option


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name_th if not obj.name_en else obj.name


class ComplaintForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200,
                              help_text=_("In a few words, e.g. \"Broken street light in front of the school\"."))
    description = forms.CharField(label=_("What happened"), max_length=8000,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text=_("Where, when, what you would like the government to do."))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(),
                                      widget=CategorySelect, empty_label=_("— choose —"))
    province = forms.ModelChoiceField(label=_("Province"), queryset=Organization.objects.none(),
                                      empty_label=_("— choose —"))
    district = DistrictChoiceField(label=_("District"), queryset=Organization.objects.none(), required=False,
                                   widget=DistrictSelect, empty_label=_("— not sure —"))
    district_name = forms.CharField(label=_("District (if not in the list)"), max_length=120, required=False)
    subdistrict = forms.CharField(label=_("Sub-district"), max_length=120, required=False)
    address = forms.CharField(label=_("Place or address"), max_length=300, required=False,
                              help_text=_("A landmark, village, road or house number."))
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6,
                                  widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal",
                                                                  "placeholder": "8.4500"}))
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6,
                                   widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal",
                                                                   "placeholder": "98.5200"}))
    share_point = forms.BooleanField(label=_("Show my map point on the public page"), required=False,
                                     help_text=_("The point is shown rounded to about 100 metres; the location "
                                                 "data of your photos is kept only if you tick this."))
    files = MultipleFileField(label=_("Photos and documents"), required=False,
                              help_text=_("Up to 5 files: photos (JPEG, PNG, WebP) or PDF, at most 10 MB each."))
    anonymous = forms.BooleanField(label=_("File anonymously (no name or contact)"), required=False,
                                   help_text=_("We cannot contact you, and an anonymous complaint is not listed under "
                                               "“My complaints” even when you are signed in: keep its tracking code "
                                               "to follow it."))
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False,
                                     help_text=_("We send the receipt and the news of your complaint here."))
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    consent_sensitive = forms.BooleanField(
        label=_("I consent to the processing of the sensitive data (such as health data) in my complaint for "
                "handling it."), required=False)

    def __init__(self, *args, province: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.filter(is_active=True).order_by("position", "name_th")
        self.fields["category"].queryset = categories
        self.fields["category"].widget.sensitive = {str(c.pk) for c in categories if c.is_sensitive}
        provinces = Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True).order_by("name_th")
        self.fields["province"].queryset = provinces
        districts = list(Organization.objects.filter(kind=Organization.Kind.DISTRICT, is_active=True)
                         .only("pk", "name_th", "name_en", "province_id").order_by("province_id", "name_th"))
        if province is not None:
            self.fields["province"].initial = province.pk
        self.fields["district"].queryset = Organization.objects.filter(pk__in=[d.pk for d in districts]).order_by(
            "province_id", "name_th")
        self.fields["district"].widget.provinces = {str(d.pk): d.province_id for d in districts}

    def clean(self):
        data = super().clean()
        if not data.get("anonymous") and not (data.get("contact_email") or data.get("contact_phone")):
            self.add_error("contact_email", _("Give an e-mail or a phone number, or choose to file anonymously."))
        district, province = data.get("district"), data.get("province")
        if district and province and district.province_id != province.pk:
            self.add_error("district", _("This district is not in the chosen province."))
        return data


class StaffComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(label=_("Received by"), choices=[
        (c.value, c.label) for c in Complaint.Channel if c in Complaint.STAFF_CHANNELS])
    external_ref = forms.CharField(label=_("External reference"), max_length=100, required=False,
                                   help_text=_("e.g. the 1111 case number or the letter number"))
    received_on = forms.DateField(label=_("Received on"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=_("Leave empty for today."))
    field_order = ["channel", "received_on", "external_ref"]

    def clean(self):
        data = forms.Form.clean(self)
        district, province = data.get("district"), data.get("province")
        if district and province and district.province_id != province.pk:
            self.add_error("district", _("This district is not in the chosen province."))
        return data


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=40,
                           widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off",
                                                         "placeholder": "PNA-6912-K7QF-9XMB"}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("How satisfied are you with the handling?"), coerce=int,
                                    choices=[(i, str(i)) for i in range(5, 0, -1)], widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment (optional)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why is the problem not solved?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("I ask for"), choices=DataRequest.Kind.choices, widget=forms.RadioSelect)
    email = forms.EmailField(label=_("E-mail given in the complaint"),
                             help_text=_("It must match the e-mail of the complaint; we answer there within 30 days."))
    message = forms.CharField(label=_("Message (optional)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Open")), ("all", _("All"))] + list(Complaint.Status.choices))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), required=False,
                                      empty_label=_("All"))
    agency = forms.ModelChoiceField(label=_("Responsible organization"), queryset=Organization.objects.none(),
                                    required=False, empty_label=_("All"))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    code = forms.CharField(label=_("Tracking code"), max_length=40, required=False)

    def __init__(self, *args, centre_province_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.order_by("position", "name_th")
        if centre_province_ids:  # the centre filters its province's complaints by organization
            self.fields["agency"].queryset = Organization.objects.filter(
                province_id__in=list(centre_province_ids), is_active=True).exclude(
                kind=Organization.Kind.PROVINCE).order_by("kind", "name_th")
        else:
            del self.fields["agency"]


class CaseForm(forms.Form):
    """The case page shows several forms at once: each gets its own id prefix (field names stay plain)."""

    id_prefix = "case"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class AssignForm(CaseForm):
    id_prefix = "assign"

    organization = forms.ModelChoiceField(label=_("Send to"), queryset=Organization.objects.none())
    note = forms.CharField(label=_("Note to the agency"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, province_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            province_id=province_id, is_active=True,
            kind__in=[Organization.Kind.AGENCY, Organization.Kind.DISTRICT, Organization.Kind.LOCAL,
                      Organization.Kind.UNIT]).order_by("kind", "name_th")


class SplitForm(CaseForm):
    id_prefix = "split"

    organizations = forms.ModelMultipleChoiceField(label=_("Agencies"), queryset=Organization.objects.none(),
                                                   widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def __init__(self, *args, province_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = Organization.objects.filter(
            province_id=province_id, is_active=True, kind=Organization.Kind.AGENCY).order_by("name_th")


class MergeForm(CaseForm):
    id_prefix = "merge"

    into = forms.CharField(label=_("Tracking code of the complaint to keep"), max_length=40)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class TransitionForm(CaseForm):
    id_prefix = "status"

    status = forms.ChoiceField(label=_("New status"), choices=[
        (s.value, s.label) for s in (Complaint.Status.IN_PROGRESS, Complaint.Status.FORWARDED,
                                     Complaint.Status.RESOLVED, Complaint.Status.NOT_RESOLVED,
                                     Complaint.Status.REJECTED)])
    reason = forms.CharField(label=_("Reason or result"), max_length=4000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required for not resolved, rejected and forwarded; shown to the complainant."))


class NoteForm(CaseForm):
    id_prefix = "note"

    text = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(label=_("Public (the complainant sees it)"), required=False)


class ExtendForm(CaseForm):
    id_prefix = "extend"

    new_due = forms.DateField(label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class AttachForm(CaseForm):
    id_prefix = "attach"

    kind = forms.ChoiceField(label=_("The file shows"), choices=[
        (k.value, k.label) for k in (ComplaintAttachment.Kind.BEFORE, ComplaintAttachment.Kind.AFTER,
                                     ComplaintAttachment.Kind.DOCUMENT)])
    file = forms.FileField(label=_("File"))


class DataRequestAnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Answer"), choices=[
        (DataRequest.Status.HANDLED.value, DataRequest.Status.HANDLED.label),
        (DataRequest.Status.REFUSED.value, DataRequest.Status.REFUSED.label)], widget=forms.RadioSelect)
    response = forms.CharField(label=_("Answer to the person"), max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))


class DashboardFilterForm(forms.Form):
    province = forms.ModelChoiceField(label=_("Province"), queryset=Organization.objects.none(), required=False,
                                      empty_label=_("All provinces"), to_field_name="code")
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None, choices=[])

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Organization.objects.filter(
            kind=Organization.Kind.PROVINCE, is_active=True).order_by("name_th")
        self.fields["year"].choices = [("", _("Last 12 months"))] + [(y, str(thai.be_year(y))) for y in years]


POINT_HELP = _("Optional map point in decimal degrees, e.g. 8.4500 and 98.5200 (Thailand: latitude 5.5 to 20.5, "
               "longitude 97.3 to 105.7).")
