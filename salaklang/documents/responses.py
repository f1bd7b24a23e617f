"""One way to answer a request for a generated document: the PDF opens in the browser, the DOCX downloads."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpResponse

from salaklang.core.uploads import DOCX


def document_response(fmt: str, stem: str, *, pdf: Callable[[], bytes], docx: Callable[[], bytes]) -> HttpResponse:
    """``fmt`` is the URL's "pdf" or "docx"; ``stem`` the file name without extension. Anything else is a 404.
    Only the asked format is rendered (each renderer is called lazily)."""
    if fmt == "pdf":
        return HttpResponse(pdf(), content_type="application/pdf",
                            headers={"Content-Disposition": f'inline; filename="{stem}.pdf"'})
    if fmt == "docx":
        return HttpResponse(docx(), content_type=DOCX,
                            headers={"Content-Disposition": f'attachment; filename="{stem}.docx"'})
    raise Http404
