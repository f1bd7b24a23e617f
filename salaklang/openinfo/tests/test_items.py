from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salaklang.openinfo import services
from salaklang.openinfo.defaults import DEFAULT_ITEMS
from salaklang.openinfo.models import AssessmentYear, Evidence, Item

pytestmark = pytest.mark.django_db

HEADER = "code,title_th,description,group,generator\n"


def test_default_list_is_o1_to_o43_and_marked_as_template(ita):
    year = ita["year"]
    codes = list(year.items.values_list("code", flat=True))
    assert codes == [f"O{i}" for i in range(1, 44)]
    assert year.is_template
    assert Item.objects.get(year=year, code="O31").generator == "complaint_stats"
    assert len({c for c, *_ in DEFAULT_ITEMS}) == 43


def test_copy_last_year(ita):
    new = services.year_copy(source=ita["year"], year=2571, actor=ita["admin"])
    assert new.items.count() == 43
    assert list(new.items.values_list("code", flat=True))[:3] == ["O1", "O2", "O3"]
    with pytest.raises(ValidationError):
        services.year_copy(source=ita["year"], year=2571, actor=ita["admin"])


def test_strategy_staff_may_make_their_province_list_only(ita):
    strat = ita["users"]["pn.strategy"]
    with pytest.raises(PermissionDenied):
        services.year_from_default(year=2571, actor=strat)
    with pytest.raises(PermissionDenied):
        services.year_from_default(year=2571, actor=strat, province=ita["cri"])
    own = services.year_from_default(year=2571, actor=strat, province=ita["pna"])
    assert own.province == ita["pna"]
    assert services.year_for(ita["pna"], 2571) == own
    assert services.year_for(ita["cri"], 2571) is None
    assert services.year_for(ita["cri"], 2570) == ita["year"]


def test_import_csv_utf8_creates_items(ita):
    data = (HEADER + "O1,โครงสร้าง,,ข้อมูลพื้นฐาน,structure\nO2,ข้อมูลผู้บริหาร,,ข้อมูลพื้นฐาน,\n").encode()
    ay = services.items_import(year=2572, actor=ita["admin"], name="list.csv", data=data)
    assert list(ay.items.values_list("code", "title_th", "generator")) == [
        ("O1", "โครงสร้าง", "structure"), ("O2", "ข้อมูลผู้บริหาร", "")]
    assert not ay.is_template


def test_import_csv_tis620(ita):
    data = ("รหัส,ชื่อ\nO1,โครงสร้างหน่วยงาน\n").encode("cp874")
    ay = services.items_import(year=2572, actor=ita["admin"], name="list.csv", data=data)
    assert ay.items.get().title_th == "โครงสร้างหน่วยงาน"


def test_import_xlsx(ita):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["code", "title_th", "group", "generator"])
    ws.append(["O1", "โครงสร้าง", "ข้อมูลพื้นฐาน", "structure"])
    ws.append(["O7", "ข่าวประชาสัมพันธ์", "ข้อมูลพื้นฐาน", "news"])
    out = io.BytesIO()
    wb.save(out)
    ay = services.items_import(year=2572, actor=ita["admin"], name="list.xlsx", data=out.getvalue())
    assert list(ay.items.values_list("code", flat=True)) == ["O1", "O7"]


@pytest.mark.parametrize(("body", "needle"), [
    (HEADER + "O1,ก,,,\nO1,ข,,,\n", "แถวที่ 3: รหัส O1 ซ้ำกับแถวที่ 2"),
    (HEADER + "O1,,,,\n", "แถวที่ 2: ไม่มีชื่อข้อ"),
    ("number,name\nO1,ก\n", "คอลัมน์ไม่ถูกต้อง"),
    (HEADER + "O1,ก,,,magic\n", "magic"),
])
def test_bad_import_imports_nothing_and_names_the_row(ita, body, needle):
    from django.utils import translation

    with translation.override("th"), pytest.raises(ValidationError) as exc:
        services.items_import(year=2572, actor=ita["admin"], name="list.csv", data=body.encode())
    assert any(needle in m for m in exc.value.messages)
    assert not AssessmentYear.objects.filter(year=2572).exists()


def test_reimport_refuses_removing_answered_items(ita):
    item = Item.objects.get(year=ita["year"], code="O1")
    services.evidence_add(org=ita["pna"], item=item, actor=ita["admin"], kind=Evidence.Kind.GENERATED)
    with pytest.raises(ValidationError) as exc:
        services.items_import(year=2570, actor=ita["admin"], name="l.csv", data=(HEADER + "O2,ก,,,\n").encode())
    assert "O1" in exc.value.messages[0]
    assert ita["year"].items.count() == 43
