from salaklang.calls import access
from salaklang.calls.models import Call


def panel(request):
    user = request.user
    if not user.is_authenticated or user.is_citizen:
        return None
    calls = list(access.visible_calls(user).filter(status=Call.Status.PUBLISHED).order_by("deadline")[:5])
    return {"template": "calls/_dashboard_panel.html", "order": 10, "calls": calls}
