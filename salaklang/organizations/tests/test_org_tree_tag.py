"""The organization tree is written by one template tag (it was a recursive include of a node template)."""

from django.utils import translation

from salaklang.organizations.models import Organization
from salaklang.organizations.queries import Node
from salaklang.organizations.templatetags.org_tree import org_tree


def _org(pk, name_th, kind="agency", *, name_en="", active=True, parent=None):
    return Organization(pk=pk, code=f"C{pk}", kind=kind, name_th=name_th, name_en=name_en, is_active=active,
                        parent_id=parent)


def test_nested_escaped_in_the_readers_language_with_the_inactive_chip():
    province = Node(_org(1, "จังหวัดทดสอบ", "province", name_en="Test Province"))
    agency = Node(_org(2, "สำนักงาน <b>ทดสอบ</b>", name_en="Office & Co", active=False, parent=1))
    province.children.append(agency)
    with translation.override("th"):
        html = org_tree([province])
    assert html.startswith('<li>\n  <a href="/organizations/1/">จังหวัดทดสอบ</a>')
    assert "<ul><li>" in html.replace("  <ul>", "<ul>") and html.endswith("</li></ul>\n</li>")
    assert "สำนักงาน &lt;b&gt;ทดสอบ&lt;/b&gt;" in html and "<b>" not in html
    assert html.count('class="chip chip-muted"') == 1 and "C2" in html
    with translation.override("en"):
        html = org_tree([province])
    assert "Test Province" in html and "Office &amp; Co" in html and "inactive" in html
