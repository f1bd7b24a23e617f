import pytest
from django.core.exceptions import ValidationError

from salaklang.portal import richtext

WORD_PASTE = """<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
<style>p.MsoNormal {margin:0}</style>
<p class="MsoNormal" style="mso-margin-top-alt:auto"><b><span lang="TH" style="font-family:'TH SarabunPSK'">หัวข้อ</span></b><o:p></o:p></p>
<h1 class="MsoTitle">ประกาศ</h1>
<ul style="margin-top:0cm"><li class="MsoListParagraph">ข้อหนึ่ง</li><li>ข้อสอง</li></ul>
<table class="MsoTableGrid" border="1" style="border-collapse:collapse"><tr><td width="200" style="x">ก</td><td>ข</td></tr></table>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>"""


def test_word_paste_keeps_structure_and_loses_junk():
    out = richtext.sanitize(WORD_PASTE)
    assert "<b>หัวข้อ</b>" in out
    assert "<h2>ประกาศ</h2>" in out  # the page has its own h1
    assert "<ul><li>ข้อหนึ่ง</li><li>ข้อสอง</li></ul>" in out
    assert "<table><tbody><tr><td>ก</td><td>ข</td></tr></tbody></table>" in out
    for junk in ("mso", "class=", "style=", "o:p", "WordDocument", "Normal", "<span", "lang=", "MsoNormal {", "&nbsp;"):
        assert junk not in out, junk


def test_links_images_tables_kept():
    html = ('<p><a href="https://www.phangnga.go.th/x">ลิงก์</a> <a href="/p/PNA/">ภายใน</a> '
            '<a href="mailto:a@b.go.th">อีเมล</a></p><img src="/p/photos/1/large/" alt="ภาพ">'
            '<table><thead><tr><th scope="col" colspan="2">หัว</th></tr></thead></table><h3>ย่อย</h3><ol><li>1</li></ol>')
    out = richtext.sanitize(html)
    assert 'href="https://www.phangnga.go.th/x"' in out and 'href="/p/PNA/"' in out and "mailto:" in out
    assert '<img src="/p/photos/1/large/" alt="ภาพ" loading="lazy">' in out
    assert '<th scope="col" colspan="2">หัว</th>' in out and "<h3>ย่อย</h3>" in out and "<ol><li>1</li></ol>" in out


@pytest.mark.parametrize("bad", [
    "<p>x</p><script>alert(1)</script>",
    "<SCRIPT src=//evil></SCRIPT>",
    '<img src="/a.jpg" onerror="alert(1)">',
    '<p onclick = "x()">a</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<iframe src="https://evil"></iframe>',
    '<svg><circle/></svg>',
    '<object data="x.swf"></object>',
])
def test_scripts_handlers_and_script_urls_are_refused(bad):
    with pytest.raises(ValidationError) as exc:
        richtext.sanitize(bad, field="body")
    assert "script" in str(exc.value.message_dict["body"][0]).lower()


@pytest.mark.parametrize("bad", ['<script>x</script>', 'x" onmouseover="y', "javascript:alert(1)"])
def test_plain_fields_refuse_markup_that_runs(bad):
    with pytest.raises(ValidationError):
        richtext.check_plain(bad, field="caption")


def test_plain_text_of_ordinary_caption_passes():
    assert richtext.check_plain("  ภาพ <ผู้ว่าฯ> & คณะ ") == "ภาพ <ผู้ว่าฯ> & คณะ"


def test_import_mode_strips_silently():
    out = richtext.sanitize('<p onclick="x()">a</p><script>b</script><a href="javascript:c">d</a>', strict=False)
    assert "onclick" not in out and "script" not in out and "javascript" not in out and "a" in out


def test_plain_text_unescapes():
    assert richtext.plain_text("<p>A &amp; B</p>") == "A & B"


def test_a_paragraph_typed_with_enter_stays_a_paragraph():
    """Chromium's contenteditable makes the line after Enter a <div>: it must not run into the one before."""
    from salaklang.portal.richtext import plain_text, sanitize

    html = sanitize('ย่อหน้าแรก<div class="x" style="color:red">ย่อหน้าที่สอง</div><div><br></div>')
    assert "<p>ย่อหน้าที่สอง</p>" in html and plain_text(html) == "ย่อหน้าแรก ย่อหน้าที่สอง"


def test_the_first_line_typed_is_a_paragraph_too():
    """The walk: the line typed before the first Enter stayed bare text beside the paragraphs after it."""
    from salaklang.portal.richtext import sanitize

    assert sanitize('ย่อหน้าแรก<div>ย่อหน้าที่สอง</div>') == "<p>ย่อหน้าแรก</p><p>ย่อหน้าที่สอง</p>"
    assert sanitize("<strong>หนา</strong> ต่อ<br>บรรทัด<h2>หัว</h2>") == "<p><strong>หนา</strong> ต่อ<br>บรรทัด</p><h2>หัว</h2>"
    assert sanitize("<ul><li>ก</li></ul>") == "<ul><li>ก</li></ul>"


def test_an_image_without_a_description_is_marked_decorative():
    """axe (image-alt, critical) on a post whose body had <img src=…> without alt: it gets alt="", a given alt stays."""
    from salaklang.portal.richtext import sanitize

    out = sanitize('<p><img src="/a.jpg"><img src="/b.jpg" alt="ภาพหมู่"></p>')
    assert '<img alt="" src="/a.jpg"' in out and 'alt="ภาพหมู่"' in out and out.count("alt=") == 2
