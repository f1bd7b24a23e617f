"""The text layer of every PDF we generate is the source Thai text (docs/decisions/pdf-text-layer.md).

pdftotext (poppler) reads the PDF as copy-paste, search engines and screen readers do; its output, with the
whitespace removed, must contain each source text exactly — sara am, sara aa and tone marks included."""

from __future__ import annotations

import shutil

import pytest

from salaklang.documents.pdf import pdf_text, render_pdf, squash
from salaklang.documents.tests.conftest import PDF_KINDS

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make system-deps)")

# Words whose extraction broke: ำ decomposed by the Thai shaper, tone marks above ำ, stacked marks.
HARD_WORDS = ["ประจำปี", "น้ำ", "ธันวาคม", "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ", "ผู้ว่าราชการจังหวัด", "ปั้น",
              "ที่ดิน", "ญี่ปุ่น", "กรุงเทพมหานคร", "ศูนย์ดำรงธรรม", "ค่ำ", "ซ้ำ", "กำลังคน"]


def test_pdftotext_returns_the_exact_source_text_of_hard_thai_words():
    html_text = " ".join(HARD_WORDS)
    data = render_pdf("documents/text_sample_pdf.html", {"text": html_text})
    assert squash(pdf_text(data)) == squash(html_text) * 2  # regular, then bold


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_every_pdf_kind_carries_its_source_thai_text(render_document, kind):
    doc = render_document(kind)
    assert doc.data[:4] == b"%PDF"
    text = squash(pdf_text(doc.data))
    missing = [s for s in doc.sources if s and squash(s) not in text]
    assert not missing, (missing, text)
    assert any("ำ" in s for s in doc.sources), "each kind's sources include a word with sara am"
