"""HTML → PDF with WeasyPrint (Pango/HarfBuzz shape Thai correctly), Sarabun embedded.

    pdf_bytes = render_pdf("agendas/minutes_pdf.html", {"meeting": meeting})

The template should extend "documents/pdf_base.html" (A4, official margins, Sarabun).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from salaklang.documents.fonts import font_face_css

_FONT_CONFIG = None


def _font_config():
    """One FontConfiguration per process: building it (fontconfig + the Sarabun faces) is the slow part of
    the first render."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def render_pdf(template_name: str, context: dict | None = None, *, language: str = "th") -> bytes:
    from weasyprint import HTML

    ctx = {"font_face_css": font_face_css(), **(context or {})}
    with translation.override(language):
        html = render_to_string(template_name, ctx)
    return HTML(string=html, base_url=None).write_pdf(font_config=_font_config())


def pdf_text(data: bytes) -> str:
    """The text of a PDF (for tests). Note: extracted Thai can lose ำ (sara am) and mark order."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
