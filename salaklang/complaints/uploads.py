"""Photos and documents attached to complaints: checked by content and size; photos re-encoded with Pillow.

Re-encoding drops every piece of metadata (EXIF, GPS, XMP, comments). When the citizen chose to share the map
point, the photo keeps its EXIF (including GPS) — they asked for the place to be known.
"""

from __future__ import annotations

import io
import os

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from salaklang.complaints.models import ComplaintAttachment

PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
DOCUMENT_TYPES = {"application/pdf"}
MAX_PIXELS = 40_000_000  # about 7,300 × 5,500: larger pictures are refused (decompression bombs)
MAX_SIDE = 2560  # accepted photos are scaled down to this longest side


def max_bytes() -> int:
    return int(getattr(settings, "COMPLAINTS_MAX_UPLOAD_BYTES", min(settings.MAX_UPLOAD_BYTES, 10 * 1024 * 1024)))


def check_upload(upload) -> str:
    """The content type (by content, not by name) or ValidationError."""
    if upload.size > max_bytes():
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)})
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in PHOTO_TYPES and mime not in DOCUMENT_TYPES:
        raise ValidationError(_("Only photos (JPEG, PNG, WebP) and PDF documents are accepted (checked by content)."))
    return mime


def reencode_photo(upload, mime: str, *, keep_location: bool) -> tuple[bytes, str]:
    """Open, verify, bound the size, re-encode. Returns (bytes, mime)."""
    try:
        with Image.open(upload) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo is too large (%(w)s × %(h)s pixels).") % {"w": width, "h": height})
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as img:
            exif = img.info.get("exif") if keep_location else None
            img = ImageOps.exif_transpose(img)
            img.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            fmt = PHOTO_TYPES[mime]
            if fmt == "JPEG":
                img = img.convert("RGB")
                kwargs = {"quality": 85, "optimize": True}
                if exif:
                    kwargs["exif"] = exif
                img.save(out, "JPEG", **kwargs)
            else:
                img.save(out, fmt)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not a readable picture.")) from None
    return out.getvalue(), mime


def store_upload(*, complaint, upload, kind: str, actor=None, keep_location: bool = False) -> ComplaintAttachment:
    mime = check_upload(upload)
    name = os.path.basename(getattr(upload, "name", "") or "file")[:150]
    if mime in PHOTO_TYPES:
        data, mime = reencode_photo(upload, mime, keep_location=keep_location)
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
