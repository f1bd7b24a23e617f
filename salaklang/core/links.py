"""Absolute links for everything that leaves the site (e-mails, the complaint receipt).

In a page a link is a path (``/complaints/track/…``); in an e-mail or a PDF it must carry the site's address,
which is ``settings.BASE_URL`` (read from the environment; see README, "Configuration"). It is never taken
from the request's Host header, so a forged header cannot put another site's address into our mail.
"""

from __future__ import annotations

from django.conf import settings


def base_url() -> str:
    return str(settings.BASE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """``/calls/3/`` → ``https://salaklang.example.go.th/calls/3/``; an absolute URL is returned unchanged."""
    path = str(path or "")
    if path.startswith(("http://", "https://")):
        return path
    return f"{base_url()}/{path.lstrip('/')}"
