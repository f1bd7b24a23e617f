from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from salaklang.core import dashboard


@login_not_required
@require_GET
def home(request):
    """The public front page; signed-in staff go to their dashboard."""
    if request.user.is_authenticated and not request.user.is_citizen:
        return redirect("core:dashboard")
    from salaklang.portal.views import landing  # the province's public portal (salaklang.portal)

    return landing(request)


@require_GET
def dashboard_view(request):
    return render(request, "core/dashboard.html", {"panels": dashboard.panels_for(request)})


@login_not_required
@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
