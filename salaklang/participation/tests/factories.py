"""Factories for consultations, built through the services on a ``make_world()``."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salaklang.participation import services
from salaklang.participation.models import Consultation


def make_consultation(world, *, publish: bool = True, title: str = "ร่วมกำหนดประเด็นการพัฒนาจังหวัด",
                      questions=("ควรแก้ปัญหาใดก่อน",), opens_in_days: int = -1, closes_in_days: int = 14,
                      **fields) -> Consultation:
    """A consultation of the world's province, open now (published unless ``publish=False``)."""
    now = timezone.now()
    consultation = services.consultation_create(
        actor=world["strategy"], province=world["province"], title=title, summary="สรุปสั้น ๆ",
        background="ความเป็นมา", opens_at=now + dt.timedelta(days=opens_in_days),
        closes_at=now + dt.timedelta(days=closes_in_days), questions=questions, **fields)
    return services.consultation_publish(consultation=consultation, actor=world["strategy"]) if publish else consultation
