from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from salaklang.notifications import queries, services


def notification_list(request):
    page = Paginator(queries.for_user(request.user), settings.PAGE_SIZES["lists"]).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
def mark_all_read(request):
    services.notification_mark_read(user=request.user)
    return redirect("notifications:list")
