"""Photos and documents attached to complaints: checked by content and size; photos re-encoded with Pillow.

Re-encoding drops every piece of metadata (EXIF, GPS, XMP, comments). When the citizen chose to share the map
point, the photo keeps its EXIF (including GPS) — they asked for the place to be known.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from salaklang.complaints.models import ComplaintAttachment
from salaklang.core import uploads
from salaklang.core.uploads import PHOTO_TYPES

DOCUMENT_TYPES = {"application/pdf"}
MAX_SIDE = 2560  # accepted photos are scaled down to this longest side


def max_bytes() -> int:
    return int(settings.COMPLAINTS_MAX_UPLOAD_BYTES)


def check_upload(upload) -> str:
    """The content type (by content, not by name) or ValidationError."""
    return uploads.content_type(upload, allowed=set(PHOTO_TYPES) | DOCUMENT_TYPES, max_bytes=max_bytes(),
                                refused=_("Only photos (JPEG, PNG, WebP) and PDF documents are accepted "
                                          "(checked by content)."))


def store_upload(*, complaint, upload, kind: str, actor=None, keep_location: bool = False) -> ComplaintAttachment:
    mime = check_upload(upload)
    name = os.path.basename(getattr(upload, "name", "") or "file")[:150]
    if mime in PHOTO_TYPES:
        data, mime, _width, _height = uploads.reencode_photo(upload, keep_exif=keep_location, max_side=MAX_SIDE)
        stem = os.path.splitext(name)[0] or "photo"
        name = f"{stem}.{ {'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp'}[mime] }"
        content = ContentFile(data, name=name)
    else:
        upload.seek(0)
        content = ContentFile(upload.read(), name=name)
    att = ComplaintAttachment(complaint=complaint, kind=kind, original_name=name, content_type=mime,
                              size=content.size, uploaded_by=actor if getattr(actor, "is_authenticated", False)
                              else None, is_public=kind in (ComplaintAttachment.Kind.BEFORE,
                                                           ComplaintAttachment.Kind.AFTER))
    att.file.save(f"{complaint.code}-{name}", content, save=False)
    att.save()
    return att
