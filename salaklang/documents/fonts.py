"""The Sarabun typeface files we serve and embed (OFL), shared by the web pages, PDFs and DOCX."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent.parent / "core" / "static" / "salaklang" / "fonts"
SARABUN = {
    "regular": FONT_DIR / "Sarabun-Regular.ttf",
    "italic": FONT_DIR / "Sarabun-Italic.ttf",
    "semibold": FONT_DIR / "Sarabun-SemiBold.ttf",
    "bold": FONT_DIR / "Sarabun-Bold.ttf",
    "bolditalic": FONT_DIR / "Sarabun-BoldItalic.ttf",
}
# TH Sarabun PSK/New 16 pt (the official size) has the x-height of about Sarabun 10.66 pt.
OFFICIAL_SIZE_PT = 16
SARABUN_EQUIVALENT_PT = 10.66


def font_face_css() -> str:
    """@font-face rules with file:// URLs for WeasyPrint (never a CDN)."""
    rules = []
    for key, weight, style in (("regular", 400, "normal"), ("italic", 400, "italic"), ("semibold", 600, "normal"),
                               ("bold", 700, "normal"), ("bolditalic", 700, "italic")):
        rules.append(
            f'@font-face {{ font-family: "Sarabun"; src: url("{SARABUN[key].as_uri()}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)
