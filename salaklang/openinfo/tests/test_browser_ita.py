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
    expect(links.first).to_have_text("เปิด O1")  # each link names its item, not 43 links all reading "เปิด"
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


def _same_origin_links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    out = []
    for h in hrefs:
        if h.startswith("#") or h.startswith("mailto:") or h.startswith("tel:"):
            continue
        if h.startswith("/"):
            out.append(base + h)
        elif h.startswith(base):
            out.append(h)
    return sorted(set(out))


def test_board_assignment_public_pages_accessible_every_link_and_export(page, live_server, login, demo, axe):
    """pn.strategy assigns an owner and a due date on the board before any evidence; axe-core finds no serious
    violation on the board, the public ITA page, a generated page and the information centre; every link of the
    public ITA page answers 200 to an anonymous visitor; the XLSX export opens with openpyxl and its URLs resolve."""
    import io

    from openpyxl import load_workbook
    from playwright.sync_api import expect

    from salaklang.openinfo import demo as ita_demo
    from salaklang.portal import services as portal

    ita_demo.seed()
    pna = Organization.objects.get(code="PNA")
    site = portal.site_ensure(province=pna, office=Organization.objects.get(code="PNA-PO"))
    doc = portal.post_create(actor=demo["pn.editor"], site=site, organization=Organization.objects.get(code="PNA-PO"),
                             kind="announcement", title="ประกาศจังหวัดพังงา เรื่องการเปิดเผยข้อมูล")
    portal.post_publish(post=doc, actor=demo["pn.editor"])

    # 1. the board: a cell of the tourism office, owner and due date before any evidence
    login(page, "pn.strategy")
    page.goto(f"{live_server.url}/ita/manage/board/2570/")
    axe(page)
    page.locator("tr", has_text="การท่องเที่ยวและกีฬาจังหวัดพังงา").locator("td[data-code='O8'] a").click()
    expect(page.get_by_role("checkbox", name=re.compile("O8"))).to_be_checked()
    page.get_by_label("ผู้รับผิดชอบ").select_option(str(demo["pn.tourism"].pk))
    page.get_by_label("กำหนดส่ง").fill("2027-03-15")
    axe(page)
    page.get_by_role("button", name="บันทึกผู้รับผิดชอบและกำหนดส่ง").click()
    cell = page.locator("tr", has_text="การท่องเที่ยวและกีฬาจังหวัดพังงา").locator("td[data-code='O8']")
    expect(cell).to_contain_text("พิมพ์ชนก")
    expect(cell).to_contain_text("15 มี.ค. 70")  # B.E., short
    # the export: XLSX opens with openpyxl, every public address in it resolves
    resp = page.request.get(f"{live_server.url}/ita/manage/PNA/2570/export.xlsx")
    assert resp.status == 200
    ws = load_workbook(io.BytesIO(resp.body())).active
    urls = [row[3] for row in ws.iter_rows(min_row=2, values_only=True) if row[3]]
    assert len(urls) >= 10
    for url in urls:
        path = "/" + url.split("/", 3)[3]
        assert page.request.get(f"{live_server.url}{path}").status == 200, url
    page.context.clear_cookies()

    # 2. anonymous: the ITA page, every link on it, a generated page, the centre — axe on each
    page.goto(f"{live_server.url}/ita/PNA/2570/")
    axe(page)
    links = _same_origin_links(page, live_server.url)
    assert any("/ita/PNA/2570/O31/" in u for u in links)
    for url in links:
        assert page.request.get(url).status == 200, url
    page.goto(f"{live_server.url}/ita/PNA/2570/O31/")
    expect(page.get_by_test_id("as-of")).to_contain_text("ข้อมูล ณ วันที่")
    axe(page)
    page.goto(f"{live_server.url}/ita/centre/PNA/")
    expect(page.get_by_test_id("centre-documents")).to_contain_text("ประกาศจังหวัดพังงา เรื่องการเปิดเผยข้อมูล")
    axe(page)
    page.get_by_label("ค้นหาจากชื่อเรื่อง").fill("เปิดเผยข้อมูล")
    page.get_by_role("search", name="ค้นหาเอกสาร").get_by_role("button", name="ค้นหา").click()  # not the site's box
    expect(page.get_by_test_id("centre-documents")).to_contain_text("ประกาศจังหวัดพังงา")
