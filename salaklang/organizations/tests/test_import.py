import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.organizations import importing
from salaklang.organizations.models import Membership, Organization

ORG_HEADER = "code,kind,parent_code,name_th,name_en,short_name,letter_prefix,registry_code\n"
PEOPLE_HEADER = "username,title,first_name,last_name,first_name_en,last_name_en,position_title,email,phone,organization_code,role\n"


def csv_bytes(text: str, encoding="utf-8") -> bytes:
    return text.encode(encoding)


def xlsx_bytes(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD_ORGS = ORG_HEADER + (
    "PNA-NEW1,agency,PNA,สำนักงานคลังจังหวัดพังงา,Phang Nga Provincial Treasury,คลังจังหวัด,,0011\n"
    "PNA-NEW1-U,unit,PNA-NEW1,กลุ่มงานบริหารทั่วไป,,,,\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_thai_csv_in_utf8_and_tis620_imports(demo, encoding):
    data = csv_bytes(GOOD_ORGS, encoding)
    result = importing.preview(actor=demo["pn.strategy"], kind="organizations", filename="orgs.csv", data=data)
    assert result.ok, result.errors
    importing.apply(actor=demo["pn.strategy"], result=result)
    org = Organization.objects.get(code="PNA-NEW1")
    assert org.name_th == "สำนักงานคลังจังหวัดพังงา" and org.province.code == "PNA"
    assert Organization.objects.get(code="PNA-NEW1-U").parent == org
    assert AuditEntry.objects.filter(verb="organization_imported").count() == 2
    assert AuditEntry.objects.filter(action="import").count() == 1


def test_xlsx_people_import(demo):
    data = xlsx_bytes([
        PEOPLE_HEADER.strip().split(","),
        ["pn.new", "นาง", "สมศรี", "ใจดี", "Somsri", "Jaidee", "นักวิชาการ", "somsri@example.go.th", 76410000, "PNA-TOUR",
         "agency_coordinator"],
    ])
    result = importing.preview(actor=demo["pn.strategy"], kind="people", filename="people.xlsx", data=data)
    assert result.ok, result.errors
    importing.apply(actor=demo["pn.strategy"], result=result)
    person = User.objects.get(username="pn.new")
    assert person.phone == "76410000" and not person.has_usable_password()
    assert Membership.objects.filter(user=person, organization__code="PNA-TOUR", role="agency_coordinator").exists()


def errors_of(demo, kind, text, actor="pn.strategy"):
    result = importing.preview(actor=demo[actor], kind=kind, filename="f.csv", data=text.encode())
    return [m for _, m in result.errors], result


def test_missing_column(demo):
    errors, _ = errors_of(demo, "organizations", "code,kind,name_th\nX,agency,x\n")
    assert any("parent_code" in e for e in errors)


def test_unknown_parent_duplicate_code_cycle_and_bad_kind(demo):
    text = ORG_HEADER + (
        "PNA-TOUR,agency,PNA,ซ้ำกับที่มีอยู่,,,,\n"
        "A1,agency,NOPE,ไม่มีแม่,,,,\n"
        "U1,unit,U2,วนหนึ่ง,,,,\n"
        "U2,unit,U1,วนสอง,,,,\n"
        "Z1,planet,PNA,ผิดชนิด,,,,\n"
        "D1,agency,PNA,ซ้ำในไฟล์,,,,\n"
        "D1,agency,PNA,ซ้ำในไฟล์อีก,,,,\n"
    )
    errors, result = errors_of(demo, "organizations", text)
    joined = "\n".join(errors)
    assert "PNA-TOUR" in joined  # duplicate with the database
    assert "NOPE" in joined  # unknown parent
    assert "U1" in joined and "U2" in joined  # cycle
    assert "planet" in joined  # bad kind
    assert "D1" in joined  # duplicate within the file
    assert {line for line, _ in result.errors} >= {2, 3, 4, 6, 8}


def test_a_file_with_any_bad_row_imports_nothing(demo):
    text = GOOD_ORGS + "BAD,agency,NOWHERE,แย่,,,,\n"
    _, result = errors_of(demo, "organizations", text)
    assert not result.ok
    with pytest.raises(Exception):  # noqa: B017
        importing.apply(actor=demo["pn.strategy"], result=result)
    assert not Organization.objects.filter(code__startswith="PNA-NEW1").exists()


def test_people_errors(demo):
    text = PEOPLE_HEADER + (
        "pn.tourism,,ก,ข,,,,new1@example.test,,PNA-TOUR,agency_coordinator\n"  # username taken
        "p2,,ก,ข,,,,PN.HEALTH@demo.salaklang.local,,PNA-TOUR,agency_coordinator\n"  # e-mail used (any case)
        "p3,,ก,ข,,,,p3@example.test,,NOPE,agency_coordinator\n"  # unknown organization
        "p4,,ก,ข,,,,p4@example.test,,PNA-TOUR,king\n"  # unknown role
        "p5,,ก,ข,,,,not-an-email,,PNA-TOUR,reviewer\n"  # bad e-mail
        "p6,,ก,ข,,,,p6@example.test,,CRI-TOUR,reviewer\n"  # other province
    )
    errors, _ = errors_of(demo, "people", text)
    joined = "\n".join(errors)
    for needle in ("pn.tourism", "PN.HEALTH@demo.salaklang.local", "NOPE", "king", "not-an-email", "CRI-TOUR"):
        assert needle in joined, needle


def test_wrong_encoding_or_format_is_a_clear_error(demo):
    with pytest.raises(importing.ImportFileError):
        importing.read_table("x.csv", b"\x00\x81\x82\xff\xfe" * 10)
    with pytest.raises(importing.ImportFileError):
        importing.read_table("x.pdf", b"%PDF-1.4")
    with pytest.raises(importing.ImportFileError):
        importing.read_table("x.xlsx", b"PK\x03\x04 not really a zip")


def test_upload_preview_confirm_flow(demo, client_as):
    c = client_as("pn.strategy")
    url = reverse("org_import:upload", args=["organizations"])
    response = c.post(url, {"file": SimpleUploadedFile("orgs.csv", csv_bytes(GOOD_ORGS, "cp874"), "text/csv")})
    assert response.status_code == 200
    assert not Organization.objects.filter(code="PNA-NEW1").exists()  # preview writes nothing
    token = response.context["token"]
    response = c.post(reverse("org_import:confirm", args=["organizations"]), {"token": token})
    assert response.status_code == 302
    assert Organization.objects.filter(code="PNA-NEW1").exists()


def test_bad_file_preview_is_400_and_lists_rows(demo, client_as):
    c = client_as("pn.strategy")
    bad = ORG_HEADER + "X1,agency,NOPE,x,,,,\n"
    response = c.post(reverse("org_import:upload", args=["organizations"]),
                      {"file": SimpleUploadedFile("orgs.csv", bad.encode(), "text/csv")})
    assert response.status_code == 400
    assert "NOPE" in response.content.decode()


@pytest.mark.parametrize("username", ["pn.tourism", "pn.governor", "citizen"])
def test_import_refused_for_non_admins(demo, client_as, username):
    assert client_as(username).get(reverse("org_import:upload", args=["people"])).status_code == 403


def test_templates_download(demo, client_as):
    c = client_as("pn.strategy")
    csv_resp = c.get(reverse("org_import:template", args=["people", "csv"]))
    assert csv_resp.status_code == 200 and csv_resp.content.startswith("\ufeff".encode())
    xlsx_resp = c.get(reverse("org_import:template", args=["organizations", "xlsx"]))
    assert xlsx_resp.content[:2] == b"PK"
