"""Dashboard panel for strategy staff: consultations open now and closed ones awaiting a response."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from salaklang.participation.access import managed_consultations
from salaklang.participation.models import Consultation


def panel(request) -> dict | None:
    user = request.user
    if not getattr(user, "is_authenticated", False) or user.is_citizen:
        return None
    qs = managed_consultations(user)
    if qs.query.is_empty():
        return None
    now = timezone.now()
    published = Q(status=Consultation.Status.PUBLISHED)
    row = qs.aggregate(
        open=Count("pk", filter=published & Q(opens_at__lte=now, closes_at__gt=now)),
        awaiting=Count("pk", filter=published & Q(closes_at__lte=now)),
        drafts=Count("pk", filter=Q(status=Consultation.Status.DRAFT)),
    )
    return {"template": "participation/_dashboard_panel.html", "order": 60, **row}
