"""Every date in every document is Thai: B.E. years, Thai month names — never 2026-06-01 nor a C.E. year."""

from __future__ import annotations

import re
import shutil

import pytest

from salaklang.documents.docx import docx_text
from salaklang.documents.pdf import pdf_text
from salaklang.documents.tests.conftest import DOCX_KINDS, PDF_KINDS

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WESTERN_YEAR = re.compile(r"(?<![\d,.])(19|20)\d{2}(?![\d,])")  # 1900–2099: a C.E. year in a Thai document
THAI_YEAR = re.compile(r"(25[0-9]{2}|๒๕[๐-๙]{2})")


def _text(kind: str, data: bytes) -> str:
    return docx_text(data) if kind.endswith("docx") else pdf_text(data)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (make system-deps)")
@pytest.mark.parametrize("kind", PDF_KINDS + DOCX_KINDS)
def test_no_iso_dates_nor_western_years_in_any_document(render_document, kind):
    text = _text(kind, render_document(kind).data)
    assert not ISO_DATE.findall(text), ISO_DATE.findall(text)
    western = [m.group(0) for m in WESTERN_YEAR.finditer(text)]
    assert not western, [text[max(0, m.start() - 40):m.end() + 10] for m in WESTERN_YEAR.finditer(text)]
    assert THAI_YEAR.search(text), "each document shows at least one B.E. date or year"


def test_the_proposal_prints_its_dates_in_thai(render_document):
    text = docx_text(render_document("proposal_docx").data)
    assert "1 มิถุนายน พ.ศ. 2569" in text and "15 กันยายน พ.ศ. 2569" in text


def test_spreadsheet_exports_write_dates_in_thai(render_document):
    from openpyxl import load_workbook

    from salaklang.calls import documents, exports
    from salaklang.calls.models import Call

    call = Call.objects.get(title__startswith="[ตัวอย่าง] ขอให้ส่วนราชการเสนอนวัตกรรม")
    rows = list(exports.proposal_rows(call))  # the rows the view and the export job write
    assert rows and any(r[5] for r in rows)  # some were submitted: a date to print
    xlsx = documents.proposals_xlsx(call, rows)  # a temporary file, streamed by the view
    xlsx.seek(0)
    ws = load_workbook(xlsx).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if ISO_DATE.search(c)]
    assert any(THAI_YEAR.search(c) or re.search(r"\d+ [ก-๙.]+ \d{2} \d{2}:\d{2} น\.", c) for c in cells)
