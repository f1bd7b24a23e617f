import datetime as dt

import pytest
from django.utils import timezone

from salaklang.calls import services
from salaklang.organizations.models import Organization


@pytest.fixture
def pna(demo):
    return Organization.objects.get(code="PNA")


@pytest.fixture
def make_call(demo, pna):
    def _make(publish=True, issuer=None, actor="pn.strategy", **overrides):
        now = timezone.now()
        data = {"title": "ขอให้ส่วนราชการเสนอนวัตกรรม", "fiscal_year": 2570, "opens_at": now - dt.timedelta(days=1),
                "deadline": now + dt.timedelta(days=10), "subject": "การพัฒนานวัตกรรม", "body": "ย่อหน้าแรก\n\nจึงเรียนมาเพื่อโปรดพิจารณา",
                "signatory_name": "นายวรพจน์ อันดามันกุล", "signatory_position": "ผู้ว่าราชการจังหวัดพังงา",
                "contact_unit": "กลุ่มงานยุทธศาสตร์ฯ", "contact_phone": "0 7641 3000"}
        data.update(overrides)
        call = services.call_create(actor=demo[actor], issuer=issuer or pna, data=data)
        if publish:
            call = services.call_publish(actor=demo[actor], call=call)
        return call
    return _make


@pytest.fixture
def tourism():
    return Organization.objects.get(code="PNA-TOUR")
