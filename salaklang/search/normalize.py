"""One normalisation for Thai search text, used for indexing and for querying (never two versions of it).

``clean(text)`` keeps what a reader sees (case, digit forms) but fixes how it was typed: Unicode NFC, full-width
forms, zero-width characters, sara am typed as nikhahit + sara aa (ํ+า → ำ, also with a tone mark between or a
misordered tone mark after it), doubled tone marks, a tone mark typed before an upper/lower vowel, runs of
spaces. A line break stays one line break (``\n``): it separates blocks (title, paragraphs, list items, attached
files), so snippets can show where one ends and the next begins and no word is matched across two blocks.
Snippets are cut from cleaned text.

``normalize(text)`` is ``clean`` plus what the index folds away: Thai digits → Arabic digits and Latin case
folding. The index stores ``normalize(title + body)``; a query is normalized the same way, so ๒๕๖๕ finds 2565
and HPP finds hpp, both ways.
"""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# str.translate walks a Thai text character by character in Python's slow path; a search for the few characters
# first is ~20× faster on the texts that have none (most of them): reindexing runs this on every text.
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_THAI_DIGIT_RE = re.compile("[๐-๙]")


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(THAI_DIGITS) if _THAI_DIGIT_RE.search(text) else text

TONES = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
MARKS_ABOVE_BELOW = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"  # ั ิ ี ึ ื ุ ู ฺ ็
# ํ (+ tone) + า → (tone +) ำ ; ำ + tone → tone + ำ
_NIKHAHIT_AA = re.compile("\u0e4d([" + TONES + "]?)\u0e32")
_AM_TONE = re.compile("\u0e33([" + TONES + "])")
# A tone mark (or thanthakhat ์) typed before the vowel above/below it.
_TONE_VOWEL = re.compile("([" + TONES + "\u0e4c])([" + MARKS_ABOVE_BELOW + "])")
# The same combining mark typed twice (or a second tone mark on the same consonant: keep the last typed).
_DOUBLE_MARK = re.compile("([" + TONES + "\u0e4c" + MARKS_ABOVE_BELOW + "])\\1+")
_TWO_TONES = re.compile("[" + TONES + "]([" + TONES + "])")
_BREAKS = re.compile(r"\s*[\n\r\f\v\u2028\u2029\x1c-\x1e\x85]\s*")
_SPACES = re.compile(r"[^\S\n]+")


def clean(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    if _ZERO_WIDTH_RE.search(text):
        text = text.translate(ZERO_WIDTH)
    # NFKC decomposes ำ into ํา: compose it again (and the hand-typed forms with it).
    text = _NIKHAHIT_AA.sub("\\1\u0e33", text)
    text = _AM_TONE.sub("\\1\u0e33", text)
    for _ in range(2):  # a tone before two marks, e.g. ่ ั ็ (rare): two passes are enough
        text = _TONE_VOWEL.sub("\\2\\1", text)
    text = _DOUBLE_MARK.sub("\\1", text)
    text = _TWO_TONES.sub("\\1", text)
    return _SPACES.sub(" ", _BREAKS.sub("\n", text)).strip()


def normalize(text: str | None) -> str:
    return thai_digits_to_arabic(clean(text)).casefold()

