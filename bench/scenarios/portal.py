"""The public portal at scale: 3,000 posts per province (231,000 nationally) with 10 photo rows each (bulk_create,
timed). Measured: the province home page, a post page, a category list (pages 1 and 50) and the feed, anonymous,
**without** the page cache (the issue's bars: p95 <= 50 ms, query count constant in the number of posts — on a
server with PORTAL_PAGE_CACHE_SECONDS=0) and with it (the harness's own server); then 30 seconds of `wrk -t2 -c8`
on the anonymous post page against `make run`'s gunicorn command (Redis cache as a deployment sets REDIS_URL, and
the default database cache), after which `portal_flush_counts --all` must have stored exactly the distinct
visitor-days sent (visitors: X-Forwarded-For behind TRUSTED_PROXY_COUNT=1, and the User-Agent)."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

from bench.scenarios import Context, Page, bulk

POSTS = {"tiny": 200, "province": 3_000, "national": 3_000}  # per province
PHOTOS_PER_POST = 10
CATEGORIES = [("activities", "กิจกรรมจังหวัด"), ("tourism", "ท่องเที่ยว"), ("procurement", "จัดซื้อจัดจ้าง"),
              ("hpp", "จังหวัด HPP")]
LOAD_SECONDS = int(os.environ.get("BENCH_PORTAL_LOAD_SECONDS", "30"))
LOAD_THREADS = 2  # wrk -t2 -c8, as the load test
LOAD_CONNECTIONS = int(os.environ.get("BENCH_PORTAL_LOAD_CONNECTIONS", "8"))
LOAD_VISITORS = int(os.environ.get("BENCH_PORTAL_VISITORS", "1000"))  # per wrk thread
LOAD_BAR = 300


def generate(ctx: Context) -> None:
    from django.db import transaction
    from django.utils import timezone

    from salaklang.accounts.models import User
    from salaklang.organizations.models import Organization
    from salaklang.portal import services
    from salaklang.portal.models import Category, Photo, Post

    per_province = POSTS.get(ctx.scale, POSTS["tiny"])
    rng = random.Random(2513)
    now = timezone.now()
    editor = User.objects.get(username="pn.editor")
    provinces = list(Organization.objects.filter(kind="province").order_by("pk"))[: max(ctx.provinces, 1)]
    pna = Organization.objects.get(code="PNA")
    if pna not in provinces:
        provinces.append(pna)
    kinds = ["news"] * 5 + ["album"] * 2 + ["announcement"] * 2 + ["document"]
    t0 = time.monotonic()
    made_posts = made_photos = 0
    for province in provinces:
        site = services.site_ensure(province=province)
        for i, (slug, name) in enumerate(CATEGORIES):
            Category.objects.get_or_create(site=site, slug=slug, defaults={"name_th": name, "sort_order": i})
        cats = list(site.categories.order_by("sort_order").values_list("pk", flat=True))
        start = Post.objects.filter(site=site, source_key__startswith="bench:").count()
        with transaction.atomic():
            last = Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            bulk(Post, (Post(
                site=site, organization=province, kind=rng.choice(kinds), category_id=cats[j % 2],
                title=f"ข่าวประชาสัมพันธ์ที่ {j} {province.name_th}", summary="สรุปข่าวประชาสัมพันธ์ของจังหวัด",
                body="<p>" + "เนื้อหาข่าวประชาสัมพันธ์ของจังหวัด " * 30 + "</p>", status="published",
                publish_at=now - dt.timedelta(hours=j * 3 + 1), featured=j < 4, view_count=rng.randint(0, 5000),
                source_key=f"bench:{j}", created_by=editor, updated_by=editor,
            ) for j in range(start, per_province)), batch_size=1000)
            # the posts just made (ids above the previous largest): no NOT IN over millions of photo rows
            ids = list(Post.objects.filter(site=site, pk__gt=last).values_list("pk", flat=True))
            bulk(Photo, (Photo(post_id=pid, image=f"portal/bench/{pid}-{k}.jpg", thumb=f"portal/bench/{pid}-{k}-t.jpg",
                               medium=f"portal/bench/{pid}-{k}-m.jpg", large=f"portal/bench/{pid}-{k}-l.jpg",
                               width=1600, height=1067, size=200_000, caption=f"ภาพที่ {k + 1}", is_cover=k == 0,
                               sort_order=k, uploaded_by=editor)
                         for pid in ids for k in range(PHOTOS_PER_POST)), batch_size=5000)
            made_posts += len(ids)
            made_photos += len(ids) * PHOTOS_PER_POST
        if province == pna:
            post = Post.objects.filter(site=site, source_key="bench:5").first()
            ctx.state["portal_post"] = f"/p/PNA/posts/{post.pk}/" if post else "/p/PNA/"
            small = Category.objects.get(site=site, slug="procurement")  # few or no posts: query counts must match
            ctx.state["portal_small_category"] = f"/p/PNA/category/{small.slug}/"
    ctx.state["portal_generated"] = {"posts": made_posts, "photos": made_photos,
                                     "seconds": round(time.monotonic() - t0, 1)}
    print(f"portal: {made_posts} posts, {made_photos} photos in {time.monotonic() - t0:.1f} s", file=sys.stderr,
          flush=True)


PAGES_UNCACHED = [  # (name, path or callable, bar p95 ms, rows_check)
    ("portal: province home (anonymous)", "/p/PNA/", 50, "/p/CRI/"),
    ("portal: post page with 10 photos (anonymous)", lambda ctx: ctx.state.get("portal_post", "/p/PNA/"), 50, None),
    ("portal: category list, page 1 (anonymous)", "/p/PNA/category/activities/", 50,
     lambda ctx: ctx.state.get("portal_small_category", "/p/PNA/category/procurement/")),
    ("portal: category list, page 50", "/p/PNA/category/activities/?page=50", 50, None),
    ("portal: RSS feed of the site", "/p/PNA/feed.rss", 50, "/p/CRI/feed.rss"),
]
# Measured by the harness on its server, where the anonymous page cache is on (the first request, a warm-up, fills
# it); the same pages without the page cache are measured in custom() on a server with PORTAL_PAGE_CACHE_SECONDS=0.
PAGES = [Page(f"{name} — page cache", path, None, bar) for name, path, bar, _rows in PAGES_UNCACHED]

# wrk: each thread rotates its own LOAD_VISITORS visitors (a distinct X-Forwarded-For address, as the proxy of a
# deployment sets it, and one of three browsers' User-Agents), so the visitor-days sent are threads x LOAD_VISITORS
# once every thread has completed more than LOAD_VISITORS + its connections requests (checked from done()).
LUA = r"""
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  n = 0
  completed = 0
