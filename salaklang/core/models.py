from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Version(models.Model):
    """A numbered copy of an object's content at one moment (``data``), with who saved it and when: a proposal at
    each submission, a portal post before each change. The concrete model adds the foreign key to its object, names
    it in ``subject_field`` and declares the unique (object, number) constraint and the ordering."""

    subject_field = ""

    number = models.PositiveIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{getattr(self, f'{self.subject_field}_id')} v{self.number}"
