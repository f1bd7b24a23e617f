from django.conf import settings

from salaklang.core import nav


def navigation(request):
    user = getattr(request, "user", None)
    ctx = {"site_name": settings.SALAKLANG["SITE_NAME"], "nav_items": []}
    if user is None:
        return ctx
    ctx["nav_items"] = nav.items_for(user)
    if user.is_authenticated:
        from salaklang.notifications.queries import unread_count

        ctx["unread_notifications"] = unread_count(user)
    return ctx
