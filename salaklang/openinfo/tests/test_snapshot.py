from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from salaklang.documents.pdf import pdf_text, squash
from salaklang.openinfo import services
from salaklang.openinfo.models import Evidence, Item

pytestmark = pytest.mark.django_db


def test_freeze_generated_page_as_pdf(client_as, ita):
    item = Item.objects.get(year=ita["year"], code="O31")
    ev = services.evidence_add(org=ita["pna"], item=item, actor=ita["admin"], kind=Evidence.Kind.GENERATED)
    snap = services.snapshot_freeze(evidence=ev, actor=ita["admin"])
    data = snap.file.read()
    assert data.startswith(b"%PDF")
    text = squash(pdf_text(data))
    assert squash("O31 ข้อมูลเชิงสถิติเรื่องร้องเรียนประจำปี") in text and "ข้อมูลณวันที่" in text
    url = f"/ita/PNA/2570/O31/frozen/{snap.pk}.pdf"
    assert Client().get(url).status_code == 404  # the evidence is a draft
    services.evidence_publish(evidence=ev, actor=ita["admin"])
    assert Client().get(url).status_code == 200
    page = Client().get("/ita/PNA/2570/O31/").content.decode()
    assert url in page
    with pytest.raises(PermissionDenied):
        services.snapshot_freeze(evidence=ev, actor=ita["users"]["cr.strategy"])


def test_only_generated_pages_are_frozen(ita):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = Item.objects.get(year=ita["year"], code="O3")
    ev = services.evidence_add(org=ita["pna"], item=item, actor=ita["admin"], kind=Evidence.Kind.UPLOAD,
                               upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"))
    with pytest.raises(ValidationError):
        services.snapshot_freeze(evidence=ev, actor=ita["admin"])
