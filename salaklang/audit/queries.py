from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from salaklang.audit.access import visible_entries
from salaklang.audit.models import AuditEntry


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filtered_entries(user, filters: dict) -> QuerySet[AuditEntry]:
    qs = visible_entries(user).select_related("actor", "on_behalf_of", "organization", "sealed")
    person = (filters.get("person") or "").strip()
    if person:
        match = Q(username=person) | Q(first_name__icontains=person) | Q(last_name__icontains=person)
        from salaklang.accounts.models import User

        ids = list(User.objects.filter(match).values_list("pk", flat=True)[:200])
        qs = qs.filter(Q(actor_id__in=ids) | Q(on_behalf_of_id__in=ids))
    if filters.get("object_type"):
        qs = qs.filter(object_type=filters["object_type"].strip().lower())
    if filters.get("object_id"):
        qs = qs.filter(object_id=filters["object_id"].strip())
    if filters.get("organization"):
        qs = qs.filter(organization__code__iexact=filters["organization"].strip())
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("date_from"):
        qs = qs.filter(at__gte=_day_start(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(at__lt=_day_start(filters["date_to"] + dt.timedelta(days=1)))
    return qs.order_by("-at", "-id")
