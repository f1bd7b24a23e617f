"""Rendered parts of a page kept under a key made of everything they show (issue 16).

A page that differs per viewer can still have parts that do not: the proposal detail's fields and its list of
attachments are the same for everyone who may open the page. ``Fragments`` names such parts and a key built from
the rows the view has already loaded (the proposal's ``updated_at``, the newest audit entry of its timeline, the
names of the related rows it shows, the language and time zone of the page). A change to any of them makes a new
key, so nothing is ever invalidated by hand and an old entry is simply never read again; entries expire after
``FRAGMENT_SECONDS`` as a bound.

The parts live in the ``fragments`` cache (settings.CACHES), a local-memory cache in each worker: the key is
computed from the database on every request, so a worker's copy cannot be stale, reading it costs no round trip,
and the shared cache (rate limits, sessions) is never culled to make room for page parts. What depends on the
person (buttons, forms, CSRF tokens, links only some may follow) must stay outside a fragment or be part of its key.

In a template: ``{% load fragments %}{% fragment fragments "details" %}…{% endfragment %}`` renders the body only
when the cache does not hold the part (so the querysets inside are evaluated only then).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import caches
from django.utils import timezone, translation

FRAGMENT_SECONDS = 3600
CACHE_ALIAS = "fragments"


class Fragments:
    def __init__(self, prefix: str, names: Iterable[str], parts: Iterable[object]) -> None:
        """``parts``: every value the fragments show or depend on (their ``repr`` is hashed)."""
        seed = repr((tuple(parts), translation.get_language(), timezone.get_current_timezone_name()))
        digest = hashlib.blake2b(seed.encode(), digest_size=16).hexdigest()
        self.keys = {name: f"{prefix}:{name}:{digest}" for name in names}
        self._held: dict[str, str] | None = None

    def get(self, name: str) -> str | None:
        if self._held is None:  # one read for all the page's parts
            found = caches[CACHE_ALIAS].get_many(list(self.keys.values()))
            self._held = {n: found[k] for n, k in self.keys.items() if k in found}
        return self._held.get(name)

    def put(self, name: str, html: str) -> None:
        caches[CACHE_ALIAS].set(self.keys[name], html, FRAGMENT_SECONDS)
        if self._held is not None:
            self._held[name] = html
