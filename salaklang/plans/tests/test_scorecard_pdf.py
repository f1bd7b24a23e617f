"""The one-page scorecard PDF at the issue's scale: 3 agendas × 20 indicators with real-length names."""

from __future__ import annotations

import io
import statistics
import time

import pytest
from pypdf import PdfReader

from salaklang.documents.pdf import pdf_text, squash
from salaklang.plans import queries
from salaklang.plans.documents import render_scorecard_pdf, scorecard_pdf
from salaklang.plans.models import Indicator
from salaklang.plans.tests.factories import last_fy, make_plan, make_world

NAMES = [
    "จำนวนงานบริการที่เปิดให้ประชาชนยื่นคำขอผ่านระบบอิเล็กทรอนิกส์ของส่วนราชการในจังหวัด",
    "ร้อยละของผู้รับบริการที่พึงพอใจต่อการให้บริการของศูนย์บริการร่วมจังหวัด",
    "จำนวนนวัตกรรมการบริการที่ได้รับการพัฒนาและนำไปใช้ประโยชน์จริงในพื้นที่",
    "ระยะเวลาเฉลี่ยในการพิจารณาอนุญาตประกอบกิจการท่องเที่ยวที่ลดลง",
    "จำนวนชุดข้อมูลเปิดภาครัฐที่เผยแพร่บนศูนย์กลางข้อมูลเปิดของจังหวัด",
]


@pytest.fixture
def three_agendas(db):
    world = make_world()
    plans = [make_plan(world, indicators=20) for _ in range(3)]
    for k, plan in enumerate(plans):
        agenda = plan.agenda
        agenda.title = f"การยกระดับคุณภาพการให้บริการประชาชนด้วยเทคโนโลยีดิจิทัลและนวัตกรรม ประเด็นที่ {k + 1}"
        agenda.save(update_fields=["title"])
    for n, ind in enumerate(Indicator.objects.order_by("pk")):
        ind.name = f"{NAMES[n % len(NAMES)]} ({n + 1})"
        ind.unit = "ร้อยละ" if n % 2 else "ระบบงาน"
        ind.save(update_fields=["name", "unit"])
    return world


def test_three_agendas_of_twenty_indicators_fit_one_landscape_page(three_agendas):
    province = three_agendas["province"]
    data = scorecard_pdf(province, last_fy())
    page = PdfReader(io.BytesIO(data)).pages
    assert len(page) == 1
    box = page[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = squash(pdf_text(data))
    for n in (1, 20, 40, 60):  # the first and the last indicator of each agenda are on the page
        assert squash(f"({n})") in text, n
    assert squash("ประเด็นที่ 3") in text


def test_the_status_colours_are_printed(three_agendas):
    """Each status has its own cell colour (with its text label): the fill colours appear in the page."""
    province = three_agendas["province"]
    data = scorecard_pdf(province, last_fy())
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data().decode("latin-1")
    # no report is accepted yet: every indicator is "no data", its cell filled with the no-data grey #e6e6e6
    assert "0.901961 0.901961 0.901961 rg" in content
    assert "ไม่มีข้อมูล" in pdf_text(data)


def test_the_scorecard_render_time_is_measured_uncached(three_agendas):
    """The 300 ms bar is held by ``make bench`` (bench/scenarios/plans.py, same render function) on a quiet
    machine; here a loose bound catches a layout that multiplies the work (e.g. CSS column balancing)."""

    province = three_agendas["province"]
    fy = last_fy()
    scorecard_pdf(province, fy)  # the first render loads the fonts
    from django.utils import timezone

    timings = []  # CPU time of this process: wall time measured the machine's load (5.5 s once under pytest -n 2)
    for _ in range(5):
        t0 = time.process_time()
        data = queries.province_scorecard(province, fy, with_charts=False)
        render_scorecard_pdf(data, timezone.now())  # no cache
        timings.append(time.process_time() - t0)
    median = statistics.median(timings)
    print(f"scorecard PDF 3×20 uncached: median CPU {median * 1000:.0f} ms over 5")
    assert median < 2.0, median
