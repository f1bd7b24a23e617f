from django.utils import timezone

from salaklang.agendas import access, queries
from salaklang.agendas.models import Agenda, Meeting


def panel(request):
    """Upcoming meetings, requests for opinions still open, proposals awaiting the strategy staff (4 queries)."""
    user = request.user
    if not user.is_authenticated or getattr(user, "is_citizen", False) or not access.can_use_agendas(user):
        return None
    today = timezone.localdate()
    meetings = list(access.visible_meetings(user).filter(date__gte=today).exclude(status=Meeting.Status.CANCELLED)
                    .order_by("date", "start_time")[:5])
    rounds = list(queries.rounds_for(user).filter(due_date__gte=today).order_by("due_date")[:5])
    staff = access.staff_province_ids(user)
    proposed = Agenda.objects.filter(province_id__in=staff, status=Agenda.Status.PROPOSED).count() if staff else 0
    return {"template": "agendas/_dashboard_panel.html", "order": 30, "meetings": meetings, "open_rounds": rounds,
            "proposed": proposed}
