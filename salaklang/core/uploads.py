"""Uploads, checked the same way everywhere: by content (magic bytes, not the name), by size, and photos
re-encoded with Pillow so that nothing but pixels survives (EXIF, GPS, XMP, comments are dropped unless the
caller keeps the EXIF on purpose, e.g. a citizen who chose to share the place of a complaint).

Used by calls (proposal and call attachments), plans (progress evidence), agendas (meeting photos) and
complaints (photos and documents). Every failure is a ``ValidationError`` with a message for the person.
"""

from __future__ import annotations

import contextlib
import contextvars
import io

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"
PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# What an office attaches to a proposal, a call or a progress report.
OFFICE_DOCUMENTS = frozenset({PDF, "image/jpeg", "image/png", DOCX, XLSX, ZIP})
MAX_PIXELS = 40_000_000  # about 7,300 × 5,500: larger pictures are refused (decompression bombs)


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_BYTES)


def content_type(upload, *, allowed=OFFICE_DOCUMENTS, max_bytes: int | None = None, refused: str | None = None) -> str:
    """The content type of ``upload`` judged by its first bytes, or ValidationError (too large, not allowed)."""
    limit = max_bytes or max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in allowed:
        raise ValidationError(refused or _("Only PDF, DOCX, XLSX, JPEG and PNG files are accepted (checked by content)."))
    if not matches_declared_kind(getattr(upload, "name", "") or "", mime):
        raise ValidationError(_("The content of this file does not match its name (%(name)s): a file must be what "
                                "its extension says, e.g. a real PDF for .pdf.") % {
            "name": (getattr(upload, "name", "") or "")[-60:]})
    return mime


# The extensions a content type may carry. A name with one of the known extensions must match its content (a ZIP
# renamed .pdf is refused); photos may carry any photo extension (phones mix them up and photos are re-encoded).
_PHOTO_EXT = {".jpg", ".jpeg", ".png", ".webp", ".jfif"}
EXTENSIONS = {
    PDF: {".pdf"}, DOCX: {".docx"}, XLSX: {".xlsx"}, ZIP: {".zip"},
    "image/jpeg": _PHOTO_EXT, "image/png": _PHOTO_EXT, "image/webp": _PHOTO_EXT,
}
_KNOWN_EXT = set().union(*EXTENSIONS.values()) | {".doc", ".xls", ".ppt", ".pptx", ".txt", ".csv", ".exe", ".html",
                                                  ".htm", ".svg", ".gif", ".rar", ".7z"}


def matches_declared_kind(name: str, mime: str) -> bool:
    """True when ``name``'s extension agrees with the content type found by content (or says nothing)."""
    import os

    ext = os.path.splitext(name.lower())[1]
    if not ext or ext not in _KNOWN_EXT:
        return True
    return ext in EXTENSIONS.get(mime, set())


def reencode_photo(upload, *, keep_exif: bool = False, max_side: int = 2560, as_jpeg: bool = False,
                   refused: str | None = None) -> tuple[bytes, str, int, int]:
    """Open, verify, bound and re-encode a photo: ``(bytes, mime, width, height)``. Metadata is dropped unless
    ``keep_exif``; ``as_jpeg`` turns every photo into a JPEG."""
    not_a_photo = refused or _("This file is not a readable picture.")
    try:
        with Image.open(upload) as probe:
            if probe.format not in PHOTO_TYPES.values():
                raise ValidationError(not_a_photo)
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo is too large (%(w)s × %(h)s pixels).") % {"w": width, "h": height})
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as img:
            fmt = "JPEG" if as_jpeg else img.format
            exif = img.info.get("exif") if keep_exif else None
            img = ImageOps.exif_transpose(img)
            img.thumbnail((max_side, max_side))
            out = io.BytesIO()
            if fmt == "JPEG":
                img = img.convert("RGB")
                options = {"quality": 85, "optimize": True}
                if exif:
                    options["exif"] = exif
                img.save(out, "JPEG", **options)
            else:
                img.save(out, fmt)
            size = img.size
    except ValidationError:
        raise
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(not_a_photo) from None
    mime = {v: k for k, v in PHOTO_TYPES.items()}[fmt]
    return out.getvalue(), mime, size[0], size[1]


# --- nothing half-written on disk ----------------------------------------------------------------------------
_written: contextvars.ContextVar[list | None] = contextvars.ContextVar("uploads_written", default=None)


class RollbackAwareStorage(FileSystemStorage):
    """The default storage: remembers each file it writes inside ``files_removed_on_rollback()`` so that a
    transaction that rolls back leaves no orphan file behind."""

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name


@contextlib.contextmanager
def files_removed_on_rollback():
    """Wrap a service's ``transaction.atomic()`` block: when an exception leaves it (the transaction rolled back),
    every file written inside is deleted. Nested uses share the outermost list."""
    if _written.get() is not None:
        yield
        return
    names: list = []
    token = _written.set(names)
    try:
        yield
    except BaseException:
        for storage, name in names:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise
    finally:
        _written.reset(token)


def atomic_with_files(func):
    """Decorator: ``transaction.atomic`` plus ``files_removed_on_rollback``."""
    import functools

    from django.db import transaction

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with files_removed_on_rollback(), transaction.atomic():
            return func(*args, **kwargs)

    return wrapper
