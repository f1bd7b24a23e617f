"""Background work of the portal: photo renditions (thumbnail / medium / large), made once after upload."""

from __future__ import annotations

import io
import uuid

from django.core.files.base import ContentFile
from django.tasks import task
from PIL import Image

from salaklang.portal.models import Photo


def render(photo: Photo) -> list[str]:
    """Make the missing renditions of ``photo`` (JPEG, or WebP for WebP originals); return the sizes made."""
    made = []
    with photo.image.open("rb") as fh, Image.open(fh) as original:
        original.load()
        for name, width in Photo.SIZES.items():
            if getattr(photo, name):
                continue
            img = original.copy()
            img.thumbnail((width, width * 4))
            out = io.BytesIO()
            if photo.content_type == "image/webp":
                img.save(out, "WEBP", quality=80)
                ext = "webp"
            else:
                img.convert("RGB").save(out, "JPEG", quality=80, optimize=True, progressive=True)
                ext = "jpg"
            getattr(photo, name).save(f"{uuid.uuid4().hex}-{name}.{ext}", ContentFile(out.getvalue()), save=False)
            made.append(name)
    if made:
        photo.save(update_fields=made)
    return made


@task()
def make_renditions(photo_ids: list[int]) -> int:
    n = 0
    for photo in Photo.objects.filter(pk__in=photo_ids):
        if render(photo):
            n += 1
    return n
