from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from salaklang.core.ratelimit import is_ratelimited
from salaklang.organizations.models import Organization
from salaklang.search import engine
from salaklang.search.kinds import REGISTRY, offered_to


def limited(request, *, suggestions: bool = False) -> bool:
    """Anonymous searches are rate limited per address (signed-in people are accountable); suggestions, which
    come several per typed word, count apart with three times the allowance."""
    if request.user.is_authenticated:
        return False
    number, _sep, per = settings.SEARCH_ANON_RATE.partition("/")
    if suggestions:
        return is_ratelimited(request, group="search.suggest", key="ip", rate=f"{int(number) * 3}/{per or 'm'}",
                              increment=True)
    return is_ratelimited(request, group="search.anonymous", key="ip", rate=f"{number}/{per or 'm'}",
                          increment=True)


def _int(value) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return n if 0 < n < 10_000_000 else None


def params(request) -> dict:
    get = request.GET
    kinds = [k for k in get.getlist("kind") if k in REGISTRY]
    province = None
    code = (get.get("province") or "").strip()[:20]
    if code:
        province = Organization.objects.filter(kind=Organization.Kind.PROVINCE, code=code).values_list(
            "pk", flat=True).first()
    return {"q": get.get("q", ""), "kinds": kinds, "province_code": code, "province_id": province,
            "fiscal_year": _int(get.get("fy")), "page": _int(get.get("page")) or 1}


def kind_choices(user) -> list[tuple[str, str]]:
    return [(k.name, str(k.label)) for k in REGISTRY.values() if offered_to(k, user)]


@login_not_required
@require_GET
def results(request):
    p = params(request)
    status = 200
    if limited(request):
        res, status = None, 429
    else:
        res = engine.search(request.user, p["q"], kinds=p["kinds"], province_id=p["province_id"],
                            fiscal_year=p["fiscal_year"], page=p["page"])
        if res.query.too_long:  # a clear message in the person's language, not the server's bare 414
            status = 400
            p["q"] = res.query.raw  # the form and the links carry the first MAX_CHARS characters only
    base = [("q", p["q"])] + [("kind", k) for k in p["kinds"]]
    if p["province_code"]:
        base.append(("province", p["province_code"]))
    if p["fiscal_year"]:
        base.append(("fy", p["fiscal_year"]))
    page_url = "?" + urlencode(base) + "&page="
    context = {
        "p": p, "res": res, "page_url": page_url,
        "kind_choices": kind_choices(request.user),
        "provinces": [(o.code, o.name) for o in Organization.objects.filter(  # .name: in the reader's language
            kind=Organization.Kind.PROVINCE, is_active=True).order_by("name_th").only("code", "name_th", "name_en")],
        "limited_message": _("Too many searches from your address: please wait a minute and try again.")
        if status == 429 else "",
    }
    template = "search/_results.html" if request.headers.get("HX-Request") else "search/results.html"
    return render(request, template, context, status=status)


@login_not_required
@require_GET
def suggest(request):
    if limited(request, suggestions=True):
        return render(request, "search/_suggest.html", {"res": None}, status=429)
    q = request.GET.get("q", "")
    res = engine.search(request.user, q, per_page=8, titles_only=True)
    return render(request, "search/_suggest.html", {"res": res, "q": res.query.raw},
                  status=400 if res.query.too_long else 200)
