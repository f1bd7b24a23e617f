"""Complaints at national scale: 2,000,000 complaints; tracking page, agency inbox, public dashboard; and the
intake throughput through Open311 (POST requests.json) against the real gunicorn server.

Sizes: tiny 2,000, province 50,000, national 2,000,000 complaints. On PostgreSQL the rows are written with
COPY (psycopg ``cursor.copy``), elsewhere with ``bulk_create`` in large batches.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import tempfile
import threading
import time
import uuid

from bench.scenarios import Context, Page

SIZES = {"tiny": 2_000, "province": 50_000, "national": 2_000_000}
INTAKE_SECONDS = int(os.environ.get("BENCH_INTAKE_SECONDS", 60))
INTAKE_THREADS = int(os.environ.get("BENCH_INTAKE_THREADS", 8))
INTAKE_MAX = 60_000  # an upper bound on the number of POSTs, whatever the speed
# Workers of the intake server: one more than the cores, so a worker waiting for a commit does not leave a core
# idle; more workers cost more CPU per request on 2 cores (measured: 5 workers ~7 ms, 3 workers ~5 ms per POST).
# The page measurements keep the harness's 2 workers.
INTAKE_WORKERS = int(os.environ.get("BENCH_INTAKE_WORKERS", (os.cpu_count() or 1) + 1))
INTAKE_BAR = 200  # accepted per second, sustained


# --- data ------------------------------------------------------------------------------------
STATUS_MIX_CLOSED = [("resolved", 70), ("not_resolved", 15), ("rejected", 5)]
SUBJECTS = ["ไฟทางดับ", "ถนนเป็นหลุมลึก", "ขยะไม่มีคนเก็บ", "น้ำประปาไม่ไหล", "ท่อระบายน้ำอุดตัน", "เสียงดังยามวิกาล",
            "ราคาสินค้าเกินจริง", "รถโดยสารไม่ตรงเวลา", "ห้องน้ำชายหาดสกปรก", "บุกรุกที่สาธารณะ"]
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _code(n: int, prefix: str, when) -> str:
    """Unique for each n (an odd multiplier is a bijection modulo 2^40), random-looking like the real ones."""
    x = (n * 0x9E3779B97F & (2**40 - 1)) ^ 0x5A5A5A5A5A
    r = "".join(ALPHABET[(x >> (5 * k)) & 31] for k in range(8))
    return f"{prefix}-{(when.year + 543) % 100:02d}{when.month:02d}-{r[:4]}-{r[4:]}"


def generate(ctx: Context) -> None:
    """``SIZES[scale]`` complaints over two years in every province (the demo agency PNA-TOUR gets a heavy
    inbox), one or two timeline events each, then the statistics rollup rebuilt with the core's function."""
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from salaklang.api.models import ApiKey
    from salaklang.complaints import stats
    from salaklang.complaints.deadlines import add_working_days
    from salaklang.complaints.models import (
        Category,
        CategoryRoute,
        Complaint,
        ComplaintDurationStat,
        ComplaintEvent,
        ComplaintStat,
    )
    from salaklang.organizations.models import Organization

    total = SIZES.get(ctx.scale, SIZES["tiny"])
    rng = random.Random(2569)
    days_back = 730
    now = timezone.now()
    t0 = time.monotonic()
    categories = list(Category.objects.filter(is_active=True).order_by("pk"))
    provinces = list(Organization.objects.filter(kind="province").order_by("pk"))[: max(ctx.provinces, 1)]
    pna = Organization.objects.get(code="PNA")
    if pna not in provinces:
        provinces[-1] = pna
    # routes: every category of every province to one of its agencies (keeping routes that exist)
    agencies: dict[int, list[int]] = {}
    for oid, pid in Organization.objects.filter(kind="agency", province__in=provinces).values_list("pk", "province_id"):
        agencies.setdefault(pid, []).append(oid)
    tour = Organization.objects.get(code="PNA-TOUR")
    have = set(CategoryRoute.objects.values_list("province_id", "category_id"))
    CategoryRoute.objects.bulk_create([
        CategoryRoute(province=p, category=c, organization_id=tour.pk if p == pna and c.code in ("tourism", "waste",
                      "environment", "noise") else rng.choice(agencies[p.pk]))
        for p in provinces if agencies.get(p.pk) for c in categories if (p.pk, c.pk) not in have])
    routes = {(r.province_id, r.category_id): r.organization_id for r in CategoryRoute.objects.all()}
    districts: dict[int, list[tuple[int, str]]] = {}
    for oid, pid, name in Organization.objects.filter(kind="district").values_list("pk", "parent_id", "name_th"):
        districts.setdefault(pid, []).append((oid, name))

    # PNA gets 4 % of the complaints (its tourism agency a heavy inbox), the rest spread evenly.
    weights = [0.04 * len(provinces) if p == pna else 1.0 for p in provinces]
    cum = [sum(weights[: i + 1]) for i in range(len(weights))]
    # Deadlines for every day and category kind, computed before the COPY (no query may run during it).
    due_cache: dict[tuple, tuple] = {}
    today = timezone.localdate()
    for back in range(days_back + 2):
        day = today - dt.timedelta(days=back)
        for c in categories:
            due_cache[(day, c.ack_days, c.resolve_days)] = (add_working_days(day, c.ack_days),
                                                            add_working_days(day, c.resolve_days))
    closed_statuses = [s for s, w in STATUS_MIX_CLOSED for _ in range(w)]
    start_id = (Complaint.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    def rows():
        for i in range(total):
            p = rng.choices(provinces, cum_weights=cum)[0]
            c = rng.choice(categories)
            ago = rng.random() ** 1.3 * days_back  # more recent than old
            received = now - dt.timedelta(days=ago, seconds=rng.randint(0, 3600))
            day = timezone.localtime(received).date()
            ack_due, resolve_due = due_cache[(day, c.ack_days, c.resolve_days)]
            agency = routes.get((p.pk, c.pk))
            district = rng.choice(districts[p.pk]) if districts.get(p.pk) and rng.random() < 0.7 else None
            closed = ago > 30 and rng.random() < 0.93 or ago > 5 and rng.random() < 0.4
            ack_hours = rng.randint(1, 96)
            acknowledged = received + dt.timedelta(hours=ack_hours) if (closed or rng.random() < 0.6) and agency else None
            status, closed_at, res_hours, on_time = ("assigned" if agency else "received"), None, None, None
            if closed:
                status = rng.choice(closed_statuses)
                res_hours = rng.randint(ack_hours, 24 * 40)
                closed_at = received + dt.timedelta(hours=res_hours)
                on_time = timezone.localtime(closed_at).date() <= resolve_due
            elif acknowledged:
                status = "in_progress"
            anonymous = rng.random() < 0.3
            yield (start_id + i, _code(start_id + i, p.code[:6], timezone.localtime(received)), p.pk, c.pk,
                   rng.choice(SUBJECTS), "รายละเอียดเรื่องร้องเรียนสำหรับทดสอบสมรรถนะ", rng.choice(CHANNELS), status,
                   agency, district[0] if district else None, district[1] if district else "", "", "",
                   None, None, False, None, anonymous, "" if anonymous else "ผู้ร้องเรียน ทดสอบ",
                   "" if anonymous else f"c{i}@bench.test", "", None, None, "", None, None, received, day, ack_due,
                   resolve_due, acknowledged if (acknowledged or closed_at) else None, closed_at,
                   ack_hours if acknowledged else None, res_hours, on_time,
                   "ดำเนินการแล้ว" if closed else "", 0, rng.randint(1, 5) if closed and rng.random() < 0.3 else None,
                   "", None, 0, None, received, closed_at or acknowledged or received, "")

    columns = ["id", "code", "province_id", "category_id", "subject", "description", "channel", "status",
               "agency_id", "district_id", "district_name", "subdistrict", "address", "latitude", "longitude",
               "share_point", "user_id", "is_anonymous", "contact_name", "contact_email", "contact_phone",
               "consent_sensitive_at", "entered_by_id", "external_ref", "parent_id", "merged_into_id",
               "received_at", "received_date", "ack_due", "resolve_due", "acknowledged_at", "closed_at",
               "first_response_hours", "resolution_hours", "closed_on_time", "outcome_reason", "extension_count",
               "rating", "rating_comment", "rated_at", "reopen_count", "anonymised_at", "created_at", "updated_at",
               "action_salt"]  # empty: generated complaints have no private link (only signed-in filers act)
    with transaction.atomic():
        _write(connection, Complaint, columns, rows(), ctx.db)
        _events(connection, Complaint, ComplaintEvent, start_id)
        if ctx.db == "postgres":
            with connection.cursor() as cur:
                cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM "
                            f"{Complaint._meta.db_table}))", [Complaint._meta.db_table])
    generated = time.monotonic() - t0
    stats.rebuild()
    # The steady state of a live database: autovacuum has set the visibility map (index-only counts) and the
    # planner has statistics. Right after a bulk load neither is true yet.
    vacuum = ctx.db == "postgres" and not connection.in_atomic_block  # VACUUM cannot run in a transaction
    with connection.cursor() as cur:
        for model in (Complaint, ComplaintEvent, ComplaintStat, ComplaintDurationStat):
            cur.execute(f"{'VACUUM ANALYZE' if vacuum else 'ANALYZE'} {model._meta.db_table}")
    ctx.state["complaints"] = Complaint.objects.count()
    ctx.state["complaints_generated_seconds"] = round(generated, 1)
    ctx.state["complaints_rollup_seconds"] = round(time.monotonic() - t0 - generated, 1)
    # pages: a closed PNA complaint with a timeline; the tourism agency's inbox
    track = (Complaint.objects.filter(province=pna, agency=tour, status="resolved").order_by("-received_at")
             .values_list("code", flat=True).first())
    ctx.state["complaint_track_code"] = track
    ctx.state["complaints_pna"] = Complaint.objects.filter(province=pna).count()
    ctx.state["complaints_tourism_inbox"] = Complaint.objects.filter(agency=tour).count()
    # intake: an API key of a machine client, the services and provinces it files into
    client = _bench_client_user()
    _key, raw = ApiKey.issue(user=client, name="bench intake")
    ctx.state["complaint_api_key"] = raw
    ctx.state["complaint_service_codes"] = [c.code for c in categories if not c.is_sensitive]
    ctx.state["complaint_jurisdictions"] = [p.code for p in provinces[:20]]


