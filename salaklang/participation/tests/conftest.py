from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.organizations.models import Organization
from salaklang.participation.models import Consultation, Question


def make_consultation(*, province=None, status=Consultation.Status.PUBLISHED, days_open=(-1, 10), questions=2,
                      created_by=None, **fields) -> Consultation:
    province = province or Organization.objects.get(code="PNA")
    created_by = created_by or User.objects.get(username="pn.strategy")
    now = timezone.now()
    c = Consultation.objects.create(
        province=province, status=status, title=fields.pop("title", "ร่างประเด็นทดสอบ"),
        summary="สรุป", background="ความเป็นมา", opens_at=now + dt.timedelta(days=days_open[0]),
        closes_at=now + dt.timedelta(days=days_open[1]), created_by=created_by, **fields,
    )
    for i in range(1, questions + 1):
        Question.objects.create(consultation=c, number=i, text=f"คำถามที่ {i}")
    return c


@pytest.fixture
def consultation(demo):
    return make_consultation()


@pytest.fixture
def citizen2(demo):
    return User.objects.create_user(username="citizen.two", password="x-strong-pass-123", kind=User.Kind.CITIZEN,
                                    first_name="สมหญิง", last_name="ทดสอบ")
