from __future__ import annotations

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_every_string_has_thai():
    path = settings.BASE_DIR / "salaklang" / "openinfo" / "locale" / "th" / "LC_MESSAGES" / "django.po"
    untranslated = [e.msgid for e in polib.pofile(str(path)) if not e.obsolete and not e.translated()]
    assert untranslated == []


def test_public_pages_in_thai(client, ita):
    from salaklang.openinfo import services
    from salaklang.openinfo.models import Evidence, Item

    item = Item.objects.get(year=ita["year"], code="O31")
    ev = services.evidence_add(org=ita["pna"], item=item, actor=ita["admin"], kind=Evidence.Kind.GENERATED)
    services.evidence_publish(evidence=ev, actor=ita["admin"])
    client.cookies["django_language"] = "th"
    html = client.get("/ita/PNA/2570/", HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "การเปิดเผยข้อมูลสาธารณะ ITA 2570" in html and "ยังไม่เผยแพร่" in html
    resp = client.get("/ita/PNA/2570/O31/", HTTP_ACCEPT_LANGUAGE="th")
    html = resp.content.decode()
    assert "ข้อมูล ณ วันที่" in html and "พ.ศ." in html