CHANNELS = ["web"] * 5 + ["open311"] * 2 + ["hotline_1111", "hotline_1567", "phone", "walk_in", "line", "letter"]


def _bench_client_user():
    from salaklang.accounts.models import User

    user, _ = User.objects.get_or_create(username="bench.open311", defaults={"first_name": "ระบบแจ้งเรื่อง"})
    return user


def _write(connection, Complaint, columns, rows, db: str, batch: int = 10_000) -> None:
    """COPY on PostgreSQL (psycopg ``cursor.copy``); elsewhere multi-row INSERTs through bulk_create."""
    if db == "postgres":
        with connection.cursor() as cur, cur.cursor.copy(
                f"COPY {Complaint._meta.db_table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    # Plain executemany of the adapted values: building 2,000,000 model instances for bulk_create took over an
    # hour here; a large page cache for this connection keeps the index b-trees in memory while they grow.
    fields = [Complaint._meta.get_field(c[:-3] if c.endswith("_id") else c) for c in columns]
    adapt = [(lambda v, f=f: f.get_db_prep_value(v, connection)) for f in fields]
    sql = (f"INSERT INTO {Complaint._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cur:
        if db == "sqlite":
            cur.execute("PRAGMA cache_size = -1048576")  # 1 GiB, this connection only
        buf = []
        for row in rows:
            buf.append([a(v) for a, v in zip(adapt, row, strict=True)])
            if len(buf) >= batch:
                cur.executemany(sql, buf)
                buf = []
        if buf:
            cur.executemany(sql, buf)


def _events(connection, Complaint, Event, start_id: int) -> None:
    """The timeline in SQL: "received" for every new complaint, and its closing for the closed ones."""
    c, e = Complaint._meta.db_table, Event._meta.db_table
    cols = "complaint_id, at, kind, from_status, to_status, is_public, text, organization_id"
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO {e} ({cols}) SELECT id, received_at, 'submitted', '', CASE WHEN agency_id IS NULL "  # noqa: S608
                    f"THEN 'received' ELSE 'assigned' END, %s, '', NULL FROM {c} WHERE id >= %s", [True, start_id])
        cur.execute(f"INSERT INTO {e} ({cols}) SELECT id, closed_at, 'status', 'in_progress', status, %s, "  # noqa: S608
                    f"outcome_reason, agency_id FROM {c} WHERE id >= %s AND closed_at IS NOT NULL", [True, start_id])


PAGES = [
    Page("complaints: public tracking page (by code)", lambda c: f"/complaints/track/{c.state['complaint_track_code']}/",
         None, 50),
    Page("complaints: agency inbox, open (tourism, PNA)", "/complaints/inbox/", "pn.tourism", 100,
         rows_check="/complaints/inbox/?status=rejected"),
    Page("complaints: agency inbox, all statuses (tourism, PNA)", "/complaints/inbox/?status=all", "pn.tourism", 100),
    Page("complaints: centre inbox, all statuses (PNA)", "/complaints/inbox/?status=all", "pn.damrongdhama", 100,
         rows_check="/complaints/inbox/?status=rejected"),
    Page("complaints: public dashboard (national)", "/complaints/dashboard/", None, 200),
    Page("complaints: public dashboard (one province)", "/complaints/dashboard/?province=PNA", None, 200),
    # Open311 reads (no bar in the issue; a list is at most 1,000 requests)
    Page("complaints: Open311 request by id (JSON)",
         lambda c: f"/open311/v2/requests/{c.state['complaint_track_code']}.json", None, 50),
    Page("complaints: Open311 requests of a province, last 90 days (JSON, up to 1,000)",
         "/open311/v2/requests.json?jurisdiction_id=PNA", None, 300,
         rows_check="/open311/v2/requests.json?jurisdiction_id=PNA&service_code=noise&status=closed"),
    Page("complaints: Open311 requests nationally, last 90 days (XML, up to 1,000)", "/open311/v2/requests.xml",
         None, 300),
]


# --- intake throughput ------------------------------------------------------------------------
def _intake_worker(base: str, payloads, deadline: float, stop: threading.Event, out: dict, lock: threading.Lock,
                   budget: list[int]) -> None:
    import httpx

    accepted, statuses, times = [], {}, []
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < deadline and not stop.is_set():
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            data = next(payloads)
            t0 = time.perf_counter()
            try:
                r = client.post("/open311/v2/requests.json", data=data)
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] = statuses.get(type(exc).__name__, 0) + 1
                continue
            times.append((time.perf_counter() - t0) * 1000)
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
            if r.status_code == 200:
                accepted.append(r.json()[0]["service_request_id"])
    with lock:
        out["accepted"] += accepted
        out["times"] += times
        for k, v in statuses.items():
            out["statuses"][str(k)] = out["statuses"].get(str(k), 0) + v


