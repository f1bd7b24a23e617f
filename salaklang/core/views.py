from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from salaklang.core import dashboard
from salaklang.core.errors import PublicNotFound


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


# --- The site's error pages (handler404/handler403 in config/urls.py; 500.html is static) ----------------
def page_not_found(request, exception=None):
    message = str(exception) if isinstance(exception, PublicNotFound) and exception.args else ""
    return render(request, "404.html", {"message": message}, status=404)


def permission_denied(request, exception=None):
    # Our PermissionDenied messages are sentences for people (services raise them translated); a bare one
    # gets the page's general text.
    message = exception.args[0] if exception is not None and exception.args and isinstance(exception.args[0], str) else ""
    return render(request, "403.html", {"message": message}, status=403)
