"""The official Thai external / circular letter (หนังสือภายนอก / หนังสือเวียน), as PDF and DOCX.

Parts in the order of the Prime Minister's Office regulation on correspondence: ที่ · ส่วนราชการเจ้าของหนังสือ ·
วัน เดือน ปี · เรื่อง · เรียน · อ้างถึง · สิ่งที่ส่งมาด้วย · ข้อความ · คำลงท้าย · ลงชื่อ (ชื่อเต็มในวงเล็บ) · ตำแหน่ง ·
ส่วนราชการเจ้าของเรื่อง · โทร. / โทรสาร / ไปรษณีย์อิเล็กทรอนิกส์. A 3 cm space for the Garuda at the top centre,
margins 3 cm left and 2 cm right, Sarabun at the size of TH Sarabun 16 pt, speed marks in red.

The emblem is the organization's uploaded image (``Organization.emblem``), else a plain drawn seal outline
that prints cleanly; the address lines under the name come from ``Organization.address``. Each typed line
of the text is a paragraph with the 2.5 cm first-line indent, and the closing sentence (จึงเรียนมาเพื่อ…)
is always a paragraph of its own (``salaklang.documents.text.paragraphs``).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field

from salaklang.core.thai import format_date_letter, thai_digits, thai_digits_in_prose
from salaklang.documents.text import paragraphs as split_paragraphs

ORG_COLUMN_CM = 9.5  # where the organization's name and address lines start (from the left margin)
CLOSING_START = re.compile(r"^จึง(?:เรียน|ขอเรียน|แจ้ง)มาเพื่อ")
SPEED_MARKS = {"urgent": "ด่วน", "very_urgent": "ด่วนมาก", "most_urgent": "ด่วนที่สุด"}


@dataclass
class OfficialLetter:
    number: str
    organization_name: str
    organization_address: str
    date: dt.date
    subject: str
    addressee: str
    body: str
    signatory_name: str
    signatory_position: str
    references: list[str] = field(default_factory=list)
    enclosures: list[str] = field(default_factory=list)
    closing: str = "ขอแสดงความนับถือ"
    contact_unit: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    speed_mark: str = ""
    thai_digits: bool = True
    emblem: bytes | None = None  # PNG or JPEG; None: the drawn placeholder
    deadline: dt.datetime | None = None  # a call's submission deadline: printed before the closing sentence

    def __post_init__(self) -> None:
        """With Thai digits, every text of the letter has them — its number, subject, addressee, body, address,
        signatory, references and enclosures alike — in the PDF and the DOCX (the walk found the number Arabic in
        the PDF, Thai in the DOCX, and the subject Arabic in both). E-mail and web addresses keep their digits."""
        if not self.thai_digits:
            return
        for name in ("number", "organization_name", "organization_address", "subject", "addressee", "body",
                     "signatory_name", "signatory_position", "closing", "contact_unit", "phone", "fax"):
            setattr(self, name, thai_digits_in_prose(getattr(self, name)))
        self.references = [thai_digits_in_prose(x) for x in self.references]
        self.enclosures = [thai_digits_in_prose(x) for x in self.enclosures]

    @property
    def deadline_paragraph(self) -> str:
        """'ทั้งนี้ ขอให้ส่งข้อเสนอภายในวันที่ ๓๐ มิถุนายน ๒๕๖๙ เวลา ๑๖.๓๐ น.' — '' without a deadline, or when the
        typed text already gives that date."""
        if self.deadline is None:
            return ""
        from django.utils import timezone

        when = timezone.localtime(self.deadline) if timezone.is_aware(self.deadline) else self.deadline
        day = format_date_letter(when)
        if day in self.body or thai_digits(day) in self.body:
            return ""
        return self.t(f"ทั้งนี้ ขอให้ส่งข้อเสนอภายในวันที่ {day} เวลา {when:%H.%M} น.")

    def t(self, text: str) -> str:
        return thai_digits_in_prose(text) if self.thai_digits else text

    @property
    def date_text(self) -> str:
        return format_date_letter(self.date, digits=self.thai_digits)

    @property
    def speed_mark_text(self) -> str:
        return SPEED_MARKS.get(self.speed_mark, "")

    @property
    def paragraphs(self) -> list[str]:
        paras = split_paragraphs(self.body, split_closing=True)
        if self.deadline_paragraph:  # before the closing sentence (จึงเรียนมาเพื่อ…), else at the end
            at = len(paras) - 1 if paras and CLOSING_START.match(paras[-1]) else len(paras)
            paras.insert(at, self.deadline_paragraph)
        return paras

    @property
    def address_lines(self) -> list[str]:
        return split_paragraphs(self.organization_address)

    @property
    def emblem_png(self) -> bytes:
        return self.emblem or placeholder_emblem()

    @property
    def emblem_data_uri(self) -> str:
        data = self.emblem_png
        mime = "image/jpeg" if data[:3] == b"\xff\xd8\xff" else "image/png"
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"

    @property
    def references_numbered(self) -> list[str]:
        return self.numbered(self.references)

    @property
    def enclosures_numbered(self) -> list[str]:
        return self.numbered(self.enclosures)

    def numbered(self, items: list[str]) -> list[str]:
        if len(items) == 1:
            return list(items)
        return [self.t(f"{i}. {item}") for i, item in enumerate(items, start=1)]


@functools.cache
def placeholder_emblem() -> bytes:
    """The emblem of an organization that has uploaded none: a plain double ring in mid grey (thin, solid
    lines that print on any office printer), drawn at 4× and scaled down for smooth edges."""
    from PIL import Image, ImageDraw

    size, scale = 300, 4
    big = size * scale
    img = Image.new("LA", (big, big), (255, 0))
    draw = ImageDraw.Draw(img)
    grey = (120, 255)
    for inset, width in ((6, 5), (40, 3)):
        box = (inset * scale, inset * scale, big - inset * scale, big - inset * scale)
        draw.ellipse(box, outline=grey, width=width * scale)
    img = img.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def render_letter_pdf(letter: OfficialLetter) -> bytes:
    from salaklang.documents.pdf import render_pdf

    return render_pdf("documents/letter_pdf.html", {"letter": letter, "thai_digits": letter.thai_digits})


def render_letter_docx(letter: OfficialLetter) -> bytes:
    from docx.shared import Cm, RGBColor

    from salaklang.documents import docx as d

    doc = d.new_document(top_cm=1.5)
    if letter.speed_mark_text:
        d.add_paragraph(doc, letter.speed_mark_text, size=24, bold=True, color=RGBColor(0xC0, 0, 0))
    emblem = d.add_paragraph(doc, align="center")
    emblem.paragraph_format.space_after = Cm(0.4)
    emblem.add_run().add_picture(io.BytesIO(letter.emblem_png), height=Cm(3.0))
    p = d.add_paragraph(doc, f"ที่ {letter.number}")
    p.paragraph_format.tab_stops.add_tab_stop(Cm(ORG_COLUMN_CM))
    d.add_run(p, "\t" + letter.organization_name)
    for line in letter.address_lines:
        d.add_paragraph(doc, line, indent_cm=ORG_COLUMN_CM)
    d.add_paragraph(doc, letter.date_text, indent_cm=7.5, space_before=6)
    p = d.add_paragraph(doc, "เรื่อง", bold=True, space_before=6)
    d.add_run(p, "  " + letter.subject)
    p = d.add_paragraph(doc, "เรียน", bold=True, space_before=6)
    d.add_run(p, "  " + letter.addressee)
    if letter.references:
        for i, line in enumerate(letter.numbered(letter.references)):
            p = d.add_paragraph(doc, "อ้างถึง" if i == 0 else "", bold=True, space_before=6 if i == 0 else 0,
                                indent_cm=None if i == 0 else 2.5)
            d.add_run(p, ("  " if i == 0 else "") + line)
    if letter.enclosures:
        for i, line in enumerate(letter.numbered(letter.enclosures)):
            p = d.add_paragraph(doc, "สิ่งที่ส่งมาด้วย" if i == 0 else "", bold=True, space_before=6 if i == 0 else 0,
                                indent_cm=None if i == 0 else 2.5)
            d.add_run(p, ("  " if i == 0 else "") + line)
    for para in letter.paragraphs:
        d.add_paragraph(doc, para, first_line_cm=2.5, space_before=6, align="thai")
    d.add_paragraph(doc, letter.closing, indent_cm=7.5, space_before=12)
    d.add_paragraph(doc, "", space_before=24)
    d.add_paragraph(doc, f"({letter.signatory_name})", align="center", space_before=24)
    d.add_paragraph(doc, letter.signatory_position, align="center")
    if letter.contact_unit:
        d.add_paragraph(doc, letter.contact_unit, space_before=24)
    for label, value in (("โทร.", letter.phone), ("โทรสาร", letter.fax), ("ไปรษณีย์อิเล็กทรอนิกส์", letter.email)):
        if value:
            d.add_paragraph(doc, f"{label} {value}")
    return d.to_bytes(doc)
