"""The complaint pages, by topic (like ``services/``): ``filing`` (a citizen files), ``tracking`` (following a
complaint by its code: page, receipt, files, rating, reopening, personal data requests), ``public`` (the citizen's
own list, the dashboard and open data), ``staff`` (inbox, case page, routing, handling, staff intake, data
requests); ``limits`` holds what the public pages share (rate limits, unknown-code counting).

Public pages need no sign-in (``login_not_required``); every form is rate limited per address. Staff pages:
access check (404 outside one's province/agency) → form → service → redirect."""
