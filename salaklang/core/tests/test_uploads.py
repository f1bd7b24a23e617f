"""Uploads are judged by content and size; photos come out with no metadata unless EXIF is kept on purpose."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from salaklang.core import uploads


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (7.0, 53.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_file_that_lies_about_its_type_is_refused():
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    with pytest.raises(ValidationError):
        uploads.content_type(fake)


def test_a_real_pdf_is_accepted_and_a_large_one_refused(settings):
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", content_type="text/plain")
    assert uploads.content_type(pdf) == "application/pdf"
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="MB"):
        uploads.content_type(pdf)


def test_reencoded_photo_has_no_exif_unless_kept():
    raw = _jpeg_with_gps()
    assert Image.open(io.BytesIO(raw)).getexif()
    data, mime, width, height = uploads.reencode_photo(SimpleUploadedFile("p.jpg", raw))
    assert mime == "image/jpeg" and (width, height) == (64, 48)
    assert not Image.open(io.BytesIO(data)).getexif()
    kept, *_ = uploads.reencode_photo(SimpleUploadedFile("p.jpg", raw), keep_exif=True)
    assert Image.open(io.BytesIO(kept)).getexif().get(0x010F) == "Camera maker"


def test_not_a_picture_and_huge_pictures_are_refused():
    with pytest.raises(ValidationError):
        uploads.reencode_photo(SimpleUploadedFile("x.jpg", b"%PDF-1.4 not an image"))
    huge = io.BytesIO()
    Image.new("L", (8000, 6000)).save(huge, "PNG")
    with pytest.raises(ValidationError, match="8000"):
        uploads.reencode_photo(SimpleUploadedFile("big.png", huge.getvalue()))
