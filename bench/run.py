"""`make bench`: generate data at a scale, start a real server (gunicorn), measure pages over HTTP.

    python -m bench.run --scale province|national [--db sqlite|postgres] [--only name,...] [--requests 50]

Writes bench/results.json and bench/results.md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
PY = sys.executable
WARMUP = 5  # requests before measuring (each of the 2 workers loads its caches, e.g. the PDF fonts)
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")


def dataset(scale: str) -> str:
    """The name of the generated data: the scale, plus the chosen scenarios when --scenarios narrows them."""
    chosen = os.environ.get("BENCH_SCENARIOS", "")
    name = scale + ("_" + "_".join(sorted(c.strip() for c in chosen.split(",") if c.strip())) if chosen else "")
    award = os.environ.get("BENCH_AWARD_SIZES", "")  # the award round's sizes make a data set of their own
    return name + ("_" + award.replace(",", "_") if award else "")


def pg_name(scale: str) -> str:
    """The PostgreSQL database of the data set (BENCH_PG_NAME names another, e.g. one per engineer's worktree)."""
    return os.environ.get("BENCH_PG_NAME") or f"salaklang_bench_{dataset(scale)}"


def db_env(scale: str, db: str) -> dict[str, str]:
    name = dataset(scale)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "DATABASE_URL", "SQLITE_PATH"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "SECURE_COOKIES": "false", "DEBUG": "false",
                "ALLOWED_HOSTS": "127.0.0.1,localhost", "SALAKLANG_QUERY_HEADER": "1", "AXES_ENABLED": "false",
                "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
                "SALAKLANG_VAR_DIR": str(DATA / f"var-{db}-{name}")})
    if db == "postgres":
        env["DATABASE_URL"] = f"{PG_BASE}/{pg_name(scale)}"
    else:
        env["SQLITE_PATH"] = str(DATA / f"bench-{name}.sqlite3")
    return env


def run(cmd: list[str], env: dict, **kw) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kw)


def analyze(db: str, env: dict) -> None:
    """Planner statistics after a bulk load: without them PostgreSQL guesses a handful of rows for tables of
    20,000 (the province's people list took 1.1 s instead of 30 ms)."""
    if db == "postgres":
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        import sqlite3

        with sqlite3.connect(env["SQLITE_PATH"]) as conn:
            conn.execute("ANALYZE")


