"""Thai formatting: Buddhist Era dates, Thai digits, the government fiscal year, baht in words, names.

Django's Thai locale prints Gregorian years, so every date a user sees goes through here
(template filters in ``salaklang.core.templatetags.thai``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.utils import timezone

BE_OFFSET = 543

MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

# Common Thai personal titles with their English equivalents (editable per person: free text allowed).
TITLES = {
    "นาย": "Mr.",
    "นาง": "Mrs.",
    "นางสาว": "Ms.",
    "ว่าที่ร้อยตรี": "Acting Sub Lt.",
    "ดร.": "Dr.",
    "ผศ.": "Asst. Prof.",
    "รศ.": "Assoc. Prof.",
    "ศ.": "Prof.",
    "พ.ต.อ.": "Pol. Col.",
    "นพ.": "Dr.",
    "พญ.": "Dr.",
}


def thai_digits(value: object) -> str:
    """Arabic digits → Thai digits (๐–๙); everything else unchanged."""
    return str(value).translate(_TO_THAI)


_ADDRESSES = re.compile(r"(\S+@\S+|(?:https?://|www\.)\S+)")


def thai_digits_in_prose(value: object) -> str:
    """Thai digits in a text a person typed, except inside e-mail and web addresses (a๑@x๙.go.th reaches no one)."""
    parts = _ADDRESSES.split(str(value))
    return "".join(part if i % 2 else thai_digits(part) for i, part in enumerate(parts))


def arabic_digits(value: object) -> str:
    """Thai digits → Arabic digits, for parsing what a user typed."""
    return str(value).translate(_TO_ARABIC)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def be_year(value: dt.date | dt.datetime | int) -> int:
    if isinstance(value, int):
        return value + BE_OFFSET
    return _as_date(value).year + BE_OFFSET


def format_date_full(value: dt.date | dt.datetime, *, weekday: bool = True, digits: bool = False) -> str:
    """'วันศุกร์ที่ 3 ธันวาคม พ.ศ. 2564' (weekday=False: '3 ธันวาคม พ.ศ. 2564')."""
    d = _as_date(value)
    text = f"{d.day} {MONTHS_FULL[d.month - 1]} พ.ศ. {d.year + BE_OFFSET}"
    if weekday:
        text = f"วัน{WEEKDAYS[d.weekday()]}ที่ {text}"
    return thai_digits(text) if digits else text


def format_date_letter(value: dt.date | dt.datetime, *, digits: bool = False) -> str:
    """The date line of an official letter: '3 ธันวาคม 2564' (no 'พ.ศ.' by the regulation's examples)."""
    d = _as_date(value)
    text = f"{d.day} {MONTHS_FULL[d.month - 1]} {d.year + BE_OFFSET}"
    return thai_digits(text) if digits else text


def format_date_short(value: dt.date | dt.datetime, *, digits: bool = False) -> str:
    """'3 ธ.ค. 64'."""
    d = _as_date(value)
    text = f"{d.day} {MONTHS_SHORT[d.month - 1]} {(d.year + BE_OFFSET) % 100:02d}"
    return thai_digits(text) if digits else text


def format_datetime(value: dt.datetime, *, digits: bool = False) -> str:
    """'3 ธ.ค. 64 14:05 น.' in local time."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{format_date_short(value)} {value:%H:%M} น."
    return thai_digits(text) if digits else text


def format_date_en(value: dt.date | dt.datetime, *, weekday: bool = False) -> str:
    d = _as_date(value)
    text = f"{d.day} {d:%B} {d.year}"
    return f"{d:%A}, {text}" if weekday else text


class FiscalYear(NamedTuple):
    """A Thai government fiscal year, named by its B.E. end year: FY 2565 = 1 Oct 2021 – 30 Sep 2022."""

    be: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.be - BE_OFFSET - 1, 10, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.be - BE_OFFSET, 9, 30)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, dt.date):
            return False
        return self.start <= _as_date(value) <= self.end

    def __str__(self) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.be}"


def fiscal_year(value: dt.date | dt.datetime | None = None) -> FiscalYear:
    d = _as_date(value) if value is not None else timezone.localdate()
    ce_end_year = d.year + 1 if d.month >= 10 else d.year
    return FiscalYear(ce_end_year + BE_OFFSET)


_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACE_WORDS = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def _words_below_million(n: int) -> str:
    out = []
    digits = str(n)
    length = len(digits)
    for i, ch in enumerate(digits):
        d = int(ch)
        place = length - i - 1
        if d == 0:
            continue
        if place == 1 and d == 1:
            out.append("สิบ")
        elif place == 1 and d == 2:
            out.append("ยี่สิบ")
        elif place == 0 and d == 1 and length > 1:
            out.append("เอ็ด")
        else:
            out.append(_DIGIT_WORDS[d] + _PLACE_WORDS[place])
    return "".join(out)


def number_words(n: int) -> str:
    """A whole number in Thai words: 1,250,021 → 'หนึ่งล้านสองแสนห้าหมื่นยี่สิบเอ็ด'."""
    if n < 0:
        return "ลบ" + number_words(-n)
    if n == 0:
        return _DIGIT_WORDS[0]
    millions, rest = divmod(n, 1_000_000)
    text = ""
    if millions:
        text = number_words(millions) + "ล้าน"
    if rest:
        # 'เอ็ด' after ล้าน: 1,000,001 = หนึ่งล้านเอ็ด
        text += "เอ็ด" if (rest == 1 and millions) else _words_below_million(rest)
    return text


def baht_text(amount: Decimal | float | int | str) -> str:
    """Baht in words as written on official forms: 1234.50 → 'หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์'."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    negative = value < 0
    value = abs(value)
    baht = int(value)
    satang = int((value - baht) * 100)
    parts = []
    if baht:
        parts.append(number_words(baht) + "บาท")
    if satang:
        parts.append(number_words(satang) + "สตางค์")
    else:
        parts.append("ถ้วน" if baht else "ศูนย์บาทถ้วน")
    text = "".join(parts)
    return ("ลบ" + text) if negative else text


def person_name(title: str, first_name: str, last_name: str) -> str:
    """Thai names: the title attaches to the first name without a space ('นางสาวสมศรี ใจดี')
    except for abbreviated ranks ending in '.' which take a space in common usage ('ดร. สมชาย')."""
    title = (title or "").strip()
    name = " ".join(p for p in ((first_name or "").strip(), (last_name or "").strip()) if p)
    if not title:
        return name
    sep = " " if title.endswith(".") else ""
    return f"{title}{sep}{name}"


def person_name_en(title_th: str, first_name: str, last_name: str) -> str:
    title = TITLES.get((title_th or "").strip(), "")
    return " ".join(p for p in (title, (first_name or "").strip(), (last_name or "").strip()) if p)


# --- Dates for people, in the active language (pages, notifications, e-mails) ------------------------
# Thai: B.E. (3 ธันวาคม พ.ศ. 2564); English: C.E. (3 December 2021). Never an ISO date: a person reads these.
def _active_is_thai() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "th").startswith("th")


