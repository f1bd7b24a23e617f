"""Searching the index: one interface, two engines.

* SQLite (the embedded default): FTS5 with the trigram tokenizer (``search_fts``); the query's words become
  quoted FTS5 strings (no FTS syntax from the user ever reaches MATCH).
* PostgreSQL: ``LIKE '%word%'`` on the normalised text, answered by the pg_trgm GIN index (a rare word), or a
  walk of the (date, id) index testing each row with ``strpos`` (a common word), chosen per query by a bounded
  probe (``_pg_candidates``; docs/decisions/search.md, "PostgreSQL at national scale").

Both: every word must occur (any order); ranking is computed the same way on both from the normalised title and
text — phrase in the title > all words in the title > phrase in the text > scattered words — then the most recent
first, then the newest row. Permissions: the index rows are filtered by each kind's own ``visible(user)`` queryset
as a sub-query, so a row the person may not open is never read into Python.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from salaklang.search.kinds import REGISTRY, offered_to
from salaklang.search.models import SearchDocument
from salaklang.search.normalize import clean, normalize

MIN_CHARS = 3  # a trigram: shorter words cannot use either index
MAX_CHARS = 200
MAX_TERMS = 8
MAX_PAGE = 50
# Ranking reads at most this many matches, the most recent first: a word found in half a million documents is
# ranked among its newest 2,000 (the planner walks the date index instead of reading every match).
CANDIDATES = 2000
# Suggestions (titles only, 8 shown) rank only the newest few title matches.
SUGGEST_CANDIDATES = 40
_CH = "(?:[^\\W_\u0e2f\u0e46\u0e4f\u0e5a\u0e5b]|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])"
_WORD = re.compile(f"{_CH}+(?:[-./']{_CH}+)*")
_THAI_ARABIC = {str(i): f"[{i}{chr(0x0E50 + i)}]" for i in range(10)}


@dataclass
class ParsedQuery:
    raw: str
    terms: list[str] = field(default_factory=list)  # normalised words, each >= MIN_CHARS
    short: list[str] = field(default_factory=list)  # normalised words below MIN_CHARS (filters, no index)
    error: str = ""
    too_long: bool = False  # the page and the API answer 400 Bad Request (with the error) for it

    @property
    def phrases(self) -> list[str]:
        words = self.terms + self.short
        if len(words) < 2:
            return words[:1]
        return [" ".join(words), "".join(words)]


def _repair_encoding(q: str) -> str:
    """UTF-8 Thai read as Latin-1/cp1252 (mojibake like 'à¸™à¹‰à¸³'): decode it back when that gives Thai."""
    if any("\u0e00" <= ch <= "\u0e7f" for ch in q) or not any("\u00c0" <= ch <= "\u00ff" for ch in q):
        return q
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = q.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if any("\u0e00" <= ch <= "\u0e7f" for ch in fixed):
            return fixed
    return q


def _too_long(raw: str) -> ParsedQuery:
    return ParsedQuery(raw[:MAX_CHARS], too_long=True,
                       error=str(_("The search is too long: at most %(n)d characters.") % {"n": MAX_CHARS}))


def parse(raw: str | None) -> ParsedQuery:
    raw = (raw or "")
    if len(raw) > MAX_CHARS * 5:
        return _too_long(raw)
    raw = raw.strip()
    if not raw:
        return ParsedQuery("", error="")
    if "\ufffd" in raw:
        return ParsedQuery(raw, error=str(_("The search could not be read: please type it again (UTF-8 text).")))
    text = normalize(_repair_encoding(raw))
    if len(text) > MAX_CHARS:
        return _too_long(raw)
    words: list[str] = []
    for w in _WORD.findall(text):
        if w not in words:
            words.append(w)
    words = words[:MAX_TERMS]
    pq = ParsedQuery(raw, terms=[w for w in words if len(w) >= MIN_CHARS],
                     short=[w for w in words if len(w) < MIN_CHARS])
    if not words:
        pq.error = str(_("Type a word to search for (letters or digits)."))
    elif not pq.terms:
        pq.error = str(_("Type at least %(n)d characters of a word.") % {"n": MIN_CHARS})
    return pq


def _fts_expr(terms: list[str]) -> str:
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


_FTS_TABLES = {"text_norm": "search_fts", "title_norm": "search_title_fts"}


def _match(qs, pq: ParsedQuery, column: str = "text_norm"):
    if connection.vendor == "sqlite":
        table = _FTS_TABLES[column]
        qs = qs.filter(id__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s",  # noqa: S608,S611
                                     [_fts_expr(pq.terms)]))
        for w in pq.short:
            qs = qs.filter(**{f"{column}__contains": w})
        return qs
    for w in pq.terms + pq.short:
        qs = qs.filter(**{f"{column}__contains": w})
    return qs


def _newest(qs, limit: int):
    """SQLite (PostgreSQL: ``_pg_candidates``): the ids of the ``limit`` newest rows of ``qs``, as a sub-query.
    The rows are read in date order through the covering index ``search_doc_date_cover`` (migration 0003) and
    checked against the FTS5 match one by one until ``limit`` are found; SQLite's planner would otherwise start from the FTS5 match and look up every
    matching row (most of the table for a common word) before sorting. SQLite orders NULL dates last in
    descending order by itself."""
    try:
        sql, params = qs.order_by("-date", "-id").values("id")[:limit].query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (e.g. IN an empty list)
        return qs.none().values("id")
    table = '"' + SearchDocument._meta.db_table + '"'
    sql = sql.replace(f"FROM {table}", f"FROM {table} INDEXED BY search_doc_date_cover", 1)
    return RawSQL(sql, params)  # noqa: S611 (Django's own SQL and parameters, one table hint added)


def _page_ids_sqlite(qs, pq: ParsedQuery, limit: int, offset: int, count: int) -> list[int]:
    """SQLite: one page of ranked ids without reading any text. The newest ``limit`` matches come from the
    covering date index (``_newest``); the score is computed from FTS5 matches of the phrase and the words (in the
    text table and the titles table) by row id — the same score as ``_rank`` (which reads the texts with LIKE:
    2,000 texts per query)."""
    try:
        sql, params = qs.order_by("-date", "-id").values("id", "date")[:limit].query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (e.g. IN an empty list)
        return []
    table = '"' + SearchDocument._meta.db_table + '"'
    sql = sql.replace(f"FROM {table}", f"FROM {table} INDEXED BY search_doc_date_cover", 1)
    in_titles = "c.id IN (SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH %s)"
    if len(pq.terms) == 1:  # one word: its phrase is the word, which every candidate's text contains
        score, args = f"(CASE WHEN {in_titles} THEN 12 ELSE 0 END)", [_fts_expr(pq.terms)]
    else:
        phrases = " OR ".join('"' + p.replace('"', '""') + '"' for p in pq.phrases)
        score = (f"(CASE WHEN {in_titles} THEN 8 ELSE 0 END + CASE WHEN {in_titles} THEN 4 ELSE 0 END"  # noqa: S608
                 " + CASE WHEN c.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) THEN 2 ELSE 0 END)")
        args = [phrases, _fts_expr(pq.terms), phrases]
    ranked = (f"SELECT c.id FROM ({sql}) c ORDER BY {score} DESC, c.date DESC, c.id DESC "  # noqa: S608
              "LIMIT %s OFFSET %s")
    with connection.cursor() as cur:
        cur.execute(ranked, [*params, *args, count, offset])
        return [row[0] for row in cur.fetchall()]


# --- PostgreSQL: bounded candidates -------------------------------------------------------
# The newest ``limit`` matches are read one of two ways, chosen per query from a bounded probe:
# * the **walk**: the (date, id) index ``search_doc_recent`` (migration 0004) newest first, each row tested with
#   ``strpos`` (no index can answer it, so the planner walks and stops after ``limit`` matches): it reads about
#   ``limit / f`` rows for a word in a fraction ``f`` of the rows — few for a common word;
# * the **trigram** plan: the pg_trgm GIN bitmap of every match, re-checked, then the newest ``limit`` kept: it
#   reads about ``f × N`` rows — few for a rare word.
# The probe walks at most ``PROBE_ROWS`` rows (or twice ``limit``, if more); when it has found ``limit`` matches
# (a common word) or read every row, it is the answer. Otherwise the share it found estimates ``f`` and the
# cheaper of the two plans runs.
PROBE_ROWS = 1000
# Below this many index rows (a province is ~31,000 of the 2.4 million) the trigram plan alone is read, as before
# the probe existed: on the province bench data (59,723 documents) it met the bars, and the probe's own reads
# (1,000–4,000 rows in date order) made every case slower there (docs/performance.md, issue 15 national).
SMALL_INDEX = 100_000
_index_rows: list[float] = [0.0, 0.0]  # [rows (planner statistics), monotonic time read]
# The walk reads rows one by one in date order, the trigram plan decodes posting lists and re-checks a bitmap:
# per row read, about the same cost on the bench (docs/performance.md), so the plans are compared row for row.
WALK_COST_PER_ROW = 1.0


def choose_plan(matched: int, probed: int, limit: int, total: float) -> str:
    """"walk" or "trigram", from ``matched`` matches in the ``probed`` newest rows, for the ``limit`` newest
    matches among about ``total`` rows: the plan that reads fewer rows (ties: the walk)."""
    if matched <= 0:
        return "trigram"
    share = matched / probed
    walk_rows = limit / share
    trigram_rows = share * max(total, probed)
    return "walk" if walk_rows * WALK_COST_PER_ROW <= trigram_rows else "trigram"


def _pg_words(pq: ParsedQuery) -> list[str]:
    return sorted(pq.terms + pq.short, key=len, reverse=True)  # the longest (usually rarest) word tested first


def _pg_match(pq: ParsedQuery, column: str, alias: str) -> tuple[str, list[str]]:
    words = _pg_words(pq)
    return " AND ".join(f"strpos({alias}{column}, %s) > 0" for _ in words), words


def _pg_score(pq: ParsedQuery, alias: str) -> tuple[str, list[str]]:
    """The score of ``_rank`` in SQL (``strpos`` instead of ``LIKE``: the same test, faster, nothing to escape)."""
    words, phrases = _pg_words(pq), pq.phrases
    title_phrase = " OR ".join(f"strpos({alias}title_norm, %s) > 0" for _ in phrases)
    title_all = " AND ".join(f"strpos({alias}title_norm, %s) > 0" for _ in words)
    text_phrase = " OR ".join(f"strpos({alias}text_norm, %s) > 0" for _ in phrases)
    sql = (f"(CASE WHEN {title_phrase} THEN 8 ELSE 0 END + CASE WHEN {title_all} THEN 4 ELSE 0 END"
           f" + CASE WHEN {text_phrase} THEN 2 ELSE 0 END)")
    return sql, [*phrases, *words, *phrases]


_RECENT = (F("date").desc(nulls_last=True), "-id")


def _plan_settings(cur, plan: str) -> None:
    """Inside the search's transaction (``set_config(…, true)`` = ``SET LOCAL``): no JIT compilation (the
    planner's cost of a bitmap over millions of rows would spend ~10 ms compiling a query that runs in less);
    for the walk, no sequential scan and sort of the whole index and no bitmap — the planner's default estimate
    of a ``strpos`` test (one row in three) would otherwise choose a full scan and sort on a province-size
    index, where the walk reads a few thousand rows."""
    walk = "off" if plan == "walk" else "on"
    cur.execute("SELECT set_config('jit', 'off', true), set_config('enable_seqscan', %s, true), "
                "set_config('enable_bitmapscan', %s, true), set_config('enable_sort', %s, true)", [walk] * 3)


def _sql(qs) -> tuple[str, list] | None:
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (e.g. IN an empty list)
        return None
    return sql, list(params)


def _pg_candidates(qs, pq: ParsedQuery, column: str, limit: int) -> tuple[list[tuple], str]:
    """(id, date, score) of the ``limit`` newest matches of ``qs`` (already filtered by permissions and the
    page's filters), and the plan used."""
    if _rows_in_index() < SMALL_INDEX:
        return _pg_plan(qs, pq, column, limit, "trigram"), "trigram"
    cap = max(PROBE_ROWS, 2 * limit)
    inner = _sql(qs.order_by(*_RECENT).values("id", "date", "title_norm", "text_norm")[:cap])
    if inner is None:
        return [], "none"
    match, match_params = _pg_match(pq, column, "x.")
    score, score_params = _pg_score(pq, "w.")
    probe = (f"SELECT w.id, w.date, {score}, w.m, w.rn, (SELECT reltuples FROM pg_class "  # noqa: S608
             "WHERE oid = %s::regclass) FROM (SELECT x.id, x.date, x.title_norm, "
             f"x.text_norm, ({match}) AS m, row_number() OVER () AS rn FROM ({inner[0]}) x) w "
             "WHERE w.m OR w.rn = %s LIMIT %s")
    table = SearchDocument._meta.db_table
    with connection.cursor() as cur:  # one statement, no transaction: a common word ends here
        cur.execute(probe, [*score_params, table, *match_params, *inner[1], cap, limit + 1])
        rows = cur.fetchall()
    matched = [r[:3] for r in rows if r[3]]
    if len(matched) >= limit or not any(r[4] == cap for r in rows):
        return matched[:limit], "probe"
    plan = choose_plan(len(matched), cap, limit, rows[0][5])
    return _pg_plan(qs, pq, column, limit, plan), plan


def _rows_in_index() -> float:
    """The index's row count from the planner's statistics (``reltuples``), read at most once a minute."""
    now = time.monotonic()
    if now - _index_rows[1] > 60 or not _index_rows[1]:
        with connection.cursor() as cur:
            cur.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [SearchDocument._meta.db_table])
            _index_rows[:] = [max(cur.fetchone()[0], 0.0), now]
    return _index_rows[0]


