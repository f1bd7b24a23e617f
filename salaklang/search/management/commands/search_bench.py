"""Search bench: ``--generate N`` fills the index with N synthetic provincial documents (bulk SQL, no source
objects: the bench searches as a superuser, whose visibility adds no sub-query), ``--measure`` times the engine
(two-word Thai query, one-word sub-word query, suggestions) and a ``SELECT 1`` floor in the same run, and
``--reindex-rate`` times ``manage.py search_reindex`` on the database's real objects twice: from an empty index
(every row written; the run rebuilds the index itself) and over the up-to-date index it just built. ``--json``
prints one JSON object per figure (``make bench`` reads them: bench/scenarios/search.py). Run the generation as a
heavy job and the measurement alone on the machine: the figures are medians and 95th percentiles of sequential
runs."""

from __future__ import annotations

import io
import json
import random
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

WORDS = ["ผู้ว่าราชการจังหวัด", "รองผู้ว่าราชการจังหวัด", "ส่วนราชการ", "ข้าราชการ", "ประชุม", "คณะทำงาน", "น้ำประปา", "ประปา", "ถนน", "ชำรุด", "ไฟฟ้าส่องสว่าง", "ขยะมูลฝอย", "ท่องเที่ยว", "ชุมชน", "นวัตกรรม", "โครงการ", "งบประมาณ", "ปีงบประมาณ", "2565", "2566", "2567", "2568", "๒๕๖๘", "แผนปฏิบัติการ", "ตัวชี้วัด", "เกษตรกร", "ทุเรียน", "ยางพารา", "ประมง", "เกาะยาว", "ตะกั่วป่า", "เขาหลัก", "แม่สาย", "เชียงราย", "พังงา", "โรงพยาบาล", "สาธารณสุข", "วัคซีน", "โรงเรียน", "ทุนการศึกษา", "ผู้สูงอายุ", "คนพิการ", "ป่าชายเลน", "ไฟป่า", "หมอกควัน", "ฝุ่น", "PM2.5", "HPP", "e-Service", "OTOP", "CCTV", "ระบบ", "ออนไลน์", "จองคิว", "ร้องเรียน", "ดำรงธรรม", "อำเภอ", "ตำบล", "หมู่บ้าน", "เทศบาล", "อบต.", "ประกาศ", "จัดซื้อจัดจ้าง", "ประกวดราคา", "ก่อสร้าง", "ซ่อมแซม", "สะพาน", "ท่าเรือ", "การค้าชายแดน", "ด่านศุลกากร", "แรงงาน", "ประกันสังคม"]  # noqa: SIM905
KINDS = ["complaint"] * 83 + ["post"] * 10 + ["proposal"] * 4 + ["meeting", "agenda", "consultation"]


def _sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


