"""The official letter: typed paragraphs, the closing sentence, the emblem and the address lines (PDF and DOCX)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image
from pypdf import PdfReader

from salaklang.calls import documents
from salaklang.calls.models import Call
from salaklang.documents.pdf import pdf_text, squash
from salaklang.organizations.models import Organization

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make system-deps)")

# What a browser sends from the call form's textarea: CRLF line ends, paragraphs separated by a blank line,
# and here the closing sentence typed at the end of the last paragraph.
BODY = ("ด้วยสำนักงาน ก.พ.ร. กำหนดให้จังหวัดเสนอผลงานนวัตกรรมของจังหวัด จำนวน 1 นวัตกรรม\r\n\r\n"
        "จังหวัดพังงาจึงขอให้ทุกส่วนราชการพัฒนานวัตกรรมและจัดทำข้อเสนอตามแบบฟอร์มที่แนบมาพร้อมนี้\r\n"
        "โดยส่งผ่านระบบศาลากลางภายในวันที่กำหนด จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ")
PARAGRAPHS = ["ด้วยสำนักงาน ก.พ.ร. กำหนดให้จังหวัดเสนอผลงานนวัตกรรมของจังหวัด จำนวน ๑ นวัตกรรม",
              "จังหวัดพังงาจึงขอให้ทุกส่วนราชการพัฒนานวัตกรรมและจัดทำข้อเสนอตามแบบฟอร์มที่แนบมาพร้อมนี้",
              "โดยส่งผ่านระบบศาลากลางภายในวันที่กำหนด",
              "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ"]
LEFT_MARGIN_PT = 3 / 2.54 * 72
INDENT_PT = 2.5 / 2.54 * 72


@pytest.fixture
def call(full_demo):
    c = Call.objects.select_related("issuer").get(title__startswith="[ตัวอย่าง] ขอให้ส่วนราชการเสนอนวัตกรรม")
    c.body = BODY
    c.save(update_fields=["body"])
    return c


def _pdf_lines(data: bytes) -> list[tuple[float, str]]:
    """(left edge in pt, text) of each line of the first page, from poppler's layout analysis."""
    out = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", "-", "-"], input=data,
                         capture_output=True, check=True).stdout.decode()
    lines = []
    for m in re.finditer(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', out, re.S):
        words = re.findall(r">([^<]*)</word>", m[2])
        lines.append((float(m[1]), " ".join(words)))
    return lines


@needs_poppler
def test_letter_pdf_sets_each_typed_paragraph_with_the_first_line_indent(call):
    lines = _pdf_lines(documents.letter_pdf(call))
    left = min(x for x, _text in lines)  # the left margin, as poppler measures it
    assert abs(left - LEFT_MARGIN_PT) < 8
    for para in PARAGRAPHS:
        starts = [x for x, text in lines if squash(text) and squash(para).startswith(squash(text)[:12])]
        assert starts, (para, lines)
        assert abs(starts[0] - left - INDENT_PT) < 2, (para, starts[0] - left)
    closing = [text for _x, text in lines if "จึงเรียนมาเพื่อ" in text]
    assert [squash(t) for t in closing] == [squash(PARAGRAPHS[-1])]  # alone on its line


def test_letter_docx_has_one_paragraph_per_typed_paragraph(call):
    doc = Document(io.BytesIO(documents.letter_docx(call)))
    body = [p for p in doc.paragraphs if p.text in PARAGRAPHS]
    assert [p.text for p in body] == PARAGRAPHS
    assert all(abs(p.paragraph_format.first_line_indent.cm - 2.5) < 0.01 for p in body)
    assert not any("\n" in p.text or "<w:br/>" in p._p.xml for p in doc.paragraphs)


# --- emblem and address ------------------------------------------------------------------------
def _png(color=(200, 30, 30), size=(400, 300), exif=False) -> bytes:
    img = Image.new("RGB", size, color)
    out = io.BytesIO()
    if exif:
        ex = Image.Exif()
        ex[0x010E] = "secret description"
        img.save(out, "JPEG", exif=ex)
    else:
        img.save(out, "PNG")
    return out.getvalue()


def _pdf_images(data: bytes) -> list[tuple[int, int]]:
    page = PdfReader(io.BytesIO(data)).pages[0]
    return [(img.image.width, img.image.height) for img in page.images]


@needs_poppler
def test_letters_print_the_address_lines_and_a_clean_placeholder_without_an_upload(call):
    pna = Organization.objects.get(code="PNA")
    pna.emblem = ""
    pna.save(update_fields=["emblem"])
    call.refresh_from_db()
    pdf = documents.letter_pdf(call)
    text = pdf_text(pdf)
    assert "ตราครุฑ" not in text
    names = squash(text)
    assert squash("ศาลากลางจังหวัดพังงา ถนนเพชรเกษม ตำบลท้ายช้าง อำเภอเมืองพังงา จังหวัดพังงา ๘๒๐๐๐") in names
    assert _pdf_images(pdf) == [(300, 300)]  # the drawn placeholder, not a dashed box with a caption
    doc = Document(io.BytesIO(documents.letter_docx(call)))
    assert "ตราครุฑ" not in "\n".join(p.text for p in doc.paragraphs)
    assert len(doc.inline_shapes) == 1 and round(doc.inline_shapes[0].height.cm, 1) == 3.0
    texts = [p.text for p in doc.paragraphs]
    at = next(i for i, t in enumerate(texts) if "ศาลากลางจังหวัดพังงา" in t)
    assert texts[at + 1:at + 3] == ["ถนนเพชรเกษม ตำบลท้ายช้าง", "อำเภอเมืองพังงา จังหวัดพังงา ๘๒๐๐๐"]


def test_strategy_staff_upload_the_province_emblem_and_letters_use_it(call, client_as):
    c = client_as("pn.strategy")
    pna = Organization.objects.get(code="PNA")
    url = reverse("organizations:letterhead", args=[pna.pk])
    assert c.get(url).status_code == 200
    r = c.post(url, {"address": "ถนนเพชรเกษม\r\nอำเภอเมืองพังงา จังหวัดพังงา 82000",
                     "emblem": SimpleUploadedFile("seal.jpg", _jpeg())})
    assert r.status_code == 302, r.content.decode()[:2000]
    pna.refresh_from_db()
    stored = pna.emblem_bytes()
    assert stored[:8] == b"\x89PNG\r\n\x1a\n"  # re-encoded to PNG
    with Image.open(io.BytesIO(stored)) as img:
        assert img.size == (500, 400) and "exif" not in img.info
    assert pna.address == "ถนนเพชรเกษม\nอำเภอเมืองพังงา จังหวัดพังงา 82000"
    call.refresh_from_db()
    assert _pdf_images(documents.letter_pdf(call)) == [(500, 400)]
    doc = Document(io.BytesIO(documents.letter_docx(call)))
    blob = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert doc.part.related_parts[blob].blob == stored
    # the detail page links to the form and shows the address
    page = c.get(reverse("organizations:detail", args=[pna.pk])).content.decode()
    assert url in page and "ถนนเพชรเกษม" in page


def _jpeg() -> bytes:
    return _png(exif=True, size=(500, 400))


def test_the_emblem_is_checked_by_content_and_nothing_is_half_written(call, client_as):
    c = client_as("pn.strategy")
    pna = Organization.objects.get(code="PNA")
    before = (pna.address, pna.emblem.name)
    r = c.post(reverse("organizations:letterhead", args=[pna.pk]), {
        "address": "ที่อยู่ใหม่", "emblem": SimpleUploadedFile("seal.png", b"<svg onload=alert(1)></svg>")})
    assert r.status_code == 400
    assert "PNG" in r.content.decode()
    pna.refresh_from_db()
    assert (pna.address, pna.emblem.name) == before


def test_who_may_change_the_letterhead(call, client_as):
    pna = Organization.objects.get(code="PNA")
    tour = Organization.objects.get(code="PNA-TOUR")
    assert client_as("pn.tourism").get(reverse("organizations:letterhead", args=[pna.pk])).status_code == 403
    assert client_as("pn.tourism.head").get(reverse("organizations:letterhead", args=[tour.pk])).status_code == 200
    assert client_as("cr.strategy").get(reverse("organizations:letterhead", args=[pna.pk])).status_code == 404