def prepare(scale: str, db: str, regenerate: bool) -> dict:
    DATA.mkdir(parents=True, exist_ok=True)
    env = db_env(scale, db)
    marker = DATA / f"{db}-{dataset(scale)}.json"
    if marker.exists() and not regenerate:
        run([PY, "manage.py", "migrate", "-v0"], env)  # new indexes since the data was generated
        analyze(db, env)
        return json.loads(marker.read_text())
    if db == "postgres":
        import psycopg

        with psycopg.connect(f"{PG_BASE}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_name(scale)}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{pg_name(scale)}"')
    else:
        Path(env["SQLITE_PATH"]).unlink(missing_ok=True)
    t0 = time.monotonic()
    run([PY, "manage.py", "migrate", "-v0"], env)
    run([PY, "manage.py", "createcachetable"], env)
    run([PY, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
    out = subprocess.run([PY, "-m", "bench.generate", "--scale", scale, "--db", db], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, text=True)  # progress and errors on stderr, the state on stdout
    out.check_returncode()
    state = json.loads(out.stdout.strip().splitlines()[-1])
    analyze(db, env)  # fresh statistics, as autovacuum would keep them in a live database
    state["generated_seconds"] = round(time.monotonic() - t0, 1)
    marker.write_text(json.dumps(state))
    return state


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on a free loopback port; ``workers=3`` with the access log is the production command of README."""

    def __init__(self, env: dict, workers: int = 2, access_log: bool = False, threads: int = 1):
        self.env = dict(env)
        self.static = tempfile.mkdtemp(prefix="bench-static-")
        self.env["STATIC_ROOT"] = self.static
        self.port = free_port()
        self.workers = workers
        self.threads = threads
        self.access_log = access_log
        self.proc = None

    def __enter__(self):
        run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], self.env)
        gunicorn = str(Path(PY).parent / "gunicorn")
        log = ["--access-logfile", "-"] if self.access_log else []
        threads = ["--threads", str(self.threads)] if self.threads > 1 else []
        self.proc = subprocess.Popen([gunicorn, "config.wsgi", "--workers", str(self.workers), *threads, "--limit-request-line", "0", "--bind",
                                      f"127.0.0.1:{self.port}", "--log-level", "warning", *log], cwd=ROOT, env=self.env,
                                     stdout=subprocess.DEVNULL if self.access_log else None)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("the server did not start")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # a clean stop: gunicorn lets the workers finish their requests
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.static, ignore_errors=True)


def login(base: str, username: str | None) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
    if username:
        page = client.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        r = client.post("/accounts/login/", data={"csrfmiddlewaretoken": token, "username": username,
                                                  "password": "salaklang-demo"}, headers={"Referer": base + "/accounts/login/"})
        if r.status_code != 302:
            raise RuntimeError(f"could not sign in as {username}: HTTP {r.status_code}")
    return client


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(client: httpx.Client, method: str, path: str, data: dict | None, n: int) -> dict:
    times, queries, statuses = [], [], set()
    for i in range(n + WARMUP):
        t0 = time.perf_counter()
        r = client.request(method, path, data=data)
        elapsed = (time.perf_counter() - t0) * 1000
        statuses.add(r.status_code)
        if i >= WARMUP:  # warm-up: at least one request per server worker
            times.append(elapsed)
            if "X-Query-Count" in r.headers:
                queries.append(int(r.headers["X-Query-Count"]))
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1), "queries": int(statistics.median(queries)) if queries else None,
            "status": sorted(statuses)}


FLOOR_USER = "pn.strategy"
FLOORS = {"layout": "/__bench__/floor/layout/", "bare": "/__bench__/floor/bare/"}


def measure_floors(client: httpx.Client, n: int) -> dict:
    """The floor of every page (issues 11 and 16): the base layout rendered by a view that runs no queries, and a
    bare view returning the same bytes, for the same signed-in person."""
    return {name: measure(client, "GET", path, None, n) for name, path in FLOORS.items()}


def wrk(url: str, cookies: str, seconds: int, threads: int = 2, connections: int = 8) -> dict:
    """requests/s under load from wrk (a separate process, as a load generator should be)."""
    exe = shutil.which("wrk")
    if not exe:
        return {"error": "wrk is not installed (make bench installs it: Debian package wrk)"}
    cmd = [exe, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    if cookies:
        cmd[1:1] = ["-H", f"Cookie: {cookies}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    return {"rps": float(rps.group(1)) if rps else None, "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "latency_p50": lat.get("50"), "latency_p99": lat.get("99"),
            "command": " ".join(c if not c.startswith("Cookie") else "Cookie: …" for c in cmd)}


LOAD_WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "2"))  # `make run`'s gunicorn: 2 workers × 4 threads
LOAD_THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "4"))


def load_phase(env: dict, ctx, pages: list, seconds: int) -> list[dict]:
    """The production server as `make run` starts it (gunicorn config.wsgi --workers 2 --threads 4, access log on;
    BENCH_LOAD_WORKERS / BENCH_LOAD_THREADS to compare) under a load of wrk -t2 -c8 for ``seconds`` per page, with the
    floors measured in the same run."""
    rows = []
    with Server(env, workers=LOAD_WORKERS, access_log=True, threads=LOAD_THREADS) as server:
        clients: dict = {}
        targets = [("floor: bare view (same bytes as the layout)", FLOORS["bare"], FLOOR_USER),
                   ("floor: base layout, no queries in the view", FLOORS["layout"], FLOOR_USER)]
        targets += [(p.name, p.resolve(ctx), p.user) for p in pages]
        for name, path, user in targets:
            if user not in clients:
                clients[user] = login(server.url, user)
            client = clients[user]
            for _ in range(6):
                client.get(path)  # warm every worker
            cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
            row = {"page": name, "path": path, "user": user, "load_seconds": seconds, **wrk(server.url + path, cookies,
                                                                                              seconds)}
            rows.append(row)
            print(f"  load {name:<46} {row.get('rps')} req/s  (non-2xx: {row.get('non_2xx')})", flush=True)
    floor = next((r["rps"] for r in rows if r["path"] == FLOORS["layout"] and r.get("rps")), None)
    bare = next((r["rps"] for r in rows if r["path"] == FLOORS["bare"] and r.get("rps")), None)
    for r in rows:
        if r.get("rps") and floor and bare:
            r["share_of_layout_floor"] = round(r["rps"] / floor, 2)
            r["share_of_bare_floor"] = round(r["rps"] / bare, 2)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="province", choices=["tiny", "province", "national"])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--only", default="", help="comma-separated substrings of page names")
    parser.add_argument("--scenarios", default="", help="comma-separated scenario modules to generate and measure "
                        "(foundation always); the data set is kept apart from the full one")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench"))
    parser.add_argument("--load-seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", "20")),
                        help="seconds of wrk load per page of the throughput phase (0 skips it)")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if args.scenarios:
        os.environ["BENCH_SCENARIOS"] = args.scenarios
    from bench.scenarios import Context, modules

    print(f"Preparing {args.scale} data on {args.db} …", flush=True)
    state = prepare(args.scale, args.db, args.regenerate)
    ctx = Context.for_scale(args.scale, args.db)
    ctx.state.update(state)
    env = db_env(args.scale, args.db)
    results = []
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    throughput_pages = []
    with Server(env) as server:
        clients: dict = {FLOOR_USER: login(server.url, FLOOR_USER)}
        floors = [measure_floors(clients[FLOOR_USER], args.requests)]
        for module in modules():
            pages = module.pages_for(ctx) if hasattr(module, "pages_for") else getattr(module, "PAGES", [])
            for page in pages:
                if only and not any(o in page.name for o in only):
                    continue
                if page.user not in clients:
                    clients[page.user] = login(server.url, page.user)
                client = clients[page.user]
                row = {"scenario": module.__name__.rsplit(".", 1)[-1], "page": page.name,
                       "path": page.resolve(ctx), "user": page.user, "bar_p95_ms": page.bar_p95_ms}
                row.update(measure(client, page.method, row["path"], page.data, args.requests))
                if page.throughput:
                    throughput_pages.append(page)
                if page.rows_check is not None:
                    other = measure(client, "GET", page.resolve(ctx, page.rows_check), None, 3)
                    row["queries_fewer_rows"] = other["queries"]
                    row["queries_constant"] = other["queries"] == row["queries"]
                row["pass"] = row["p95_ms"] <= page.bar_p95_ms and all(s < 400 for s in row["status"]) and \
                    row.get("queries_constant", True)
                results.append(row)
                print(f"  {row['page']:<48} p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms  "
                      f"queries {row['queries']}  {'PASS' if row['pass'] else 'FAIL'}", flush=True)
            custom = getattr(module, "custom", None)
            if custom and (not only or any(o in module.__name__ for o in only)):
                for row in custom(ctx, server) or []:
                    row.setdefault("scenario", module.__name__.rsplit(".", 1)[-1])
                    results.append(row)
                    print(f"  {row.get('page', row.get('name'))}: {row}", flush=True)
        floors.append(measure_floors(clients[FLOOR_USER], args.requests))  # again at the end: the machine drifts
    floor = {name: {"p50_ms": round(statistics.median(f[name]["p50_ms"] for f in floors), 2),
                    "p95_ms": round(statistics.median(f[name]["p95_ms"] for f in floors), 2),
                    "queries": floors[0][name]["queries"], "runs": [f[name]["p50_ms"] for f in floors]} for name in FLOORS}
    for row in results:
        if "p50_ms" in row:
            row["x_layout_floor"] = round(row["p50_ms"] / floor["layout"]["p50_ms"], 1)
            row["x_bare_floor"] = round(row["p50_ms"] / floor["bare"]["p50_ms"], 1)
    print(f"  floor: base layout p50 {floor['layout']['p50_ms']} ms, bare view p50 {floor['bare']['p50_ms']} ms", flush=True)
    load = []
    if args.load_seconds and throughput_pages:
        load = load_phase(env, ctx, throughput_pages, args.load_seconds)
    report = {
        "scale": args.scale, "db": args.db, "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "data": state, "requests_per_page": args.requests, "results": results, "floor": floor, "load": load,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)  # a long run's figures are not lost to a missing folder
    (out / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    (out / "results.md").write_text(markdown(report))
    print("\n" + markdown(report))
    return 0


def markdown(report: dict) -> str:
    lines = [f"# Benchmark — scale {report['scale']}, {report['db']}, {report['date']}", "",
             f"{report['machine']['cpus']} CPUs, Python {report['machine']['python']}; "
             f"{report["requests_per_page"]} sequential requests per page after {WARMUP} warm-up requests; server: gunicorn, 2 workers.",
             ""]
    floor = report.get("floor")
    if floor:
        lines += [f"Floor (same run, signed in as {FLOOR_USER}, median of the runs at the start and the end): base layout "
                  f"rendered by a view that runs no queries p50 {floor['layout']['p50_ms']} ms "
                  f"({floor['layout']['queries']} queries: session, user, navigation); a bare view returning the same "
                  f"bytes p50 {floor['bare']['p50_ms']} ms. × = page p50 / floor p50.", ""]
    lines += ["| page | user | p50 ms | p95 ms | bar p95 | × layout | × bare | queries | result |",
              "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in report["results"]:
        if "p95_ms" not in r:
            continue
        q = r.get("queries")
        if "queries_fewer_rows" in r:
            q = f"{q} (vs {r['queries_fewer_rows']} with fewer rows)"
        lines.append(f"| {r['page']} | {r.get('user') or 'anonymous'} | {r['p50_ms']} | {r['p95_ms']} | "
                     f"{r['bar_p95_ms']} | {r.get('x_layout_floor', '')} | {r.get('x_bare_floor', '')} | {q} | "
                     f"{'PASS' if r['pass'] else 'FAIL'} |")
    if report.get("load"):
        lines += ["", f"Throughput under load (wrk -t2 -c8, a separate process, against gunicorn config.wsgi --workers "
                  f"{LOAD_WORKERS} --threads {LOAD_THREADS} with the access log, as `make run` serves):", "",
                  "| page | user | req/s | share of layout floor | share of bare floor | latency p50 / p99 | non-2xx |",
                  "| --- | --- | ---: | ---: | ---: | --- | ---: |"]
        for r in report["load"]:
            lines.append(f"| {r['page']} | {r.get('user') or 'anonymous'} | {r.get('rps')} | "
                         f"{r.get('share_of_layout_floor', '')} | {r.get('share_of_bare_floor', '')} | "
                         f"{r.get('latency_p50')} / {r.get('latency_p99')} | {r.get('non_2xx')} |")
    extra = [r for r in report["results"] if "p95_ms" not in r]
    if extra:
        lines += ["", "Other measurements:", ""]
        lines += [f"- {r.get('page', r.get('name'))}: " + ", ".join(f"{k}={v}" for k, v in r.items() if k not in
                                                                      {"page", "name", "scenario"}) for r in extra]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