class Command(BaseCommand):
    help = "Search bench: generate synthetic index rows and time queries."

    def add_arguments(self, parser):
        parser.add_argument("--generate", type=int, default=0)
        parser.add_argument("--measure", action="store_true")
        parser.add_argument("--runs", type=int, default=60)
        parser.add_argument("--reindex-rate", action="store_true")
        parser.add_argument("--json", action="store_true", help="one JSON object per figure")

    def emit(self, figure: dict, text: str) -> None:
        self.stdout.write(json.dumps(figure, ensure_ascii=False) if self.as_json else text)

    def handle(self, *args, **o):
        self.as_json = o["json"]
        if o["generate"]:
            self.generate(o["generate"])
        if o["reindex_rate"]:
            self.reindex_rate()
        if o["measure"]:
            self.measure(o["runs"])

    def reindex_rate(self):
        from django.core.management import call_command

        from salaklang.search.models import SearchDocument

        for label, empty in (("from an empty index", True), ("over the up-to-date index", False)):
            if empty:
                SearchDocument.objects.all().delete()
            t = time.monotonic()
            call_command("search_reindex", stdout=io.StringIO())
            secs = time.monotonic() - t
            n = SearchDocument.objects.count()
            self.emit({"name": f"search_reindex {label}", "documents": n, "seconds": round(secs, 2),
                       "documents_per_s": round(n / secs), "bar_documents_per_s": 2000, "pass": n / secs >= 2000},
                      f"search_reindex {label}: {n:,} documents in {secs:.2f} s = {n / secs:,.0f} documents/s "
                      f"(bar 2,000)")

    def generate(self, n):
        from salaklang.accounts.models import User
        from salaklang.search.index import _fold
        from salaklang.search.models import SearchDocument

        if not User.objects.filter(is_superuser=True).exists():
            User.objects.create_superuser("bench-admin", "bench@example.test", "bench-not-a-real-password-15")
        rng = random.Random(15)
        table = SearchDocument._meta.db_table
        pg = connection.vendor == "postgresql"
        if pg:  # build the trigram indexes once at the end (much faster than maintaining them per row)
            with connection.cursor() as cur:
                cur.execute("DROP INDEX IF EXISTS search_doc_text_trgm")
                cur.execute("DROP INDEX IF EXISTS search_doc_title_trgm")
        cols = ("kind", "object_id", "fiscal_year", "date", "label", "title", "body", "url", "title_norm",
                "text_norm", "indexed_at", "organization_id", "province_id")
        sql = (f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})")  # noqa: S608
        now = timezone.now()
        base = 10_000_000
        t0 = time.monotonic()
        done = 0
        if pg:  # in the database: 2.4 million rows in 2–6 minutes (machine load) instead of a quarter of an hour.
            # Rows are written oldest first (dates over ten years, two days of jitter), as a live index grows: new
            # documents are appended. The engine walks the date index newest first, so a random physical order
            # (every row on another page) would cost it several times more (docs/performance.md, issue 15).
            done = n
            words = "ARRAY[" + ",".join("'" + w.replace("'", "''") + "'" for w in WORDS) + "]"
            kinds = "ARRAY[" + ",".join(f"'{k}'" for k in KINDS) + "]"
            pick = f"({words})[1 + floor(random() * {len(WORDS)})::int]"
            with connection.cursor() as cur:
                cur.execute("SELECT setseed(0.15)")
                cur.execute(f"""
                    INSERT INTO {table} ({', '.join(cols)})
                    SELECT k, {base} + g, 2560 + floor(random() * 11)::int,
                           now() - (%s - g) / %s::float * interval '3650 days' - random() * interval '2 days',
                           '', t, b, '/bench/' || g || '/',
                           lower(translate(t, '๐๑๒๓๔๕๖๗๘๙', '0123456789')),
                           lower(translate(t || E'\\n' || b, '๐๑๒๓๔๕๖๗๘๙', '0123456789')), now(), NULL,
                           1 + floor(random() * 77)::int
                    FROM (SELECT g, ({kinds})[1 + floor(random() * {len(KINDS)})::int] AS k,
                                 (SELECT string_agg({pick}, ' ') FROM generate_series(1, 3 + (g %% 5)) s
                                  WHERE g > 0) AS t,
                                 (SELECT string_agg({pick}, ' ') FROM generate_series(1, 8 + (g %% 13)) s
                                  WHERE g > 0) AS b
                          FROM generate_series(1, %s) g) x""", [n, n, n])  # noqa: S608
            self.stdout.write(f"{n} rows in {time.monotonic() - t0:.0f} s")
        while done < n:
            rows = []
            for i in range(done, min(n, done + 5000)):
                title = _sentence(rng, rng.randint(4, 9))
                body = _sentence(rng, rng.randint(25, 60))
                date = now - timezone.timedelta(days=rng.randint(0, 3650))
                rows.append((rng.choice(KINDS), base + i, 2560 + rng.randint(0, 10), date, "", title, body,
                             f"/bench/{i}/", _fold(title), _fold(title + "\n" + body), now, None,
                             rng.randint(1, 77)))
            with transaction.atomic(), connection.cursor() as cur:
                cur.executemany(sql, rows)
            done += len(rows)
            self.stdout.write(f"\r{done}/{n} {done / (time.monotonic() - t0):,.0f} rows/s", ending="")
            self.stdout.flush()
        if pg:
            from importlib import import_module

            _engines = import_module("salaklang.search.migrations.0002_engines")

            t1 = time.monotonic()
            with connection.cursor() as cur:
                cur.execute("SET maintenance_work_mem = '512MB'")
                for stmt in _engines.POSTGRES_UP[1:]:
                    cur.execute(stmt)
                cur.execute(f"ANALYZE {table}")
            self.stdout.write(f"\ntrigram indexes built in {time.monotonic() - t1:.0f} s")
        self.stdout.write("")

    def measure(self, runs):
        from salaklang.accounts.models import User
        from salaklang.organizations.access import RoleSet
        from salaklang.search.engine import search
        from salaklang.search.models import SearchDocument

        user = User.objects.filter(is_superuser=True).first()
        user.roles = RoleSet.for_user(user)
        total = SearchDocument.objects.count()
        cases = {
            "two-word Thai query (น้ำประปา ชำรุด)": lambda: search(user, "น้ำประปา ชำรุด"),
            "one-word sub-word query (ราชการ)": lambda: search(user, "ราชการ"),
            "rare place name (แม่สาย ด่านศุลกากร)": lambda: search(user, "แม่สาย ด่านศุลกากร"),
            "suggestions (ท่องเที่ยว, titles)": lambda: search(user, "ท่องเที่ยว", per_page=8, titles_only=True),
        }

        def floor():
            with connection.cursor() as cur:
                cur.execute("SELECT 1")
                cur.fetchone()

        if not self.as_json:
            self.stdout.write(f"{connection.vendor}: {total:,} documents, {runs} runs each (2 warm-up)")
        bars = {"two-word": 50, "one-word": 80, "suggestions": 30}
        results = {"floor (SELECT 1)": floor, **cases}
        for name, fn in results.items():
            times, plan = [], ""
            for i in range(runs + 2):
                t = time.perf_counter()
                plan = getattr(fn(), "plan", "")
                if i >= 2:
                    times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p50 = statistics.median(times)
            p95 = times[int(len(times) * 0.95) - 1]
            bar = next((b for key, b in bars.items() if name.startswith(key)), None)
            self.emit({"page": f"search engine: {name}", "db": connection.vendor, "documents": total, "runs": runs,
                       "p50_ms": round(p50, 2), "p95_ms": round(p95, 2), "bar_p95_ms": bar or "",
                       "pass": bar is None or p95 <= bar, "user": "superuser (in process)", "queries": "",
                       "plan": plan},
                      f"{name:<40} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms" + (f"  bar {bar}" if bar else "")
                      + (f"  plan {plan}" if plan else ""))