def _payloads(ctx: Context, marker: str, api_key: str):
    rng = random.Random(marker)
    codes = ctx.state["complaint_service_codes"]
    jurisdictions = ctx.state["complaint_jurisdictions"]
    n = 0
    while True:
        n += 1
        data = {"api_key": api_key, "jurisdiction_id": rng.choice(jurisdictions), "service_code": rng.choice(codes),
                "lat": f"{rng.uniform(7.9, 9.0):.6f}", "long": f"{rng.uniform(98.2, 98.7):.6f}",
                "description": f"ไฟทางดับหลายดวงบริเวณหน้าตลาด ทำให้มืดและอันตรายในเวลากลางคืน (ทดสอบ {n})",
                "device_id": marker}
        if n % 3 == 0:  # a third give their name and contact, as Open311 allows
            data.update(first_name="สมชาย", last_name="ใจดี", email=f"somchai{n}@example.test", phone="0812345678")
        yield data


def _count_in_database(ctx: Context, marker: str, accepted: list[str]) -> dict:
    """In a separate Django process on the bench database: how many complaints carry the marker, and are
    they exactly the accepted tracking codes."""
    from bench.run import PY, ROOT, db_env

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(accepted, fh)
        path = fh.name
    try:
        out = subprocess.run([PY, "-m", "bench.scenarios.complaints", "count", marker, path], cwd=ROOT,
                             env=db_env(ctx.scale, ctx.db), check=True, capture_output=True, text=True, timeout=300)
    finally:
        os.unlink(path)
    return json.loads(out.stdout.strip().splitlines()[-1])


