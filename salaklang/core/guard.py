"""Bad input never costs a server (issue 10): one place for the rules every request goes through.

* ``clean_text`` — NUL and the other control characters (all of C0 except tab, line feed and carriage return, plus
  DEL) are removed from every text a person or a program sends: query strings and form fields
  (``InputGuardMiddleware``), JSON bodies (``GuardedJSONParser``), file names, imported cells (organizations
  import). PostgreSQL refuses NUL in text, and none of these characters belongs in Thai or English text.
* ``InputGuardMiddleware`` — a path with a control character is a 400; after the view, input the services refuse
  late (a ``ValidationError`` a view did not catch, a number too large for its column, text the database refuses)
  becomes a 400 with a message in the person's language, never a 500.
* ``GuardedJSONParser`` — JSON nested deeper than ``MAX_JSON_DEPTH`` is refused before it is parsed (no
  recursion on the client's depth); a body that is not UTF-8 JSON is a 400.
* ``salaklang.api.exceptions.api_exception_handler`` — the same late refusals as JSON 400s for ``/api/v1/``.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

log = logging.getLogger(__name__)

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_JSON_DEPTH = 32


def clean_text(value: str) -> str:
    """``value`` without NUL and other control characters (tab and line breaks stay)."""
    return CONTROL.sub("", value) if isinstance(value, str) and CONTROL.search(value) else value


def _clean_querydict(qd):
    if not any(CONTROL.search(k) or any(CONTROL.search(v) for v in qd.getlist(k) if isinstance(v, str))
               for k in qd):
        return qd
    clean = qd.copy()
    for key in list(clean):
        values = [clean_text(v) for v in clean.getlist(key)]
        del clean[key]
        clean.setlist(clean_text(key), values)
    clean._mutable = False
    return clean


def _is_api(request) -> bool:
    return request.path.startswith(("/api/", "/open311/"))


def bad_input_response(request, message: str):
    if _is_api(request):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "core/bad_input.html", {"message": message}, status=400)


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL.search(request.path):
            return HttpResponseBadRequest(b"Bad request: control character in the address.")
        request.GET = _clean_querydict(request.GET)
        if request.method in ("POST", "PUT", "PATCH") and request.content_type in (
                "application/x-www-form-urlencoded", "multipart/form-data"):
            try:
                request.POST = _clean_querydict(request.POST)
                for upload in request.FILES.values():
                    upload.name = clean_text(upload.name or "")
            except Exception:  # noqa: BLE001 — a malformed body: let the view's own parsing answer 400
                log.info("unparsable form body on %s", request.path)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ValidationError):
            return bad_input_response(request, " ".join(exception.messages) or _("The input is not valid."))
        if isinstance(exception, (DataError, OverflowError)):
            log.warning("bad input refused late on %s: %s", request.path, exception)
            return bad_input_response(request, _("A value is too large or contains characters that cannot be "
                                                 "stored. Check the form and try again."))
        return None


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every answer to a signed-in person that read the session (their pages, letters, proposal
    documents, complaint files, organization and people pages: personal or unpublished) and on answers that set a
    cookie; a shared cache or the browser's back-forward cache keeps none of it. Public pages for anonymous
    visitors keep their own caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # An answer that read the session (every page that knows who asks: access checks, navigation) may be
        # personal; one that never did cannot be, and asking would cost two queries (session, user) it never needed.
        session = getattr(request, "session", None)
        personal = session is not None and session.accessed and request.user.is_authenticated
        if personal or response.cookies:
            from django.utils.cache import patch_cache_control

            if "no-store" not in response.get("Cache-Control", ""):
                if response.has_header("Cache-Control"):
                    del response["Cache-Control"]
                patch_cache_control(response, private=True, no_store=True)
        return response


def json_depth_exceeds(data: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when JSON ``data`` nests deeper than ``limit`` (one pass, brackets inside strings ignored)."""
    depth = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


def _clean_json(value):
    """Control characters out of every string of a parsed JSON value (iterative: depth is bounded anyway)."""
    if isinstance(value, str):
        return clean_text(value)
    stack = [value]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, item in list(items):
            if isinstance(item, str):
                node[key] = clean_text(item)
            elif isinstance(item, dict | list):
                stack.append(item)
        if isinstance(node, dict) and any(isinstance(k, str) and CONTROL.search(k) for k in node):
            for k in [k for k in node if CONTROL.search(k)]:
                node[clean_text(k)] = node.pop(k)
    return value


class GuardedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = stream.read() if stream is not None else b""
        if len(data) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise ParseError(_("The request body is too large."))
        if json_depth_exceeds(data):
            raise ParseError(_("The JSON is nested too deeply (at most %(n)s levels).") % {"n": MAX_JSON_DEPTH})
        import io

        try:
            parsed = super().parse(io.BytesIO(data), media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        return _clean_json(parsed)
