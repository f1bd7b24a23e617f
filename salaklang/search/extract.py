"""Text of attached files for the index: PDF through poppler's pdftotext, DOCX through python-docx.

Extraction is slow next to indexing a row, so each file's text is kept in ``ExtractedText`` by its storage
name (an upload never changes in place: a new file gets a new name) and extracted once."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from salaklang.search.normalize import clean

log = logging.getLogger(__name__)
MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 50_000
# name -> text of the files of the batch being indexed (one query per batch instead of one per file)
_PRELOADED: ContextVar[dict[str, str] | None] = ContextVar("search_extracted_text", default=None)
_LINE_WRAP = re.compile(r"(?<![\n\f])[ \t]*\n[ \t]*(?![\n\f])")


def _pdf_text(path: str) -> str:
    exe = shutil.which("pdftotext")
    if not exe:
        return ""
    done = subprocess.run([exe, "-q", "-enc", "UTF-8", path, "-"], capture_output=True, timeout=30, check=False)  # noqa: S603
    if done.returncode != 0:
        return ""
    # One line break is the layout's line wrap (joined with a space); a blank line or a new page ends a block.
    return _LINE_WRAP.sub(" ", done.stdout.decode("utf-8", "replace"))


def _docx_text(fileobj) -> str:
    import docx

    document = docx.Document(fileobj)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def extract(fieldfile, content_type: str = "") -> str:
    name = (getattr(fieldfile, "name", "") or "").lower()
    try:
        if fieldfile.size > MAX_BYTES:
            return ""
        if name.endswith(".pdf") or content_type == "application/pdf":
            return _pdf_text(fieldfile.path)
        if name.endswith(".docx") or "wordprocessingml" in content_type:
            with fieldfile.open("rb") as fh:
                return _docx_text(fh)
    except FileNotFoundError:  # a file the row names but the storage does not have: one line, not a traceback
        log.warning("search: no text from %s (file missing)", name)
        return ""
    except Exception:  # a broken file must never stop indexing
        log.warning("search: no text from %s", name, exc_info=True)
    return ""


def attachment_text(fieldfile, content_type: str = "") -> str:
    from salaklang.search.models import ExtractedText

    name = getattr(fieldfile, "name", "") or ""
    if not name:
        return ""
    preloaded = _PRELOADED.get()
    if preloaded is not None and name in preloaded:
        return preloaded[name]
    row = ExtractedText.objects.filter(name=name).values_list("text", flat=True).first()
    if row is not None:
        return row
    text = clean(extract(fieldfile, content_type))[:MAX_CHARS]
    ExtractedText.objects.get_or_create(name=name[:300], defaults={"text": text})
    return text


@contextmanager
def preloaded(names: Iterable[str]):
    """Within the block, ``attachment_text`` answers these files' cached texts from one query."""
    from salaklang.search.models import ExtractedText

    names = sorted({n for n in names if n})
    texts: dict[str, str] = {}
    for i in range(0, len(names), 500):
        texts.update(ExtractedText.objects.filter(name__in=names[i:i + 500]).values_list("name", "text"))
    token = _PRELOADED.set(texts)
    try:
        yield
    finally:
        _PRELOADED.reset(token)