_SETTINGS = ("jit", "enable_seqscan", "enable_bitmapscan", "enable_sort")


def _pg_plan(qs, pq: ParsedQuery, column: str, limit: int, plan: str) -> list[tuple]:
    """``_pg_read`` in its own transaction with ``_plan_settings``; inside an outer transaction (a savepoint,
    where ``SET LOCAL`` would outlive it) the previous settings are put back afterwards."""
    nested = connection.in_atomic_block
    with transaction.atomic(using=connection.alias), connection.cursor() as cur:
        if nested:
            cur.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in _SETTINGS))
            before = cur.fetchone()
        _plan_settings(cur, plan)
        rows = _pg_read(qs, pq, column, limit, plan)
        if nested:
            cur.execute("SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in _SETTINGS), before)
        return rows


def _pg_read(qs, pq: ParsedQuery, column: str, limit: int, plan: str) -> list[tuple]:
    """(id, date, score) of the ``limit`` newest matches, read by ``plan`` ("walk" or "trigram")."""
    table = SearchDocument._meta.db_table
    if plan == "walk":  # strpos: no index answers it, so the planner walks search_doc_recent and stops
        match, match_params = _pg_match(pq, column, f'"{table}".')
        score, score_params = _pg_score(pq, f'"{table}".')  # computed for the matches only, in the same pass
        walk = _sql(qs.filter(RawSQL(match, match_params, output_field=BooleanField()))  # noqa: S611
                    .annotate(score=RawSQL(score, score_params, output_field=IntegerField()))  # noqa: S611
                    .order_by(*_RECENT).values_list("id", "date", "score")[:limit])
        if walk is None:
            return []
        with connection.cursor() as cur:
            cur.execute(*walk)
            return cur.fetchall()
    # LIKE: the trigram GIN index; OFFSET 0 keeps the planner from walking the date index instead
    for w in _pg_words(pq):
        qs = qs.filter(**{f"{column}__contains": w})
    inner = _sql(qs.order_by().values("id", "date"))
    if inner is None:
        return []
    score, score_params = _pg_score(pq, "d.")
    sql = (f'SELECT d.id, d.date, {score} FROM "{table}" d WHERE d.id IN (SELECT s.id FROM '  # noqa: S608
           f"({inner[0]} OFFSET 0) s ORDER BY s.date DESC NULLS LAST, s.id DESC LIMIT %s)")
    with connection.cursor() as cur:
        cur.execute(sql, [*score_params, *inner[1], limit])
        return cur.fetchall()


def _page_ids_pg(qs, pq: ParsedQuery, column: str, limit: int, offset: int, count: int) -> tuple[list[int], str]:
    """PostgreSQL: one page of ranked ids (score, then the most recent, then the newest row) among the ``limit``
    newest matches."""
    rows, plan = _pg_candidates(qs, pq, column, limit)
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    rows.sort(key=lambda r: (r[2], r[1] or oldest, r[0]), reverse=True)
    return [r[0] for r in rows[offset:offset + count]], plan


def permission_q(user, kinds: list[str] | None = None) -> Q | None:
    """The index rows ``user`` may see, as one Q; None: nothing."""
    q = None
    for name, kind in REGISTRY.items():
        if kinds and name not in kinds:
            continue
        if not offered_to(kind, user):
            continue
        visible = kind.visible(user)
        if visible is None or visible.query.is_empty():
            continue
        part = Q(kind=name) if not visible.query.where else Q(kind=name, object_id__in=visible.values("pk"))
        q = part if q is None else q | part
    return q


def _rank(pq: ParsedQuery):
    phrase = pq.phrases
    title_all = Q()
    for w in pq.terms + pq.short:
        title_all &= Q(title_norm__contains=w)
    title_phrase = Q()
    text_phrase = Q()
    for i, p in enumerate(phrase):
        title_phrase = Q(title_norm__contains=p) if i == 0 else title_phrase | Q(title_norm__contains=p)
        text_phrase = Q(text_norm__contains=p) if i == 0 else text_phrase | Q(text_norm__contains=p)
    return (Case(When(title_phrase, then=Value(8)), default=Value(0), output_field=IntegerField())
            + Case(When(title_all, then=Value(4)), default=Value(0), output_field=IntegerField())
            + Case(When(text_phrase, then=Value(2)), default=Value(0), output_field=IntegerField()))


@dataclass
class Hit:
    doc: SearchDocument
    kind_label: str
    title_html: str
    snippet_html: str

    @property
    def label(self) -> str:
        """The sub-kind or status, in the current language."""
        return REGISTRY[self.doc.kind].label_display(self.doc.label)

    @property
    def organization_name(self) -> str:
        """The organization's name in the current language (name_en in English when there is one)."""
        d = self.doc
        return d.organization.name if d.organization_id and d.organization else ""

    def as_dict(self) -> dict:
        d = self.doc
        return {"kind": d.kind, "kind_label": self.kind_label, "label": self.label, "title": d.title,
                "url": d.url, "date": d.date.isoformat() if d.date else None, "fiscal_year": d.fiscal_year,
                "organization": self.organization_name or None,
                "province": d.province.code if d.province_id and d.province else None,
                "snippet": self.snippet_html, "title_highlighted": self.title_html}


@dataclass
class Results:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    has_next: bool = False
    plan: str = ""  # PostgreSQL: how the candidates were read ("probe", "walk" or "trigram"), for tests and the bench

    @property
    def error(self) -> str:
        return self.query.error


def search(user, raw: str | None, *, kinds: list[str] | None = None, province_id: int | None = None,
           fiscal_year: int | None = None, page: int = 1, per_page: int = 20, titles_only: bool = False) -> Results:
    pq = parse(raw)
    page = max(1, min(int(page or 1), MAX_PAGE))
    res = Results(pq, page=page)
    if pq.error or not pq.terms:
        return res
    kinds = [k for k in (kinds or []) if k in REGISTRY] or None
    allowed = permission_q(user, kinds)
    if allowed is None:
        return res
    qs = SearchDocument.objects.filter(allowed)
    if province_id:
        qs = qs.filter(province_id=province_id)
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    limit = SUGGEST_CANDIDATES if titles_only else CANDIDATES
    start = (page - 1) * per_page
    ids: list[int] | None = None
    if connection.vendor == "postgresql":
        ids, res.plan = _page_ids_pg(qs, pq, "title_norm" if titles_only else "text_norm", limit, start,
                                     per_page + 1)
        qs = SearchDocument.objects.filter(id__in=ids)
    elif not pq.short:
        qs = _match(qs, pq, "title_norm" if titles_only else "text_norm")
        ids = _page_ids_sqlite(qs, pq, limit, start, per_page + 1)
        qs = SearchDocument.objects.filter(id__in=ids)
    else:
        qs = _match(qs, pq, "title_norm" if titles_only else "text_norm")
        candidates = _newest(qs, limit)
        qs = SearchDocument.objects.filter(id__in=candidates).annotate(score=_rank(pq)).order_by(
            "-score", F("date").desc(nulls_last=True), "-id")[start:start + per_page + 1]
    if titles_only:
        qs = qs.only("kind", "object_id", "title", "url", "label", "date")
    else:
        qs = qs.select_related("organization", "province").defer("text_norm", "title_norm")
    docs = list(qs)
    if ids is not None:
        order = {pk: i for i, pk in enumerate(ids)}
        docs.sort(key=lambda d: order[d.id])
    res.has_next = len(docs) > per_page
    docs = docs[:per_page]
    private = _complaints_without_identity(user, docs)
    pattern = highlight_pattern(pq)
    for d in docs:
        snippet = "" if titles_only or (d.kind, d.object_id) in private else snippet_html(d.body, pattern)
        res.hits.append(Hit(d, str(REGISTRY[d.kind].label), highlight(d.title, pattern), snippet))
    return res


def _complaints_without_identity(user, docs) -> set[tuple[str, int]]:
    """Complaints on the page whose text the person may not read in full (not handling the case): title only."""
    ids = [d.object_id for d in docs if d.kind == "complaint"]
    if not ids:
        return set()
    from salaklang.complaints import access as complaint_access
    from salaklang.complaints.models import Complaint

    handled = set(Complaint.objects.filter(pk__in=ids).filter(
        Q(province_id__in=complaint_access.centre_province_ids(user))
        | Q(agency_id__in=complaint_access.handler_org_ids(user))).values_list("pk", flat=True))
    return {("complaint", i) for i in ids if i not in handled}


# --- highlighting ------------------------------------------------------------------------
def highlight_pattern(pq: ParsedQuery) -> re.Pattern | None:
    words = sorted(pq.terms + pq.short, key=len, reverse=True)
    if not words:
        return None
    parts = ["".join(_THAI_ARABIC.get(ch, re.escape(ch)) for ch in w) for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return html.escape(text)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def snippet_html(body: str, pattern: re.Pattern | None, width: int = 90) -> str:
    if not body:
        return ""
    body = body.replace("\n", " · ")
    m = pattern.search(body) if pattern else None
    if m is None:
        piece = body[: width * 2]
        return highlight(piece + ("…" if len(body) > len(piece) else ""), pattern)
    start = max(0, m.start() - width)
    end = min(len(body), m.end() + width)
    piece = ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")
    return highlight(piece, pattern)


__all__ = ["Results", "clean", "parse", "permission_q", "search"]
