from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from salaklang.openinfo import queries, services
from salaklang.openinfo.models import Evidence, Item
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _answer(ita, code, kind, org=None, publish=True, **kw):
    org = org or ita["pna"]
    item = Item.objects.get(year=ita["year"], code=code)
    ev = services.evidence_add(org=org, item=item, actor=ita["users"]["pn.strategy"], kind=kind, **kw)
    if publish:
        ev = services.evidence_publish(evidence=ev, actor=ita["users"]["pn.strategy"])
    return ev


def _complaint(province, category, received: dt.date, status="received", on_time=None, n=[0]):
    from salaklang.complaints.models import Complaint

    n[0] += 1
    at = timezone.make_aware(dt.datetime.combine(received, dt.time(10)))
    return Complaint.objects.create(code=f"T{n[0]:06d}", province=province, category=category, subject="ถนน",
                                    description="-", received_at=at, received_date=received, ack_due=received,
                                    resolve_due=received, status=status, closed_on_time=on_time)


def test_ita_page_every_link_returns_200(client, ita):
    _answer(ita, "O1", Evidence.Kind.GENERATED)
    _answer(ita, "O5", Evidence.Kind.GENERATED)
    _answer(ita, "O31", Evidence.Kind.GENERATED)
    _answer(ita, "O33", Evidence.Kind.GENERATED)
    _answer(ita, "O3", Evidence.Kind.UPLOAD, upload=SimpleUploadedFile("powers.pdf", PDF))
    _answer(ita, "O4", Evidence.Kind.UPLOAD, upload=SimpleUploadedFile("plan.pdf", PDF), publish=False)
    resp = client.get("/ita/PNA/2570/")
    assert resp.status_code == 200
    html = resp.content.decode()
    links = re.findall(r'href="(/ita/PNA/2570/[^"]+)"', html)
    assert len(links) == 5  # O4 is a draft: no link
    for link in links:
        page = client.get(link)
        assert page.status_code == 200, link
        for file_link in re.findall(r'href="(/ita/PNA/2570/O3/files/\d+\.pdf)"', page.content.decode()):
            assert client.get(file_link).status_code == 200
    assert client.get("/ita/PNA/2570/O4/").status_code == 404


def test_unpublished_upload_is_404_for_anonymous(client, client_as, ita):
    ev = _answer(ita, "O4", Evidence.Kind.UPLOAD, upload=SimpleUploadedFile("plan.pdf", PDF), publish=False)
    url = f"/ita/PNA/2570/O4/files/{ev.pk}.pdf"
    assert client.get(url).status_code == 404
    assert client_as("pn.strategy").get(url).status_code == 200
    assert client_as("pn.strategy").get(url.replace(".pdf", ".docx")).status_code == 404


def test_generated_page_shows_as_of_date_and_honest_empty_period(client, ita):
    _answer(ita, "O31", Evidence.Kind.GENERATED)
    resp = client.get("/ita/PNA/2570/O31/?fy=2569")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'data-testid="as-of"' in html and 'data-testid="no-data"' in html
    assert client.get("/ita/PNA/2570/O31/?fy=abc").status_code == 200


def test_complaint_stats_one_query_and_figures(ita):
    from salaklang.complaints import stats
    from salaklang.complaints.models import Category

    cat = Category.objects.create(code="ita-test", name_th="ทดสอบ")
    pna, cri = ita["pna"], ita["cri"]
    tour = Organization.objects.get(code="PNA-TOUR")
    _complaint(pna, cat, dt.date(2026, 10, 5), "resolved", True)
    _complaint(pna, cat, dt.date(2026, 10, 6), "resolved", False)
    _complaint(pna, cat, dt.date(2027, 1, 6))
    _complaint(pna, cat, dt.date(2026, 9, 30))  # FY 2569
    _complaint(cri, cat, dt.date(2026, 10, 5))
    _complaint(pna, cat, dt.date(2026, 10, 7), "merged")  # merged into another: not counted
    parent = _complaint(pna, cat, dt.date(2026, 11, 3), "split")  # split: counted once per agency part
    for status in ("resolved", "in_progress"):
        child = _complaint(pna, cat, dt.date(2026, 11, 3), status, True if status == "resolved" else None)
        child.parent, child.agency = parent, tour
        child.save(update_fields=["parent", "agency"])
    stats.rebuild()  # the rollup the complaint services keep current
    with CaptureQueriesContext(connection) as ctx:
        data = queries.complaint_stats(pna, 2570)
    assert len(ctx.captured_queries) == 1
    assert data["months"][0] == {"month": dt.date(2026, 10, 1), "received": 2, "finished": 2, "in_progress": 0,
                                 "on_time": 1}
    assert data["months"][1] == {"month": dt.date(2026, 11, 1), "received": 2, "finished": 1, "in_progress": 1,
                                 "on_time": 1}
    assert data["quarters"][1]["received"] == 1 and data["quarters"][1]["in_progress"] == 1
    assert data["total"]["received"] == 5
    agency = queries.complaint_stats(tour, 2570)
    assert agency["total"] == {"received": 2, "finished": 1, "in_progress": 1, "on_time": 1}
    assert queries.complaint_stats(tour, 2569)["has_data"] is False


