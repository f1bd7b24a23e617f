"""HTML → PDF with WeasyPrint (Pango/HarfBuzz shape Thai correctly), Sarabun embedded.

    pdf_bytes = render_pdf("agendas/minutes_pdf.html", {"meeting": meeting})

The template should extend "documents/pdf_base.html" (A4, official margins, Sarabun).

The text layer: every line of text is wrapped in a marked-content span carrying its source text as
``/ActualText`` (PDF 32000-1 §14.9.4), because the glyph-level ToUnicode map cannot represent Thai after
HarfBuzz's Thai shaping (sara am decomposed into nikhahit + sara aa, marks reordered) — see
docs/decisions/pdf-text-layer.md. ``pdf_text()`` reads the text as poppler's ``pdftotext`` does.
"""

from __future__ import annotations

import shutil
import subprocess

from django.template.loader import render_to_string
from django.utils import translation

from salaklang.documents.fonts import font_face_css

_FONT_CONFIG = None
_ACTUAL_TEXT_INSTALLED = False


def _font_config():
    """One FontConfiguration per process: building it (fontconfig + the Sarabun faces) is the slow part of
    the first render."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def install_actual_text() -> None:
    """Wrap WeasyPrint's drawing of each line of text in ``/Span <</ActualText (…)>> BDC … EMC``.

    WeasyPrint writes one ToUnicode entry per glyph (the first text it met for that glyph). Thai shaping
    turns ำ into two glyphs — nikhahit and the ordinary sara aa glyph — and moves tone marks, so per-glyph
    maps give "ประจาปี" for ประจำปี and "นา" for น้ำ whatever the font. ActualText gives the reader the
    source text of the line; poppler, Acrobat and screen readers use it. The rendering is unchanged."""
    global _ACTUAL_TEXT_INSTALLED
    if _ACTUAL_TEXT_INSTALLED:
        return
    import pydyf
    from weasyprint.draw import text as wp_text

    draw_first_line = wp_text.draw_first_line

    def draw_first_line_with_actual_text(stream, textbox, *args, **kwargs):
        text = textbox.text
        if not text.strip():
            return draw_first_line(stream, textbox, *args, **kwargs)
        stream.begin_marked_content("Span", pydyf.Dictionary({"ActualText": pydyf.String(text)}))
        try:
            return draw_first_line(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    wp_text.draw_first_line = draw_first_line_with_actual_text
    _ACTUAL_TEXT_INSTALLED = True


def render_pdf(template_name: str, context: dict | None = None, *, language: str = "th") -> bytes:
    from weasyprint import HTML

    install_actual_text()
    ctx = {"font_face_css": font_face_css(), **(context or {})}
    with translation.override(language):
        html = render_to_string(template_name, ctx)
    return HTML(string=html, base_url=None).write_pdf(font_config=_font_config())


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF as poppler's ``pdftotext`` reads it (what copy-paste, search engines and
    screen readers get). Falls back to pypdf (which ignores ActualText) when poppler-utils is missing."""
    exe = shutil.which("pdftotext")
    if exe:
        return subprocess.run([exe, "-enc", "UTF-8", "-q", "-", "-"], input=data, capture_output=True,
                              check=True, timeout=60).stdout.decode()
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    """Text without any whitespace, to compare a PDF's text layer with its source text."""
    return "".join(text.split())
