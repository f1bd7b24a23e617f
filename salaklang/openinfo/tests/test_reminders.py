from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from salaklang.notifications.models import Notification
from salaklang.openinfo import services
from salaklang.openinfo.models import Evidence, Item

pytestmark = pytest.mark.django_db


def test_reminders_7_and_1_day_before_once_each_and_not_when_published(ita):
    today = timezone.localdate()
    owner = ita["users"]["pn.tourism"]
    from salaklang.organizations.models import Organization

    tour = Organization.objects.get(code="PNA-TOUR")
    draft = services.evidence_add(org=tour, item=Item.objects.get(year=ita["year"], code="O1"), actor=ita["admin"],
                                  kind=Evidence.Kind.GENERATED, owner=owner, due_on=today + dt.timedelta(days=7))
    done = services.evidence_add(org=tour, item=Item.objects.get(year=ita["year"], code="O5"), actor=ita["admin"],
                                 kind=Evidence.Kind.GENERATED, owner=owner, due_on=today + dt.timedelta(days=7))
    services.evidence_publish(evidence=done, actor=ita["admin"])
    before = Notification.objects.filter(recipient=owner).count()
    assert services.send_due_reminders() == 1
    assert services.send_due_reminders() == 0  # once
    assert Notification.objects.filter(recipient=owner).count() == before + 1
    later = timezone.now() + dt.timedelta(days=6)
    assert services.send_due_reminders(later) == 1  # the day before
    assert draft.reminders.count() == 2