end
local agents = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"}
request = function()
  local v = n % VISITORS
  n = n + 1
  local ip = "10." .. tid .. "." .. math.floor(v / 250) .. "." .. (v % 250 + 1)
  return wrk.format("GET", "PATH", {["X-Forwarded-For"] = ip, ["User-Agent"] = agents[(v % 3) + 1]})
end
response = function(status, headers, body)
  completed = completed + 1
end
done = function(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write("thread-completed " .. t:get("tid") .. " " .. t:get("completed") .. "\n")
  end
end
"""


def _views(env: dict, path: str) -> int:
    from bench.run import PY, ROOT

    pk = int(re.search(r"/posts/(\d+)/", path).group(1))
    code = f"from salaklang.portal.models import Post; print(Post.objects.get(pk={pk}).view_count)"
    out = subprocess.run([PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True).stdout
    return int(out.strip().splitlines()[-1])


def ProductionServer(env: dict):  # noqa: N802 — reads as the server it starts
    """README's production command as `make run` starts it: gunicorn config.wsgi --workers 2 --threads 4 with the
    access log, DEBUG off, collected static files (bench.run's server with those settings)."""
    from bench.run import Server

    return Server(env, workers=2, threads=4, access_log=True)


def _uncached_pages(ctx: Context, env: dict, n: int) -> list[dict]:
    """The pages themselves (the bars of the issue), on a server without the page cache."""
    import httpx

    from bench.run import Server, measure

    rows = []
    with Server({**env, "PORTAL_PAGE_CACHE_SECONDS": "0"}) as server:
        client = httpx.Client(base_url=server.url, timeout=30)
        for name, path, bar, rows_check in PAGES_UNCACHED:
            path = path(ctx) if callable(path) else path
            row = {"page": f"{name} — no page cache", "path": path, "user": None, "bar_p95_ms": bar,
                   **measure(client, "GET", path, None, n)}
            if rows_check is not None:
                other = measure(client, "GET", rows_check(ctx) if callable(rows_check) else rows_check, None, 3)
                row["queries_fewer_rows"] = other["queries"]
                row["queries_constant"] = other["queries"] == row["queries"]
            row["pass"] = row["p95_ms"] <= bar and all(s < 400 for s in row["status"]) and row.get("queries_constant",
                                                                                                 True)
            rows.append(row)
            print(f"  {row['page']:<60} p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms  queries {row['queries']}",
                  flush=True)
    return rows


def _load(ctx: Context, env: dict, path: str, cache_name: str) -> dict:
    from bench.run import PY, ROOT

    wrk = shutil.which("wrk")
    threads, connections = LOAD_THREADS, LOAD_CONNECTIONS
    subprocess.run([PY, "manage.py", "portal_flush_counts", "--all"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    before = _views(env, path)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA.replace("VISITORS", str(LOAD_VISITORS)).replace("PATH", path))
    with ProductionServer(env) as server:
        out = subprocess.run([wrk, f"-t{threads}", f"-c{connections}", f"-d{LOAD_SECONDS}s", "--latency",
                              "--timeout", "10s", "-s", script.name, server.url], capture_output=True, text=True,
                             check=True).stdout
    os.unlink(script.name)
    subprocess.run([PY, "manage.py", "portal_flush_counts", "--all"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    after = _views(env, path)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    completed = [int(c) for c in re.findall(r"thread-completed \d+ (\d+)", out)]
    # every thread sent its first LOAD_VISITORS visitors, and each of them completed, once it completed more than
    # that many requests plus the ones its connections had in flight
    every_visitor_sent = len(completed) == threads and min(completed) >= LOAD_VISITORS + connections // threads
    sent = threads * LOAD_VISITORS if every_visitor_sent else None

    def ms(label):
        m = re.search(label + r"\s+([\d.]+)(us|ms|s)\b", out)
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    return {
        "page": f"portal: anonymous post page under wrk -t{threads} -c{connections} -d{LOAD_SECONDS}s (gunicorn "
                f"--workers 2 --threads 4, cache={cache_name}, TRUSTED_PROXY_COUNT=1)",
        "path": path, "requests_per_s": rps, "requests": total, "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "", "latency_p50_ms": ms("50%"),
        "latency_p99_ms": ms("99%"), "bar": f">= {LOAD_BAR}/s", "views_stored": after - before,
        "distinct_visitor_days_sent": sent, "completed_per_thread": completed,
        "pass": rps >= LOAD_BAR and not errors and not socket_errors and sent is not None and after - before == sent,
    }


def custom(ctx: Context, server) -> list[dict]:
    """The pages without the page cache (the bars), then the throughput of the anonymous post page under wrk
    against `make run`'s gunicorn command with Redis as the cache (a deployment's REDIS_URL) and, for comparison,
    with the default database cache; after each, `portal_flush_counts --all` and the count check."""
    from bench.run import db_env

    rows = _uncached_pages(ctx, db_env(ctx.scale, ctx.db), int(os.environ.get("BENCH_PORTAL_REQUESTS", "50")))
    path = ctx.state.get("portal_post")
    if not path or not shutil.which("wrk"):
        return [*rows, {"page": "portal: post page under load", "error": "wrk not installed or no post"}]
    env = db_env(ctx.scale, ctx.db)
    env.update({"TRUSTED_PROXY_COUNT": "1", "SALAKLANG_LOCAL": "1"})
    env.pop("SALAKLANG_QUERY_HEADER", None)  # the production command has no bench middleware
    caches = []
    chosen = os.environ.get("BENCH_PORTAL_CACHES", "redis,database").split(",")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
        if "redis" in chosen:
            caches.append(("redis", {**env, "REDIS_URL": redis_url}))
    except Exception:  # noqa: BLE001 — no Redis here: only the database cache
        pass
    if "database" in chosen:
        caches.append(("database", {k: v for k, v in env.items() if k != "REDIS_URL"}))
    for name, cache_env in caches:
        rows.append(_load(ctx, cache_env, path, name))
        print(f"  {rows[-1]}", flush=True)
    return rows
