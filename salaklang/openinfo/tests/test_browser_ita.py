"""ITA in a real browser: pn.strategy loads the year's list and follows the board; the tourism office's
coordinator answers items with an upload, a website post and a generated page; an anonymous visitor opens the ITA
page and every link on it works."""

from __future__ import annotations

import re

import pytest

from salaklang.organizations.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LIST_CSV = ("รหัส,ชื่อ,กลุ่ม,generator\n"
            "O1,โครงสร้างหน่วยงาน,ข้อมูลพื้นฐาน,structure\n"
            "O2,อำนาจหน้าที่,ข้อมูลพื้นฐาน,\n"
            "O3,ข่าวประชาสัมพันธ์,ข้อมูลพื้นฐาน,news\n").encode("cp874")


def test_list_board_answer_and_public_links(page, live_server, login, demo, tmp_path):
    from playwright.sync_api import expect

    from salaklang.portal import services as portal

    pna = Organization.objects.get(code="PNA")
    site = portal.site_ensure(province=pna, office=Organization.objects.get(code="PNA-PO"))
    post = portal.post_create(actor=demo["pn.editor"], site=site, organization=Organization.objects.get(code="PNA-TOUR"),
                              kind="news", title="ข่าวท่องเที่ยวพังงา")
    portal.post_publish(post=post, actor=demo["pn.editor"])

    # 1. the strategy staff load the province's list for 2571 (Thai CSV in TIS-620)
    login(page, "pn.strategy")
    page.goto(f"{live_server.url}/ita/manage/")
    csv_path = tmp_path / "ita2571.csv"
    csv_path.write_bytes(LIST_CSV)
    page.locator("#id_i-year").fill("2571")
    page.locator("#id_i-file").set_input_files(str(csv_path))
    page.get_by_role("button", name="นำเข้า", exact=True).click()
    expect(page.get_by_text("นำเข้า 3 ข้อสำหรับปี 2571 แล้ว")).to_be_visible()
    page.get_by_role("link", name="กระดานความพร้อม").first.click()
    board = page.get_by_test_id("board")
    expect(board).to_contain_text("การท่องเที่ยวและกีฬาจังหวัดพังงา")
    expect(board).to_contain_text("ยังไม่มี")
    page.context.clear_cookies()

    # 2. the tourism office's coordinator answers
    login(page, "pn.tourism")
    page.goto(f"{live_server.url}/ita/manage/board/2571/")
    page.get_by_role("link", name=re.compile("ท่องเที่ยว")).first.click()
    doc = tmp_path / "powers.pdf"
    doc.write_bytes(PDF)
    page.locator("#id_item").select_option(label="O2 อำนาจหน้าที่")
    page.locator("#id_kind").select_option("upload")
    page.locator("#id_file").set_input_files(str(doc))
    page.get_by_role("button", name="เพิ่มหลักฐาน").click()
    page.locator("#id_item").select_option(label="O1 โครงสร้างหน่วยงาน")
    page.locator("#id_kind").select_option("generated")
    page.get_by_role("button", name="เพิ่มหลักฐาน").click()
    page.locator("#id_item").select_option(label="O3 ข่าวประชาสัมพันธ์")
    page.locator("#id_kind").select_option("link")
    page.locator("#id_post").select_option(label="ข่าวท่องเที่ยวพังงา")
    page.get_by_role("button", name="เพิ่มหลักฐาน").click()
    for code in ("O1", "O2", "O3"):
        page.get_by_test_id(f"publish-{code}").click()
    expect(page.get_by_test_id("answer-items")).not_to_contain_text("ร่าง")
    page.context.clear_cookies()

    # 3. an anonymous visitor follows every link of the ITA page
    page.goto(f"{live_server.url}/ita/PNA-TOUR/2571/")
    links = page.get_by_test_id("ita-link")
    expect(links).to_have_count(3)
    hrefs = [links.nth(i).get_attribute("href") for i in range(3)]
    for href in hrefs:
        resp = page.goto(f"{live_server.url}{href}")
        assert resp.status == 200, href
        for a in page.locator("main a").all():
            target = a.get_attribute("href") or ""
            if target.startswith("/"):
                assert page.request.get(f"{live_server.url}{target}").status == 200, target
    page.goto(f"{live_server.url}{hrefs[0]}")
    expect(page.get_by_test_id("as-of")).to_contain_text("ข้อมูล ณ วันที่")
