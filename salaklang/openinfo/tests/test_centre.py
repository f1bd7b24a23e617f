from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salaklang.openinfo import services
from salaklang.openinfo.models import Evidence, Item

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def _doc(ita, code, title, category, publish=True, org=None):
    from salaklang.organizations.models import Organization

    org = org or ita["pna"]
    if isinstance(org, str):
        org = Organization.objects.get(code=org)
    item = Item.objects.get(year=ita["year"], code=code)
    ev = services.evidence_add(org=org, item=item, actor=ita["admin"], kind=Evidence.Kind.UPLOAD, title=title,
                               upload=SimpleUploadedFile("d.pdf", PDF), info_category=category)
    if publish:
        services.evidence_publish(evidence=ev, actor=ita["admin"])
    return ev


def test_centre_lists_published_documents_searchable_and_filtered(client, ita):
    a = _doc(ita, "O4", "แผนพัฒนาจังหวัดพังงา", "s9_3")
    _doc(ita, "O13", "คู่มือการปฏิบัติงานด้านท่องเที่ยว", "s9_4", org="PNA-TOUR")
    _doc(ita, "O6", "ร่างกฎหมายลับ", "s9_2", publish=False)
    _doc(ita, "O4", "แผนของเชียงราย", "s9_3", org="CRI")
    html = client.get("/ita/centre/PNA/").content.decode()
    assert "แผนพัฒนาจังหวัดพังงา" in html and "คู่มือการปฏิบัติงาน" in html
    assert "ร่างกฎหมายลับ" not in html and "แผนของเชียงราย" not in html
    html = client.get("/ita/centre/PNA/?q=คู่มือ").content.decode()
    assert "คู่มือการปฏิบัติงาน" in html and "แผนพัฒนาจังหวัดพังงา" not in html
    html = client.get("/ita/centre/PNA/?category=s9_3&year=2570&org=PNA").content.decode()
    assert "แผนพัฒนาจังหวัดพังงา" in html and "คู่มือการปฏิบัติงาน" not in html
    link = f"/ita/PNA/2570/O4/files/{a.pk}.pdf"
    assert link in html and client.get(link).status_code == 200
    assert client.get("/ita/centre/PNA/?year=abc").status_code == 200
    assert client.get("/ita/centre/PNA-TOUR/").status_code == 404


def test_centre_query_count_does_not_grow_with_rows(client, ita):
    _doc(ita, "O4", "เอกสาร 1", "s9_3")
    with CaptureQueriesContext(connection) as one:
        client.get("/ita/centre/PNA/")
    for i in range(8):
        _doc(ita, "O13", f"เอกสาร {i + 2}", "own", org="PNA-TOUR")
    with CaptureQueriesContext(connection) as many:
        resp = client.get("/ita/centre/PNA/")
    assert resp.content.decode().count("/files/") == 9
    assert len(many.captured_queries) == len(one.captured_queries)
