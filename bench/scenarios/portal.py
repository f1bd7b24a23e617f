"""The public portal at scale: 3,000 posts per province (231,000 nationally) with 10 photo rows each; the province
home page, a post page, a category list and the feed (anonymous); and a 30-second load test of an anonymous post
page with `wrk` from a separate process, after which the stored view count must equal the distinct visitor-days
sent (visitors differ by User-Agent, one day)."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import tempfile

from bench.scenarios import Context, Page, bulk

POSTS = {"tiny": 200, "province": 3_000, "national": 3_000}  # per province
PHOTOS_PER_POST = 10
CATEGORIES = [("activities", "กิจกรรมจังหวัด"), ("tourism", "ท่องเที่ยว"), ("procurement", "จัดซื้อจัดจ้าง"),
              ("hpp", "จังหวัด HPP")]
LOAD_SECONDS = int(os.environ.get("BENCH_PORTAL_LOAD_SECONDS", "30"))
LOAD_CONNECTIONS = int(os.environ.get("BENCH_PORTAL_LOAD_CONNECTIONS", "32"))
LOAD_VISITORS = 1_000
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
    for province in provinces:
        site = services.site_ensure(province=province)
        for i, (slug, name) in enumerate(CATEGORIES):
            Category.objects.get_or_create(site=site, slug=slug, defaults={"name_th": name, "sort_order": i})
        cats = list(site.categories.order_by("sort_order").values_list("pk", flat=True))
        start = Post.objects.filter(site=site, source_key__startswith="bench:").count()
        with transaction.atomic():
            bulk(Post, (Post(
                site=site, organization=province, kind=rng.choice(kinds), category_id=cats[j % 2],
                title=f"ข่าวประชาสัมพันธ์ที่ {j} {province.name_th}", summary="สรุปข่าวประชาสัมพันธ์ของจังหวัด",
                body="<p>" + "เนื้อหาข่าวประชาสัมพันธ์ของจังหวัด " * 30 + "</p>", status="published",
                publish_at=now - dt.timedelta(hours=j * 3 + 1), featured=j < 4, view_count=rng.randint(0, 5000),
                source_key=f"bench:{j}", created_by=editor, updated_by=editor,
            ) for j in range(start, per_province)))
            ids = list(Post.objects.filter(site=site, source_key__startswith="bench:")
                       .exclude(pk__in=Photo.objects.values("post_id")).values_list("pk", flat=True))
            bulk(Photo, (Photo(post_id=pid, image=f"portal/bench/{pid}-{k}.jpg", thumb=f"portal/bench/{pid}-{k}-t.jpg",
                               medium=f"portal/bench/{pid}-{k}-m.jpg", large=f"portal/bench/{pid}-{k}-l.jpg",
                               width=1600, height=1067, size=200_000, caption=f"ภาพที่ {k + 1}", is_cover=k == 0,
                               sort_order=k, uploaded_by=editor)
                         for pid in ids for k in range(PHOTOS_PER_POST)), batch_size=5000)
        if province == pna:
            post = Post.objects.filter(site=site, source_key="bench:5").first()
            ctx.state["portal_post"] = f"/p/PNA/posts/{post.pk}/" if post else "/p/PNA/"
            small = Category.objects.get(site=site, slug="procurement")  # few or no posts: query counts must match
            ctx.state["portal_small_category"] = f"/p/PNA/category/{small.slug}/"


PAGES = [
    Page("portal: province home (anonymous)", "/p/PNA/", None, 50, rows_check="/p/CRI/"),
    Page("portal: post page with 10 photos (anonymous)", lambda ctx: ctx.state.get("portal_post", "/p/PNA/"), None, 50),
    Page("portal: category list, page 1 (anonymous)", "/p/PNA/category/activities/", None, 50,
         rows_check=lambda ctx: ctx.state.get("portal_small_category", "/p/PNA/category/procurement/")),
    Page("portal: category list, page 50", "/p/PNA/category/activities/?page=50", None, 50),
    Page("portal: RSS feed of the site", "/p/PNA/feed.rss", None, 50, rows_check="/p/CRI/feed.rss"),
]

LUA = """
local n = 0
request = function()
  n = n + 1
  local v = n %% %(visitors)d
  return wrk.format("GET", "%(path)s", {["User-Agent"] = "Mozilla/5.0 (bench visitor " .. v .. ") Safari/605"})
end
"""


def _views(env: dict, path: str) -> int:
    from bench.run import PY, ROOT

    pk = int(re.search(r"/posts/(\d+)/", path).group(1))
    code = f"from salaklang.portal.models import Post; print(Post.objects.get(pk={pk}).view_count)"
    out = subprocess.run([PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True).stdout
    return int(out.strip().splitlines()[-1])


def custom(ctx: Context, server) -> list[dict]:
    """Throughput of the anonymous post page under `wrk` (production server: gunicorn, Redis cache when
    REDIS_URL is set), then the count check after `portal_flush_counts --all`."""
    from bench.run import PY, ROOT, Server, db_env

    path = ctx.state.get("portal_post")
    wrk = shutil.which("wrk")
    if not path or not wrk:
        return [{"page": "portal: post page under load", "error": "wrk not installed or no post"}]
    env = db_env(ctx.scale, ctx.db)
    env.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    try:
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    except Exception:  # noqa: BLE001 — no Redis: the database cache is used
        env.pop("REDIS_URL", None)
    subprocess.run([PY, "manage.py", "portal_flush_counts", "--all"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    before = _views(env, path)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"visitors": LOAD_VISITORS, "path": path})
    workers = int(os.environ.get("BENCH_PORTAL_WORKERS", "3"))
    with Server(env, workers=workers) as load_server:
        out = subprocess.run([wrk, "-t1", f"-c{LOAD_CONNECTIONS}", f"-d{LOAD_SECONDS}s", "--latency", "-s", script.name,
                              load_server.url], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    subprocess.run([PY, "manage.py", "portal_flush_counts", "--all"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    after = _views(env, path)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    # one wrk thread: its counter runs over every request, so the visitors sent are the first min(total, V) of the
    # cycle (all on one day)
    sent_visitors = min(total, LOAD_VISITORS)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)

    def ms(m):
        if not m:
            return None
        value, unit = float(m.group(1)), m.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 1)

    return [{
        "page": f"portal: anonymous post page under wrk ({LOAD_SECONDS}s, {LOAD_CONNECTIONS} connections, "
                f"{workers} gunicorn workers, cache={'redis' if env.get('REDIS_URL') else 'database'})",
        "requests_per_s": rps, "requests": total, "non_2xx": int(errors.group(1)) if errors else 0,
        "p50_ms": ms(p50), "p99_ms": ms(p99), "bar": f">= {LOAD_BAR}/s",
        "views_stored": after - before, "distinct_visitor_days_sent": sent_visitors,
        # wrk counts completed requests; up to one per connection was still in flight when it stopped (and
        # reached the server), so the stored count may exceed the completed count by at most that many (and must
        # equal it once more than LOAD_VISITORS requests were sent).
        "pass": rps >= LOAD_BAR and not errors and (after - before == LOAD_VISITORS if total >= LOAD_VISITORS + LOAD_CONNECTIONS
                                                    else sent_visitors <= after - before <= sent_visitors + LOAD_CONNECTIONS),
    }]