def display_date(value: dt.date | dt.datetime, style: str = "full") -> str:
    """A date for a person in the active language; style "full", "weekday", "short", "letter" or "month" (a month
    of a year: ตุลาคม 2569 / October 2026)."""
    if style == "month":
        d = _as_date(value)
        return f"{MONTHS_FULL[d.month - 1]} {d.year + BE_OFFSET}" if _active_is_thai() else f"{d:%B} {d.year}"
    if _active_is_thai():
        if style == "short":
            return format_date_short(value)
        if style == "letter":
            return format_date_letter(value)
        return format_date_full(value, weekday=(style == "weekday"))
    if style == "short":
        d = _as_date(value)
        return f"{d.day} {d:%b} {d.year}"
    return format_date_en(value, weekday=(style == "weekday"))


def display_datetime(value: dt.datetime, style: str = "short") -> str:
    """A moment for a person in local time: short "3 ธ.ค. 64 14:05 น." / "3 Dec 2021 14:05", or full
    "3 ธันวาคม พ.ศ. 2564 เวลา 14.05 น." / "3 December 2021, 14:05" (messages and e-mails)."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if _active_is_thai():
        if style == "full":
            return f"{format_date_full(local, weekday=False)} เวลา {local:%H.%M} น."
        return format_datetime(local)
    if style == "full":
        return f"{format_date_en(local)}, {local:%H:%M}"
    return f"{local.day} {local:%b} {local.year} {local:%H:%M}"


def display_time(value: dt.time | dt.datetime | None, *, suffix: bool = True) -> str:
    """A clock time for a person: Thai "09.30 น." (``suffix=False``: "09.30"), English "9:30"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if _active_is_thai():
        return f"{value:%H.%M}" + (" น." if suffix else "")
    return f"{value.hour}:{value:%M}"


def display_time_range(start: dt.time | dt.datetime | None, end: dt.time | dt.datetime | None) -> str:
    """A span of time: Thai "09.30–12.00 น.", English "9:30–12:00"; the start alone when there is no end."""
    if start is None:
        return ""
    if end is None:
        return display_time(start)
    return f"{display_time(start, suffix=False)}–{display_time(end)}"


# --- Numbers for people: one format for money everywhere (pages as the PDFs) ------------------------------
def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (ArithmeticError, ValueError):
        return None


def format_number(value: object, places: int = 2) -> str:
    """Grouped thousands and a fixed number of decimals, half up: 150000 → "150,000.00"; "" when not a number."""
    d = _decimal(value)
    if d is None:
        return ""
    q = Decimal(1).scaleb(-places) if places else Decimal(1)
    return f"{d.quantize(q, rounding=ROUND_HALF_UP):,.{places}f}"


def format_money(value: object, *, unit: bool = True) -> str:
    """An amount of baht for a person: "150,000.00 บาท" (English "150,000.00 baht"); ``unit=False`` omits it."""
    text = format_number(value, 2)
    if not text or not unit:
        return text
    return f"{text} {'บาท' if _active_is_thai() else 'baht'}"


def format_percent(value: object, places: int = 1) -> str:
    """A fraction 0–1 as a percentage: 0.037 → "3.7%"."""
    d = _decimal(value)
    if d is None:
        return ""
    return f"{format_number(d * 100, places)}%"


def format_quantity(value: object) -> str:
    """A figure typed by a person (a result, a baseline): grouped, whole numbers without decimals ("8,500"),
    others with two ("2.50" → "2.50"); text that is not a number is returned as typed ("ลดลงครึ่งหนึ่ง")."""
    text = str(value).strip() if value is not None else ""
    d = _decimal(text.replace(",", ""))
    if d is None or not d.is_finite():
        return text
    return format_number(d, 0 if d == d.to_integral_value() else 2)