def intake(ctx: Context, base_url: str, *, seconds: int, threads: int) -> dict:
    marker = f"bench-intake-{uuid.uuid4().hex[:12]}"
    payloads = _payloads(ctx, marker, ctx.state["complaint_api_key"])
    lock = threading.Lock()
    shared_payloads = _Locked(payloads)
    out = {"accepted": [], "times": [], "statuses": {}}
    stop = threading.Event()
    budget = [INTAKE_MAX]
    t0 = time.monotonic()
    deadline = t0 + seconds
    workers = [threading.Thread(target=_intake_worker, args=(base_url, shared_payloads, deadline, stop, out, lock,
                                                              budget), daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=seconds + 60)
    stop.set()
    elapsed = time.monotonic() - t0
    accepted = out["accepted"]
    counted = _count_in_database(ctx, marker, accepted)
    rate = len(accepted) / elapsed
    times = sorted(out["times"]) or [0.0]
    return {"seconds": round(elapsed, 1), "threads": threads, "posted": sum(out["statuses"].values()),
            "accepted": len(accepted), "accepted_per_s": round(rate, 1), "statuses": out["statuses"],
            "p50_post_ms": round(statistics.median(times), 1),
            "p95_post_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "in_database": counted["count"], "exactly_accepted": counted["exact"]}


class _Locked:
    """A generator shared by threads."""

    def __init__(self, gen):
        self.gen, self.lock = gen, threading.Lock()

    def __iter__(self):
        return self

    def __next__(self):
        with self.lock:
            return next(self.gen)


def _cpu_seconds(pids: list[int]) -> float:
    """utime + stime of processes (Linux /proc); 0 where unavailable."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / ticks


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def _pg_backends(dbname: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    if f"postgres {dbname} ".encode() in fh.read() + b" ":
                        found.append(int(entry))
            except OSError:
                pass
    return found


def custom(ctx: Context, server) -> list[dict]:
    """Intake throughput: Open311 POSTs for INTAKE_SECONDS from INTAKE_THREADS client threads against a gunicorn
    with INTAKE_WORKERS workers and the database task queue (the receipt and the agency's notice are queued as in
    production); then the database must hold exactly the accepted complaints. Also the CPU each accepted
    complaint cost the server workers, PostgreSQL and the client (from /proc), which does not depend on what else
    runs on the machine."""
    import resource

    from bench.run import Server, db_env

    if "complaint_api_key" not in ctx.state:
        return []
    env = db_env(ctx.scale, ctx.db)
    # The bench key's quota is raised for the measurement (a partner's default is 600/min); the limiter still runs.
    env["OPEN311_KEY_RATE"] = "1000000/m"
    env["TASKS_BACKEND"] = os.environ.get("BENCH_INTAKE_TASKS", "django_tasks_db.DatabaseBackend")
    dbname = env.get("DATABASE_URL", "").rsplit("/", 1)[-1]
    with Server(env, workers=INTAKE_WORKERS) as intake_server:
        workers = _children(intake_server.proc.pid)
        backends_before = {p: _cpu_seconds([p]) for p in _pg_backends(dbname)} if dbname else {}
        worker0, self0 = _cpu_seconds(workers), resource.getrusage(resource.RUSAGE_SELF)
        result = intake(ctx, intake_server.url, seconds=INTAKE_SECONDS, threads=INTAKE_THREADS)
        worker1, self1 = _cpu_seconds(workers), resource.getrusage(resource.RUSAGE_SELF)
        backends_after = {p: _cpu_seconds([p]) for p in _pg_backends(dbname)} if dbname else {}
    n = max(result["accepted"], 1)
    pg = sum(backends_after.values()) - sum(backends_before.get(p, 0.0) for p in backends_after)
    client = (self1.ru_utime + self1.ru_stime) - (self0.ru_utime + self0.ru_stime)
    cpu = {"cpu_ms_workers": round((worker1 - worker0) / n * 1000, 2), "cpu_ms_postgres": round(pg / n * 1000, 2),
           "cpu_ms_client": round(client / n * 1000, 2)}
    per = sum(cpu.values())
    ok = result["accepted_per_s"] >= INTAKE_BAR and result["exactly_accepted"]
    return [{"page": f"complaints: intake through Open311 POST ({INTAKE_WORKERS} workers, {INTAKE_THREADS} clients)",
             "bar_per_s": INTAKE_BAR, "workers": INTAKE_WORKERS, "tasks": env["TASKS_BACKEND"].rsplit(".", 1)[-1],
             **result, **cpu, "capacity_per_s_on_idle_cores": round((os.cpu_count() or 1) * 1000 / per, 1) if per
             else None, "pass": ok}]


def _count_main(marker: str, path: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from salaklang.complaints.models import Complaint

    with open(path) as fh:
        accepted = json.load(fh)
    stored = set(Complaint.objects.filter(channel=Complaint.Channel.OPEN311, external_ref=marker)
                 .values_list("code", flat=True))
    print(json.dumps({"count": len(stored), "exact": stored == set(accepted) and len(accepted) == len(stored)}))


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["count"]:
        _count_main(sys.argv[2], sys.argv[3])
