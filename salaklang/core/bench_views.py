"""The floor of `make bench` (issue 11 and 16): what every page costs before its own work.

Mounted only when SALAKLANG_QUERY_HEADER=1 (the benchmark server), never in a deployment:

- ``layout``: the site's base layout (navigation, user tools, footer) rendered for the signed-in person by a view that
  runs no queries of its own — middleware (session, user) and context processors run as for any page;
- ``bare``: a plain Django view returning the same bytes, without templates or context processors.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render

_LAYOUT: dict[str, bytes] = {}


def layout(request):
    response = render(request, "base.html", {})
    _LAYOUT["bytes"] = response.content
    return response


@login_not_required
def bare(request):
    if "bytes" not in _LAYOUT:  # first request of this worker (a warm-up request): render it once
        layout(request)
    return HttpResponse(_LAYOUT["bytes"], content_type="text/html; charset=utf-8")
