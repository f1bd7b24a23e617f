import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from salaklang.calls import services
from salaklang.core.testing import count_queries, make_org
from salaklang.organizations.models import Organization


@pytest.fixture
def call(make_call):
    return make_call()


def test_call_pages_permissions(demo, client_as, call):
    url = reverse("calls:detail", args=[call.pk])
    assert client_as("pn.strategy").get(url).status_code == 200
    assert client_as("pn.tourism").get(url).status_code == 200
    assert client_as("cr.strategy").get(url).status_code == 404
    assert client_as("citizen").get(url).status_code in (403, 404)
    assert client_as("pn.tourism").get(reverse("calls:board_xlsx", args=[call.pk])).status_code == 403
    assert client_as("pn.tourism").post(reverse("calls:remind", args=[call.pk])).status_code == 403


def test_drafts_are_private_to_their_agency(demo, client_as, call, tourism):
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "ลับ", "category": "service"})
    url = reverse("calls:proposal", args=[p.pk])
    assert client_as("pn.tourism").get(url).status_code == 200
    assert client_as("pn.tourism.head").get(url).status_code == 200
    assert client_as("pn.health").get(url).status_code == 404
    assert client_as("pn.strategy").get(url).status_code == 404  # the issuer sees it once it is sent
    assert client_as("cr.strategy").get(url).status_code == 404


def test_board_queries_do_not_grow_with_targets(demo, client_as, make_call, pna):
    call = make_call()
    c = client_as("pn.strategy")
    url = reverse("calls:detail", args=[call.pk])
    with count_queries() as before:
        c.get(url)
    bigger = make_call(publish=False)
    for _ in range(15):
        org = make_org(parent=pna)
        bigger.targets.create(organization=org)
    from salaklang.calls.services import call_publish

    call_publish(actor=demo["pn.strategy"], call=bigger)
    with count_queries() as after:
        c.get(reverse("calls:detail", args=[bigger.pk]))
    assert len(after.captured_queries) == len(before.captured_queries)


def test_create_call_form_and_bad_input(demo, client_as, pna):
    c = client_as("pn.strategy")
    response = c.post(reverse("calls:create"), {"issuer": pna.pk, "title": "", "deadline": "2026-01-01T10:00",
                                                "opens_at": "2026-02-01T10:00", "category_lines": "x"})
    assert response.status_code == 400
    from salaklang.calls.models import Call

    assert not Call.objects.exists()


def test_board_filter_and_exports(demo, client_as, call, tourism):
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "ระบบจองคิว", "category": "service"})
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    services.proposal_approve(actor=demo["pn.tourism.head"], proposal=p)
    c = client_as("pn.strategy")
    html = c.get(reverse("calls:detail", args=[call.pk]), {"state": "submitted_on_time"}).content.decode()
    assert "สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา" in html and "สำนักงานสาธารณสุขจังหวัดพังงา" not in html
    board = c.get(reverse("calls:board_xlsx", args=[call.pk]))
    assert board.streaming  # exports stream from a temporary file (flat memory)
    wb = load_workbook(io.BytesIO(b"".join(board.streaming_content)))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][0] == "รหัส" and any(r[0] == "PNA-TOUR" and "ระบบจองคิว" in r[3] for r in rows[1:])
    wb = load_workbook(io.BytesIO(b"".join(c.get(reverse("calls:proposals_xlsx", args=[call.pk])).streaming_content)))
    assert list(wb.active.iter_rows(values_only=True))[1][2] == "ระบบจองคิว"
    z = zipfile.ZipFile(io.BytesIO(b"".join(c.get(reverse("calls:proposals_zip", args=[call.pk])).streaming_content)))
    assert z.namelist() == [f"PNA-TOUR-{p.pk}.pdf"] and z.read(z.namelist()[0])[:4] == b"%PDF"


def test_uploads_are_checked_by_content(demo, client_as, call, tourism):
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "x", "category": "service"})
    c = client_as("pn.tourism")
    url = reverse("calls:proposal_attachment_add", args=[p.pk])
    c.post(url, {"title": "สคริปต์", "file": SimpleUploadedFile("photo.jpg", b"#!/bin/sh\nrm -rf /", "image/jpeg")})
    assert not p.attachments.exists()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    c.post(url, {"title": "เอกสารประกอบ", "file": SimpleUploadedFile("doc.pdf", pdf, "application/pdf")})
    att = p.attachments.get()
    assert att.content_type == "application/pdf"
    assert client_as("pn.health").get(reverse("calls:proposal_attachment", args=[p.pk, att.pk])).status_code == 404
    assert client_as("pn.tourism").get(reverse("calls:proposal_attachment", args=[p.pk, att.pk])).status_code == 200


def test_national_board_lists_provinces(demo, client_as, make_call):
    national = make_call(issuer=Organization.objects.get(code="OPDC"), actor="opdc")
    html = client_as("opdc").get(reverse("calls:detail", args=[national.pk])).content.decode()
    assert "จังหวัดพังงา" in html and "จังหวัดเชียงราย" in html


def test_too_large_attachment_is_refused(demo, client_as, call, tourism, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "x", "category": "service"})
    big = b"%PDF-1.4\n" + b"0" * 4096
    response = client_as("pn.tourism").post(reverse("calls:proposal_attachment_add", args=[p.pk]),
                                            {"title": "ใหญ่", "file": SimpleUploadedFile("big.pdf", big, "application/pdf")},
                                            follow=True)
    assert not p.attachments.exists()
    assert "ไฟล์มีขนาดเกิน" in response.content.decode()


def test_editing_a_submitted_proposal_through_the_form_is_refused(demo, client_as, call, tourism):
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "เดิม", "category": "service"})
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    response = client_as("pn.tourism").post(reverse("calls:proposal_edit", args=[p.pk]),
                                            {"title": "ใหม่", "category": "service", "stage": "idea"})
    assert response.status_code == 400
    p.refresh_from_db()
    assert p.title == "เดิม"


def test_any_two_versions_can_be_compared(demo, client_as, call, tourism):
    p = services.proposal_create(actor=demo["pn.tourism"], call=call, organization=tourism,
                                 data={"title": "ฉบับแรก", "category": "service"})
    for title in ("ฉบับสอง", "ฉบับสาม"):
        services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
        services.proposal_send_back(actor=demo["pn.tourism.head"], proposal=p, comment="แก้ชื่อ")
        services.proposal_update(actor=demo["pn.tourism"], proposal=p, data={"title": title})
    services.proposal_send_for_approval(actor=demo["pn.tourism"], proposal=p)
    c = client_as("pn.tourism")
    latest = c.get(reverse("calls:proposal", args=[p.pk])).context["compare"]
    assert (latest["from"], latest["to"]) == (2, 3) and ("ชื่อนวัตกรรม", "ฉบับสอง", "ฉบับสาม") in latest["changes"]
    first_last = c.get(reverse("calls:proposal", args=[p.pk]), {"from": 1, "to": 3}).context["compare"]
    assert ("ชื่อนวัตกรรม", "ฉบับแรก", "ฉบับสาม") in first_last["changes"]
