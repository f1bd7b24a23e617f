"""Sliding sessions without a write on every request.

Django's SESSION_SAVE_EVERY_REQUEST rewrites the session row (and its cache entry) on every page view: on the bench
it was 7 of the 11 statements of the bare layout — two write transactions per page, which on SQLite also take the
database's write lock. The idle timeout only needs the expiry to move forward now and then: this middleware saves
an unchanged session when it was last saved more than SESSION_REFRESH_SECONDS ago (60 s), so a session still ends
SESSION_COOKIE_AGE after the last activity, give or take that minute.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.middleware import SessionMiddleware
from django.dispatch import receiver

TOUCHED = "_touched"


class SlidingSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        # only sessions this request read (signed-in pages); a view that never touched it costs nothing here
        if session is not None and session.accessed and not session.modified and not session.is_empty():
            now = int(time.time())
            if now - session.get(TOUCHED, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[TOUCHED] = now  # marks it modified: saved below with a new expiry
        return super().process_response(request, response)


@receiver(user_logged_in, dispatch_uid="salaklang_session_touched_at_login")
def _touched_at_login(sender, request, user, **kwargs):
    """Signing in saves the session anyway: the first page after it need not save it again."""
    if request is not None and hasattr(request, "session"):
        request.session[TOUCHED] = int(time.time())
