"""Reading a year's item list from XLSX or CSV: all rows are checked first, nothing is imported on any error.

Columns (header row, Thai or English names): code, title_th, description, group, generator. ``generator`` is
empty (the item is answered by documents) or one of the generated pages' keys (``Generator``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salaklang.openinfo.models import Generator

HEADERS = {
    "code": "code", "รหัส": "code", "ข้อ": "code",
    "title_th": "title_th", "title": "title_th", "ชื่อ": "title_th", "ชื่อข้อ": "title_th", "ชื่อรายการ": "title_th",
    "description": "description", "รายละเอียด": "description", "คำอธิบาย": "description",
    "group": "group", "กลุ่ม": "group", "ตัวชี้วัดย่อย": "group",
    "generator": "generator", "หน้าที่สร้างอัตโนมัติ": "generator", "may_be_generated": "generator",
}
REQUIRED = ("code", "title_th")
MAX_ROWS = 500


@dataclass
class Row:
    code: str
    title_th: str
    description: str
    group: str
    generator: str


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp874")  # TIS-620 is a subset of Windows-874


def _rows_of(name: str, data: bytes) -> list[list[str]]:
    if name.lower().endswith(".xlsx") or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise ValidationError(_("The file cannot be read as an Excel workbook (.xlsx).")) from exc
        try:
            ws = wb.worksheets[0]
            return [["" if v is None else str(v).strip() for v in row]
                    for _n, row in zip(range(MAX_ROWS + 2), ws.iter_rows(values_only=True), strict=False)]
        finally:
            wb.close()
    text = _decode(data)
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def parse(name: str, data: bytes) -> list[Row]:
    """The rows of the file, or ValidationError listing every bad row (by its line number in the file)."""
    rows = [r for r in _rows_of(name, data) if any(r)]
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [HEADERS.get(h.strip().lower().lstrip("\ufeff"), "") for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h, key in zip(rows[0], header, strict=False) if h and not key]
    if missing or unknown:
        raise ValidationError(_("Wrong columns: the header must have code and title_th (optional: description, "
                                "group, generator). Missing: %(missing)s. Not recognised: %(unknown)s.") % {
            "missing": ", ".join(missing) or "-", "unknown": ", ".join(unknown) or "-"})
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(_("At most %(n)s items in one list.") % {"n": MAX_ROWS})
    errors: list[str] = []
    seen: dict[str, int] = {}
    out: list[Row] = []
    valid_gen = set(Generator.values)
    for line, raw in enumerate(rows[1:], start=2):
        values = {key: (raw[i] if i < len(raw) else "") for i, key in enumerate(header) if key}
        code = values.get("code", "").strip().upper()
        title = values.get("title_th", "").strip()
        gen = values.get("generator", "").strip().lower()
        if gen in ("0", "no", "false", "ไม่"):
            gen = ""
        if not code:
            errors.append(_("Row %(line)s: the code is missing.") % {"line": line})
        elif len(code) > 12:
            errors.append(_("Row %(line)s: the code %(code)s is longer than 12 characters.") % {"line": line,
                                                                                               "code": code[:20]})
        elif code in seen:
            errors.append(_("Row %(line)s: the code %(code)s is already used in row %(first)s.") % {
                "line": line, "code": code, "first": seen[code]})
        else:
            seen[code] = line
        if not title:
            errors.append(_("Row %(line)s: the title is missing.") % {"line": line})
        elif len(title) > 300:
            errors.append(_("Row %(line)s: the title is longer than 300 characters.") % {"line": line})
        if gen and gen not in valid_gen:
            errors.append(_("Row %(line)s: unknown generated page “%(gen)s” (allowed: %(allowed)s or empty).") % {
                "line": line, "gen": gen[:40], "allowed": ", ".join(Generator.values)})
        out.append(Row(code, title, values.get("description", "").strip(), values.get("group", "").strip()[:200],
                       gen))
    if errors:
        raise ValidationError(errors)
    return out
