"""Errors whose message is written for people and shown on the site's error page."""

from django.http import Http404


class PublicNotFound(Http404):
    """A 404 with a sentence for the person (e.g. "ไม่พบเลขที่เรื่องนี้"). A plain Http404's text is never shown:
    it may name a model or a URL pattern."""
