"""Meeting photos: re-encoded on upload, publishable on the public page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.agendas import access
from salaklang.agendas.models import (
    Meeting,
    MeetingPhoto,
)
from salaklang.agendas.services.meetings import _meeting_locked
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.core.uploads import atomic_with_files


# --- photos ----------------------------------------------------------------------------------
def reencode_photo(upload) -> tuple[bytes, int, int]:
    """A meeting photo checked by content and size, re-encoded as JPEG (at most 2400 px) with no metadata."""
    from salaklang.core import uploads

    uploads.content_type(upload, allowed=set(uploads.PHOTO_TYPES),
                         refused=_("Only JPEG, PNG or WebP photos are accepted."))
    data, _mime, width, height = uploads.reencode_photo(upload, max_side=2400, as_jpeg=True,
                                                        refused=_("Only JPEG, PNG or WebP photos are accepted."))
    return data, width, height


@atomic_with_files  # issue 10: a rolled-back upload leaves no file on disk
def photo_add(*, actor: User, meeting: Meeting, upload, caption: str = "", publishable: bool = False) -> MeetingPhoto:
    from django.core.files.base import ContentFile

    meeting = _meeting_locked(meeting.pk)
    if not access.can_write_minutes(actor, meeting):
        raise PermissionDenied
    data, width, height = reencode_photo(upload)
    photo = MeetingPhoto(meeting=meeting, caption=caption, publishable=publishable, uploaded_by=actor,
                         width=width, height=height, size=len(data))
    photo.image.save(f"meeting-{meeting.pk}.jpg", ContentFile(data), save=False)
    photo.save()
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=meeting, verb="meeting_photo_added",
           organization=meeting.committee.organization,
           changes={"photo": [None, photo.pk], "publishable": [None, publishable]})
    return photo


@transaction.atomic
def photo_set_publishable(*, actor: User, photo: MeetingPhoto, publishable: bool) -> MeetingPhoto:
    photo = MeetingPhoto.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=photo.pk)
    if not access.can_write_minutes(actor, photo.meeting):
        raise PermissionDenied
    if photo.publishable != publishable:
        photo.publishable = publishable
        photo.save(update_fields=["publishable"])
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=photo.meeting, verb="meeting_photo_publishable",
               organization=photo.meeting.committee.organization,
               changes={"photo": [None, photo.pk], "publishable": [not publishable, publishable]})
    return photo