def test_other_province_staff_get_404(client_as, ita):
    c = client_as("cr.strategy") if "cr.strategy" in ita["users"] else None
    if c is None:
        pytest.skip("no Chiang Rai strategy user in the demo")
    assert c.get("/ita/manage/PNA/2570/").status_code == 404
    ev = _answer(ita, "O1", Evidence.Kind.GENERATED, publish=False)
    assert c.post(f"/ita/manage/evidence/{ev.pk}/publish/").status_code == 404


def test_evidence_for_another_province_list_is_refused(ita):
    from django.core.exceptions import ValidationError

    own = services.year_from_default(year=2571, actor=ita["admin"], province=ita["cri"])
    item = own.items.get(code="O1")
    with pytest.raises(ValidationError):
        services.evidence_add(org=ita["pna"], item=item, actor=ita["admin"], kind=Evidence.Kind.GENERATED)


def test_upload_checked_by_content(ita):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _answer(ita, "O3", Evidence.Kind.UPLOAD, upload=SimpleUploadedFile("x.pdf", b"MZ not a pdf at all"))
    assert not Evidence.objects.exists()


def test_generated_only_for_items_that_allow_it(ita):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _answer(ita, "O3", Evidence.Kind.GENERATED)


def test_export_xlsx_and_csv_urls_resolve(client, client_as, ita, settings):
    from openpyxl import load_workbook

    settings.BASE_URL = "https://ita.example.go.th"
    _answer(ita, "O1", Evidence.Kind.GENERATED)
    staff = client_as("pn.strategy")
    resp = staff.get("/ita/manage/PNA/2570/export.xlsx")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content), read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [f"O{i}" for i in range(1, 44)]
    url = rows[1][3]
    assert url == "https://ita.example.go.th/ita/PNA/2570/O1/"
    assert staff.get(url.removeprefix("https://ita.example.go.th")).status_code == 200
    assert rows[2][3] in (None, "")
    csv_resp = staff.get("/ita/manage/PNA/2570/export.csv")
    assert csv_resp.status_code == 200 and "O43" in csv_resp.content.decode("utf-8-sig")
    from django.test import Client

    assert Client().get("/ita/manage/PNA/2570/export.csv").status_code in (302, 404)


def test_board_query_count_constant_in_organizations(client_as, ita, django_assert_max_num_queries):
    _answer(ita, "O1", Evidence.Kind.GENERATED)
    _answer(ita, "O4", Evidence.Kind.UPLOAD, upload=SimpleUploadedFile("plan.pdf", PDF), publish=False)
    admin = client_as("admin")
    with CaptureQueriesContext(connection) as before:
        r1 = admin.get("/ita/manage/board/2570/?province=PNA")
    assert r1.status_code == 200
    pna = ita["pna"]
    for i in range(15):
        Organization.objects.create(code=f"PNA-X{i}", kind="agency", name_th=f"หน่วยงาน {i}", parent=pna)
    with CaptureQueriesContext(connection) as after:
        r2 = admin.get("/ita/manage/board/2570/?province=PNA")
    assert r2.content.decode().count("หน่วยงาน ") >= 15
    assert len(after.captured_queries) == len(before.captured_queries)
    data = queries.board(year=2570, province_ids={pna.pk})
    row = next(r for r in data["rows"] if r["org"] == pna)
    assert [c["status"] for c in row["cells"][:4]] == ["generated", "missing", "missing", "draft"]


def test_board_scoped_to_own_province(client_as, ita):
    resp = client_as("pn.strategy").get("/ita/manage/board/2570/")
    assert resp.status_code == 200
    assert "เชียงราย" not in resp.content.decode()


def test_complaint_stats_page_names_months_in_the_readers_calendar(ita, client):
    """The walk found "ตุลาคม 1 ตุลาคม 2026" in the month column of the Thai page (C.E. year, the month twice)."""
    from salaklang.complaints import stats
    from salaklang.complaints.models import Category

    cat = Category.objects.create(code="ita-months", name_th="ทดสอบเดือน")
    _complaint(ita["pna"], cat, dt.date(2026, 10, 5), "resolved", True)
    stats.rebuild()
    _answer(ita, "O31", "generated")
    th = client.get("/ita/PNA/2570/O31/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    months = re.search(r'data-testid="stats-months".*?</table>', th, re.S).group(0)
    assert "ตุลาคม 2569" in months and "2026" not in months and "ตุลาคม 1" not in months
    en = client.get("/ita/PNA/2570/O31/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    months = re.search(r'data-testid="stats-months".*?</table>', en, re.S).group(0)
    assert "October 2026" in months and "2569" not in months
