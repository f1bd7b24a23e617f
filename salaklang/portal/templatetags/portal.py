"""``{% load portal %}{% portal_publish_button "meeting" meeting %}`` — the one-step publishing button that other apps'
pages include. It shows only to the people who may write on the province's website, and only when the object can
be published (a call once published, a consultation once public, an agenda once selected)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


def _province_of(kind: str, obj):
    if kind == "call":
        from salaklang.organizations.roles import province_of

        return province_of(obj.issuer)
    return obj.province


def _ready(kind: str, obj) -> bool:
    if kind == "call":
        return obj.status != "draft"
    if kind == "consultation":
        return obj.status in ("published", "responded")
    if kind == "agenda":
        return obj.status == "selected"
    return True


LABELS = {
    "meeting": _("Publish the photos as an album on the website"),
    "call": _("Announce on the website"),
    "consultation": _("Announce on the website"),
    "agenda": _("Announce on the website"),
}


@register.inclusion_tag("portal/_publish_button.html", takes_context=True)
def portal_publish_button(context, kind: str, obj):
    from salaklang.portal import access
    from salaklang.portal.models import Site

    request = context.get("request")
    user = getattr(request, "user", None)
    show = False
    if user is not None and user.is_authenticated and access.may_edit_somewhere(user) and _ready(kind, obj):
        province = _province_of(kind, obj)
        site = Site.objects.filter(province=province).select_related("province").first() if province else None
        if site is None and province is not None:
            site = Site(province=province, title_th=province.name_th)
        show = site is not None and access.is_editor(user, site)
    return {"show": show, "portal_action": reverse(f"portal:from_{kind}", args=[obj.pk]),
            "portal_label": LABELS[kind], "csrf_token": context.get("csrf_token"),
            "next": request.get_full_path() if request else ""}
