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


def _portal_doc(ita, title, *, kind="document", category=None, attach=None, publish=True):
    from salaklang.organizations.models import Organization
    from salaklang.portal import services as portal

    pna = ita["pna"]
    editor = ita["users"]["pn.editor"]
    site = portal.site_ensure(province=pna, office=Organization.objects.get(code="PNA-PO"))
    post = portal.post_create(actor=editor, site=site, organization=Organization.objects.get(code="PNA-PO"),
                              kind=kind, title=title, category=category, number="พง 1/2570" if kind ==
                              "announcement" else "")
    if attach:
        portal.attachment_add(post=post, actor=editor, upload=SimpleUploadedFile(attach, PDF,
                                                                                 content_type="application/pdf"))
    if publish:
        portal.post_publish(post=post, actor=editor)
    return post


def test_centre_indexes_the_websites_documents_announcements_and_attachments(client, ita):
    from salaklang.organizations.models import Organization
    from salaklang.portal import services as portal

    site = portal.site_ensure(province=ita["pna"], office=Organization.objects.get(code="PNA-PO"))
    forms_cat = portal.category_create(site=site, actor=ita["users"]["pn.editor"], name_th="แบบฟอร์มบริการ",
                                       slug="forms")
    doc = _portal_doc(ita, "ประกาศราคากลางจัดซื้อรถยนต์", kind="announcement", attach="ราคากลาง.pdf")
    form = _portal_doc(ita, "แบบคำร้องขอข้อมูลข่าวสาร", category=forms_cat)
    _portal_doc(ita, "เอกสารร่างยังไม่เผยแพร่", publish=False)
    _portal_doc(ita, "ข่าวกิจกรรมทั่วไป", kind="news")  # news is not a document of the centre
    ita_doc = _doc(ita, "O4", "แผนพัฒนาจังหวัดพังงา", "s9_3")
    html = client.get("/ita/centre/PNA/").content.decode()
    for text in ("ประกาศราคากลางจัดซื้อรถยนต์", "แบบคำร้องขอข้อมูลข่าวสาร", "แผนพัฒนาจังหวัดพังงา", "ราคากลาง.pdf"):
        assert text in html, text
    assert "เอกสารร่างยังไม่เผยแพร่" not in html and "ข่าวกิจกรรมทั่วไป" not in html
    att = doc.attachments.get()
    assert att.get_absolute_url() in html and client.get(att.get_absolute_url()).status_code == 200
    assert client.get(doc.get_absolute_url()).status_code == 200
    # search by title, by the attachment's name; the organization's own category; the year; s. 9 category
    html = client.get("/ita/centre/PNA/?q=ราคากลาง").content.decode()
    assert "ประกาศราคากลาง" in html and "แผนพัฒนา" not in html
    html = client.get(f"/ita/centre/PNA/?category=c{forms_cat.pk}").content.decode()
    assert "แบบคำร้องขอข้อมูลข่าวสาร" in html and "ประกาศราคากลาง" not in html and "แผนพัฒนา" not in html
    html = client.get("/ita/centre/PNA/?category=s9_3").content.decode()
    assert "แผนพัฒนา" in html and "ประกาศราคากลาง" not in html
    html = client.get("/ita/centre/PNA/?org=PNA-TOUR").content.decode()
    assert "ประกาศราคากลาง" not in html and "แผนพัฒนา" not in html
    this_year = form.publish_at.year + 543
    html = client.get(f"/ita/centre/PNA/?year={this_year + 5}").content.decode()
    assert "แบบคำร้อง" not in html
    html = client.get(f"/ita/centre/PNA/?year={this_year}").content.decode()
    assert "แบบคำร้อง" in html
    assert ita_doc.pk


def test_centre_paginates_both_sources_with_constant_queries(client, ita):
    _portal_doc(ita, "เอกสารเว็บ 0", attach="a0.pdf")
    _doc(ita, "O4", "เอกสาร ITA 0", "s9_3")
    with CaptureQueriesContext(connection) as few:
        client.get("/ita/centre/PNA/")
    for i in range(1, 20):
        _portal_doc(ita, f"เอกสารเว็บ {i}", attach=f"a{i}.pdf")
        _doc(ita, "O13", f"เอกสาร ITA {i}", "own", org="PNA-TOUR")
    with CaptureQueriesContext(connection) as many:
        first = client.get("/ita/centre/PNA/").content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    second = client.get("/ita/centre/PNA/?page=2").content.decode()
    titles = [f"เอกสารเว็บ {i}<" for i in range(20)] + [f"เอกสาร ITA {i}<" for i in range(20)]
    assert sum(t in first for t in titles) == 30 and sum(t in second for t in titles) == 10
    assert not any(t in first and t in second for t in titles)
