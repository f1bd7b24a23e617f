from django.conf import settings

from salaklang.core import nav


def navigation(request):
    user = getattr(request, "user", None)
    ctx = {"site_name": settings.SALAKLANG["SITE_NAME"], "nav_items": [], "nav_menu": []}
    if user is None:
        return ctx
    ctx["nav_menu"] = nav.menu_for(user, request.path)
    ctx["nav_items"] = [row for entry in ctx["nav_menu"] for row in entry.get("items", [entry])]
    if user.is_authenticated:
        from salaklang.notifications.queries import unread_count

        ctx["unread_notifications"] = unread_count(user)
    return ctx
