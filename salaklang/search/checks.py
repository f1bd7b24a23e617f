"""Start-up check (``migrate`` and ``check --database default`` run it): on PostgreSQL, trigram indexes see
Thai only when the database's character type is a UTF-8 locale. With ``LC_CTYPE=C`` (or a non-UTF-8 one)
pg_trgm treats Thai letters as separators: searches still return correct results (LIKE re-checks) but read
the whole table. Fix: create the database with a UTF-8 ctype, e.g.
``createdb -E UTF8 --locale=C.UTF-8 -T template0 salaklang`` (or ``th_TH.UTF-8``), and restore into it."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import connections


def trigram_ctype_problem(connection) -> str:
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        ctype = cursor.fetchone()[0] or ""
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        has_trgm = cursor.fetchone() is not None
        if has_trgm:
            cursor.execute("SELECT array_length(show_trgm('ประปา'), 1)")
            n = cursor.fetchone()[0] or 0
        else:
            n = None
    if "utf" not in ctype.lower().replace("-", ""):
        return f"database ctype is {ctype!r}, not a UTF-8 locale"
    if n == 0:
        return "pg_trgm extracts no trigrams from Thai text"
    return ""


@register(Tags.database)
def check_trigram_ctype(app_configs=None, databases=None, **kwargs):
    problems = []
    for alias in databases or []:
        try:
            problem = trigram_ctype_problem(connections[alias])
        except Exception:  # noqa: S112 (the database may not be migrated yet)
            continue
        if problem:
            problems.append(Warning(
                f"Thai search: {problem}; trigram indexes will not speed up Thai searches.",
                hint="Create the database with a UTF-8 ctype (createdb -E UTF8 --locale=C.UTF-8 -T template0 ...) "
                     "and restore the data into it; see salaklang/search/checks.py.",
                id="search.W001"))
    return problems
