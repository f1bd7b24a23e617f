#!/usr/bin/env python
"""Fill untranslated Thai entries of the catalogues from TSV files of `English<TAB>Thai` lines.

    .venv/bin/python scripts/po_fill.py translations.tsv [more.tsv]   # then: make messages
    .venv/bin/python scripts/po_fill.py --missing                     # list what is still untranslated

Plural entries take `English<TAB>Thai` for msgid (Thai has one form). `\\n` in a cell is a newline.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues():
    for po in sorted(ROOT.glob("**/locale/th/LC_MESSAGES/django.po")):
        if ".venv" not in po.parts:
            yield po


def main(argv):
    if argv and argv[0] == "--missing":
        missing = 0
        for path in catalogues():
            for entry in polib.pofile(str(path)):
                if entry.obsolete:
                    continue
                if not entry.translated() or "fuzzy" in entry.flags:
                    missing += 1
                    print(f"{path.relative_to(ROOT)}: {entry.msgid!r}")
        return 1 if missing else 0
    table = {}
    for tsv in argv:
        for line in Path(tsv).read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                en, th = line.split("\t", 1)
                table[en.replace("\\n", "\n")] = th.replace("\\n", "\n")
    for path in catalogues():
        po = polib.pofile(str(path))
        changed = False
        for entry in po:
            if entry.msgid in table and (not entry.translated() or "fuzzy" in entry.flags):
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: table[entry.msgid]}
                else:
                    entry.msgstr = table[entry.msgid]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                changed = True
        if changed:
            po.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
