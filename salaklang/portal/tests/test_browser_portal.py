"""The portal in a real browser: pn.editor writes, schedules, publishes, revises and restores; an album from a
meeting's photos; pn.strategy announces a call; an anonymous visitor on a phone (home, album, gallery, print, share,
feed) and in English. axe checks the public pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from salaklang.portal import services
from salaklang.portal.models import Post
from salaklang.portal.tests.conftest import jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD_HTML = ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style>'
             '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head><body>'
             '<p class="MsoNormal" style="mso-x"><b><span lang="TH">ผลการดำเนินงาน</span></b><o:p></o:p></p>'
             '<ul><li class="MsoListParagraph">ข้อแรก</li></ul><table class="MsoTableGrid"><tr><td>ก</td></tr></table>'
             '</body></html>')
PASTE = """(html) => {
  const area = document.querySelector('[data-testid=richtext-area]');
  area.focus();
  const data = new DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', 'plain');
  area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_editor_writes_schedules_publishes_revises_restores(page, live_server, login, portal, tmp_path):
    from playwright.sync_api import expect

    login(page, "pn.editor")
    page.goto(f"{live_server.url}/p/manage/")
    expect(page.get_by_role("heading", level=1)).to_have_text("เนื้อหา")
    page.get_by_role("link", name="เขียนเนื้อหาใหม่").click()
    page.get_by_label("ประเภท").select_option("news")
    page.get_by_label("ชื่อเรื่อง").fill("จังหวัดพังงาจัดงานวันเด็ก")
    page.get_by_label("สรุปย่อ").fill("กิจกรรมสำหรับเด็กและเยาวชน")
    assert not page.js_errors, "before paste"
    page.evaluate(PASTE, WORD_HTML)  # pasted from Word into the editor
    assert not page.js_errors, "paste"
    notice = page.get_by_test_id("richtext-notice")
    expect(notice).to_be_empty()  # nothing active in Word's HTML: nothing to say
    # a web page's script and event handler are taken out, and the editor says so (it dropped them silently)
    page.evaluate(PASTE, '<p>ปลอดภัย<script>alert(1)</script></p><p onclick="alert(2)">คลิก</p>')
    expect(notice).to_contain_text("สคริปต์")
    assert "script" not in page.get_by_test_id("richtext-area").inner_html()
    assert "onclick" not in page.get_by_test_id("richtext-area").inner_html()
    page.get_by_test_id("richtext-area").press("End")
    page.keyboard.type(" เพิ่มเติม")
    assert not page.js_errors, "type"
    page.get_by_role("button", name="บันทึกร่าง").click()
    expect(page.get_by_test_id("post-status")).to_have_text("ร่าง")
    post = Post.objects.get(title="จังหวัดพังงาจัดงานวันเด็ก")
    assert "mso" not in post.body and "<b>ผลการดำเนินงาน</b>" in post.body and "<table>" in post.body
    assert "<li>ข้อแรก</li>" in post.body and "เพิ่มเติม" in post.body and "WordDocument" not in post.body

    expect(page.get_by_test_id("richtext-area").locator("table td")).to_have_text("ก")
    # a script typed in the HTML view is refused with a message, nothing saved
    page.get_by_role("button", name="HTML").click()
    page.get_by_label("ข้อความ").fill('<p onclick="alert(1)">x</p>')
    page.get_by_role("button", name="บันทึกการแก้ไข").click()
    expect(page.get_by_text("เนื้อหามีสคริปต์")).to_be_visible()
    assert Post.objects.get(pk=post.pk).version == 1

    # photo upload
    photo = tmp_path / "children.jpg"
    photo.write_bytes(jpeg((1200, 800)).read())
    page.locator("#id_image").set_input_files(str(photo))
    page.locator("#id_caption").fill("เด็กร่วมกิจกรรม")
    page.get_by_role("button", name="อัปโหลดภาพ").click()
    expect(page.get_by_text("เพิ่มภาพแล้ว")).to_be_visible()

    # preview: the anonymous public gets a 404
    anon = page.context.browser.new_context().new_page()
    assert anon.goto(f"{live_server.url}{post.get_absolute_url()}").status == 404

    # a time in the past is refused; a future time schedules
    page.get_by_label("เผยแพร่เมื่อ").fill(_local(timezone.now() - dt.timedelta(hours=2)))
    page.get_by_role("button", name="เผยแพร่", exact=True).click()
    expect(page.get_by_text("เวลาที่ตั้งไว้ผ่านไปแล้ว")).to_be_visible()
    page.get_by_label("เผยแพร่เมื่อ").fill(_local(timezone.now() + dt.timedelta(days=1)))
    page.get_by_role("button", name="เผยแพร่", exact=True).click()
    expect(page.get_by_test_id("post-status")).to_have_text("ตั้งเวลาเผยแพร่")
    page.get_by_role("button", name="ยกเลิกการตั้งเวลา").click()
    page.get_by_role("button", name="เผยแพร่", exact=True).click()
    expect(page.get_by_test_id("post-status")).to_have_text("เผยแพร่แล้ว")
    assert anon.goto(f"{live_server.url}{post.get_absolute_url()}").status == 200

    # revise, then restore the first version from the history
    page.get_by_label("ชื่อเรื่อง").fill("จังหวัดพังงาจัดงานวันเด็กแห่งชาติ")
    page.get_by_role("button", name="บันทึกการแก้ไข").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("จังหวัดพังงาจัดงานวันเด็กแห่งชาติ")
    page.get_by_test_id("history-link").click()
    page.get_by_role("button", name="นำฉบับที่ 1 กลับมาใช้").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("จังหวัดพังงาจัดงานวันเด็ก")
    assert Post.objects.get(pk=post.pk).title == "จังหวัดพังงาจัดงานวันเด็ก"
    assert not page.js_errors


def test_album_from_the_meetings_photos(page, live_server, login, portal):
    """pn.editor, the portal editor of the Provincial Office, publishes the seed 000 meeting's photos."""
    from playwright.sync_api import expect

    from salaklang.portal import demo

    meeting = demo.pna_meeting()
    login(page, "pn.editor")
    page.goto(f"{live_server.url}/p/manage/PNA/")
    page.get_by_test_id(f"album-from-meeting-{meeting.pk}").click()
    expect(page.get_by_text("สร้างร่างบนเว็บไซต์แล้ว")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    page.get_by_role("button", name="เผยแพร่", exact=True).click()
    expect(page.get_by_test_id("post-status")).to_have_text("เผยแพร่แล้ว")
    post = Post.objects.get(source_key=f"agendas.meeting:{meeting.pk}")
    assert post.photos.count() == 3 and post.kind == "album" and post.site.province.code == "PNA"
    assert not page.js_errors


def test_strategy_staff_announce_a_call(page, live_server, login, portal):
    from playwright.sync_api import expect

    from salaklang.calls import demo as calls_demo
    from salaklang.calls.models import Call

    calls_demo.seed()
    call = Call.objects.get(issuer__code="PNA", subject="การพัฒนานวัตกรรมเพื่อประกอบการประเมินจังหวัด HPP")
    login(page, "pn.strategy")
    page.goto(f"{live_server.url}/calls/{call.pk}/")
    page.get_by_role("button", name="ประกาศบนเว็บไซต์").click()
    expect(page.get_by_text("สร้างร่างบนเว็บไซต์แล้ว")).to_be_visible()
    page.get_by_role("button", name="เผยแพร่", exact=True).click()
    expect(page.get_by_test_id("post-status")).to_have_text("เผยแพร่แล้ว")
    page.get_by_test_id("view-link").click()
    expect(page.locator("table.attachments")).to_contain_text(call.document_number)


@pytest.fixture
def published_album(portal):
    editor = portal["users"]["pn.editor"]
    section = portal["pn"].office
    post = services.post_create(actor=editor, site=portal["pn"], organization=section, kind=Post.Kind.ALBUM,
                                title="ประมวลภาพกิจกรรมปลูกป่าชายเลน", summary="จิตอาสาปลูกป่าชายเลน 500 ต้น",
                                body="<p>จังหวัดพังงาจัดกิจกรรมปลูกป่าชายเลน</p>")
    from salaklang.portal import tasks

    for n in range(8):
        photo = services.photo_add(post=post, actor=editor, upload=jpeg((1200, 800)), caption=f"ภาพที่ {n + 1}")
        tasks.render(photo)
    services.post_publish(post=post, actor=editor)
    Post.objects.filter(pk=post.pk).update(publish_at=dt.datetime(2021, 12, 4, 3, 0, tzinfo=dt.UTC))
    post.refresh_from_db()
    return post


def test_anonymous_visitor_on_a_phone(browser, live_server, axe, published_album, settings):
    from playwright.sync_api import expect

    settings.PORTAL_LANDING_SITE = "PNA"
    context = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile Safari")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("จังหวัดพังงา")
    expect(page.get_by_test_id("complaint-button")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # the header's buttons are touch targets of at least 44 px on a phone (the menu and language buttons were 31-34)
    for control in [page.locator(".nav-toggle"), page.locator(".lang-form button"), page.locator(".site-search-toggle")]:
        box = control.first.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
    axe(page)
    page.get_by_role("link", name="ประมวลภาพกิจกรรมปลูกป่าชายเลน").first.click()
    expect(page.get_by_test_id("published-on")).to_have_text("ประกาศเมื่อ 4 ธันวาคม 2564")
    expect(page.get_by_test_id("views")).to_have_text("เปิดดู 1 ครั้ง")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    # lazy loading below the first screen, srcset on every photo
    imgs = page.locator(".gallery img")
    assert imgs.count() == 8
    assert imgs.nth(7).get_attribute("loading") == "lazy" and "320w" in imgs.nth(0).get_attribute("srcset")
    # the gallery by keyboard
    page.locator(".gallery a").first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".lightbox-caption")).to_have_text("ภาพที่ 1")
    page.keyboard.press("ArrowRight")
    expect(dialog.locator(".lightbox-caption")).to_have_text("ภาพที่ 2")
    for button in dialog.locator("button").all():  # touch targets on the phone (they were 27 px tall)
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # share links and Open Graph
    line = page.get_by_test_id("share-line").get_attribute("href")
    assert line.startswith("https://social-plugins.line.me/lineit/share?url=") and str(published_album.pk) in line
    assert "facebook.com/sharer" in page.get_by_test_id("share-facebook").get_attribute("href")
    assert page.locator('meta[property="og:image"]').get_attribute("content").startswith("http")
    # print view
    page.get_by_test_id("print-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ประมวลภาพกิจกรรมปลูกป่าชายเลน")
    expect(page.get_by_text("ประกาศเมื่อ 4 ธันวาคม 2564")).to_be_visible()
    assert page.locator("nav").count() == 0
    axe(page)
    # the feed
    response = page.request.get(f"{live_server.url}/p/PNA/feed.rss")
    assert response.ok and "ประมวลภาพกิจกรรมปลูกป่าชายเลน" in response.text()
    assert not errors
    context.close()


def test_english_visitor(page, live_server, axe, published_album):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/p/PNA/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Announcements")).to_be_visible()
    page.get_by_role("link", name="All albums").click()
    axe(page)
    page.get_by_role("link", name="ประมวลภาพกิจกรรมปลูกป่าชายเลน").click()
    expect(page.get_by_test_id("published-on")).to_have_text(re.compile(r"^Published on 4 December 2021$"))
    axe(page)
