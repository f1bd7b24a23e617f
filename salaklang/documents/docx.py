"""DOCX with python-docx, set up for Thai: complex-script font and size (w:cs, w:szCs) and Thai
language on every run, A4 with the official margins (3 cm left, 2 cm right).

    doc = new_document()
    add_paragraph(doc, "บันทึกข้อความ", size=29, bold=True, align="center")
    data = to_bytes(doc)
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "TH Sarabun New"  # what Thai government offices have installed; Word falls back to Sarabun/Tahoma
FALLBACK_FONT = "Sarabun"
SIZE = 16

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "thai": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}


def _child(rpr, tag: str, *, first: bool = False):
    """The ``tag`` element of run properties, added (last, or first) when it is missing."""
    element = rpr.find(qn(tag))
    if element is None:
        element = rpr.makeelement(qn(tag), {})
        if first:
            rpr.insert(0, element)
        else:
            rpr.append(element)
    return element


def _set_fonts(rpr, font: str) -> None:
    """Every script of the run properties in ``font``: Latin, complex (Thai) and East Asian."""
    rfonts = _child(rpr, "w:rFonts", first=True)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)


def _set_run_font(run, *, size: float = SIZE, bold: bool = False, color: RGBColor | None = None, font: str = FONT):
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    _set_fonts(rpr, font)
    # complex-script size and bold: Word uses these for Thai text
    _child(rpr, "w:szCs").set(qn("w:val"), str(int(size * 2)))
    if bold and rpr.find(qn("w:bCs")) is None:
        rpr.append(rpr.makeelement(qn("w:bCs"), {}))
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:bidi"), "th-TH")
    lang.set(qn("w:val"), "th-TH")
    rpr.append(rpr.makeelement(qn("w:cs"), {}))


def new_document(*, top_cm: float = 2.5, left_cm: float = 3.0, right_cm: float = 2.0, bottom_cm: float = 2.0):
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(left_cm), Cm(right_cm)
        section.top_margin, section.bottom_margin = Cm(top_cm), Cm(bottom_cm)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE)
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, FONT)
    szcs = rpr.makeelement(qn("w:szCs"), {qn("w:val"): str(SIZE * 2)})
    rpr.append(szcs)
    lang = rpr.makeelement(qn("w:lang"), {qn("w:val"): "th-TH", qn("w:bidi"): "th-TH"})
    rpr.append(lang)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    return doc


def add_paragraph(doc, text: str = "", *, size: float = SIZE, bold: bool = False, align: str = "left",
                  indent_cm: float | None = None, first_line_cm: float | None = None, space_before: float = 0,
                  color: RGBColor | None = None):
    p = doc.add_paragraph()
    p.alignment = ALIGN[align]
    if indent_cm is not None:
        p.paragraph_format.left_indent = Cm(indent_cm)
    if first_line_cm is not None:
        p.paragraph_format.first_line_indent = Cm(first_line_cm)
    if space_before:
        p.paragraph_format.space_before = Pt(space_before)
    if text:
        _set_run_font(p.add_run(text), size=size, bold=bold, color=color)
    return p


def add_run(paragraph, text: str, *, size: float = SIZE, bold: bool = False, color: RGBColor | None = None):
    run = paragraph.add_run(text)
    _set_run_font(run, size=size, bold=bold, color=color)
    return run


def add_table(doc, header: list[str], rows: list[list[str]], *, size: float = 14):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        add_run(cell.paragraphs[0], str(text), size=size, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            add_run(cell.paragraphs[0], str(text), size=size)
    return table


def to_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def docx_text(data: bytes) -> str:
    """All paragraph and table text of a DOCX (for tests)."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
