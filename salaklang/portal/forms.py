from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salaklang.core.forms import DateInput, DateTimeInput
from salaklang.portal.models import Category, Post, Site

DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["organization", "kind", "page", "category", "title", "summary", "body", "number", "effective_date",
                  "event_date", "venue", "expires_at"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={
                "rows": 14, "data-richtext": "1",
                # the toolbar's labels, in the page's language (read by static/portal/editor.js)
                "data-label-toolbar": _("Formatting"), "data-label-area": _("Text of the post"),
                "data-label-h2": _("Heading"), "data-label-h3": _("Subheading"), "data-label-p": _("Paragraph"),
                "data-label-b": _("Bold"), "data-label-i": _("Italic"), "data-label-ul": _("Bulleted list"),
                "data-label-ol": _("Numbered list"), "data-label-link": _("Link"), "data-label-unlink": _("Remove link"),
                "data-label-table": _("Table"), "data-label-html": _("HTML"),
                "data-label-link-prompt": _("Address of the link (https://…)"),
                "data-label-stripped": _("Scripts, embedded frames and event handlers in the pasted text were removed: "
                                         "posts may not run code."),
            }),
            "effective_date": DateInput(),
            "event_date": DateInput(),
            "expires_at": DateTimeInput(),
        }
        help_texts = {
            "body": _("Headings, lists, links, tables and images are kept; text pasted from Word keeps its structure. "
                      "Scripts are refused."),
        }

    def __init__(self, *args, site: Site, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = sections
        self.fields["organization"].empty_label = None
        self.fields["category"].queryset = Category.objects.filter(site=site)
        self.fields["expires_at"].input_formats = DT_FORMATS
        self.fields["title"].required = False
        if self.instance.pk:
            self.fields.pop("organization")


class PublishForm(forms.Form):
    publish_at = forms.DateTimeField(label=_("Publish at"), required=False, widget=DateTimeInput(),
                                     input_formats=DT_FORMATS,
                                     help_text=_("Leave empty to publish now."))


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)


class PhotoEditForm(forms.Form):
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    is_cover = forms.BooleanField(label=_("Cover photo"), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), max_length=300, required=False)


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["title_th", "title_en", "tagline", "tagline_en", "host", "address", "phone", "email"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name_th", "name_en", "slug", "sort_order"]


class ImportForm(forms.Form):
    url = forms.URLField(label=_("Feed address (RSS or Atom)"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("or a feed file"), required=False)
    kind = forms.ChoiceField(label=_("Import as"), choices=[(Post.Kind.NEWS, _("News")),
                                                            (Post.Kind.ANNOUNCEMENT, _("Announcement")),
                                                            (Post.Kind.DOCUMENT, _("Document"))])

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file"):
            raise forms.ValidationError(_("Give the address of a feed or choose a feed file."))
        return data
