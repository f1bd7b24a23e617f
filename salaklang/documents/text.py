"""User-typed text in official documents: one typed line is one paragraph.

People type letters and minutes in a textarea: Enter starts a new paragraph (as in Word), blank lines are
spacing, and browsers send CRLF. Each paragraph is then set with the regulation's first-line indent (2.5 cm)
in the PDF and as a real paragraph in the DOCX (never line breaks inside one paragraph)."""

from __future__ import annotations

import re

# The closing sentence of a letter's text (จึงเรียนมาเพื่อโปรดทราบ / โปรดพิจารณา / โปรดพิจารณาดำเนินการ …) stands
# on its own paragraph even when it was typed at the end of the last one.
_CLOSING = re.compile(r"^(?P<text>.*\S)\s+(?P<closing>จึง(?:เรียน|ขอเรียน|แจ้ง)มาเพื่อ\S.*)$", re.DOTALL)


def paragraphs(text: str | None, *, split_closing: bool = False) -> list[str]:
    if not text:
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paras = [line.strip() for line in lines if line.strip()]
    if split_closing and paras:
        match = _CLOSING.match(paras[-1])
        if match:
            paras[-1:] = [match["text"], match["closing"]]
    return paras
