import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from salaklang.core import thai

FRI_3_DEC_2021 = dt.date(2021, 12, 3)


def test_full_date_with_weekday_matches_the_seed_post():
    assert thai.format_date_full(FRI_3_DEC_2021) == "วันศุกร์ที่ 3 ธันวาคม พ.ศ. 2564"


def test_short_date():
    assert thai.format_date_short(FRI_3_DEC_2021) == "3 ธ.ค. 64"
    assert thai.format_date_short(dt.date(2009, 1, 5)) == "5 ม.ค. 52"


def test_letter_date_with_thai_digits():
    assert thai.format_date_letter(dt.date(2019, 10, 11), digits=True) == "๑๑ ตุลาคม ๒๕๖๒"


def test_aware_datetime_uses_bangkok_date():
    # 20:00 UTC on 2 Dec is 03:00 on 3 Dec in Bangkok.
    value = dt.datetime(2021, 12, 2, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert thai.format_date_short(value) == "3 ธ.ค. 64"
    assert thai.format_datetime(value) == "3 ธ.ค. 64 03:00 น."


def test_thai_digits_round_trip():
    assert thai.thai_digits("พง 0017/ว 123") == "พง ๐๐๑๗/ว ๑๒๓"
    assert thai.arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (dt.date(2021, 9, 30), 2564),
        (dt.date(2021, 10, 1), 2565),
        (dt.date(2022, 9, 30), 2565),
        (dt.date(2022, 10, 1), 2566),
        (dt.date(2022, 1, 1), 2565),
    ],
)
def test_fiscal_year_of_a_date(day, fy):
    assert thai.fiscal_year(day).be == fy


def test_fiscal_year_bounds():
    fy = thai.FiscalYear(2565)
    assert fy.start == dt.date(2021, 10, 1)
    assert fy.end == dt.date(2022, 9, 30)
    assert dt.date(2022, 3, 1) in fy
    assert dt.date(2022, 10, 1) not in fy


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "ศูนย์บาทถ้วน"),
        (1, "หนึ่งบาทถ้วน"),
        (11, "สิบเอ็ดบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
        (1250021, "หนึ่งล้านสองแสนห้าหมื่นยี่สิบเอ็ดบาทถ้วน"),
        (1000001, "หนึ่งล้านเอ็ดบาทถ้วน"),
        (Decimal("1234.50"), "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
        (Decimal("0.25"), "ยี่สิบห้าสตางค์"),
        (10_000_000, "สิบล้านบาทถ้วน"),
        (21_000_000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
        ("3500000", "สามล้านห้าแสนบาทถ้วน"),
    ],
)
def test_baht_text(amount, words):
    assert thai.baht_text(amount) == words


def test_person_names():
    assert thai.person_name("นางสาว", "สมศรี", "ใจดี") == "นางสาวสมศรี ใจดี"
    assert thai.person_name("ดร.", "สมชาย", "รักไทย") == "ดร. สมชาย รักไทย"
    assert thai.person_name("", "Anna", "") == "Anna"
    assert thai.person_name_en("นาง", "Malee", "Sukjai") == "Mrs. Malee Sukjai"


def render(tpl: str, **ctx) -> str:
    return Template(tpl).render(Context(ctx))


def test_filters_follow_the_active_language():
    with translation.override("th"):
        assert render("{{ d|bdate:'weekday' }}", d=FRI_3_DEC_2021) == "วันศุกร์ที่ 3 ธันวาคม พ.ศ. 2564"
        assert render("{{ d|bdate:'short' }}", d=FRI_3_DEC_2021) == "3 ธ.ค. 64"
        assert render("{{ d|fiscalyear }}", d=FRI_3_DEC_2021) == "2565"
    with translation.override("en"):
        assert render("{{ d|bdate }}", d=FRI_3_DEC_2021) == "3 December 2021"
        assert render("{{ d|fiscalyear }}", d=FRI_3_DEC_2021) == "2022"
    assert render("{{ n|thaidigits }}", n=2564) == "๒๕๖๔"
    assert render("{{ a|bahttext }}", a=100) == "หนึ่งร้อยบาทถ้วน"


def test_thai_digits_in_prose_leave_addresses_alone():
    from salaklang.core.thai import thai_digits_in_prose

    assert thai_digits_in_prose("ปี 2570 ติดต่อ a1@x9.go.th หรือ https://x9.go.th/f2 โทร 0 7641 3000") == (
        "ปี ๒๕๗๐ ติดต่อ a1@x9.go.th หรือ https://x9.go.th/f2 โทร ๐ ๗๖๔๑ ๓๐๐๐")
