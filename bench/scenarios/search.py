"""Search (issue 15): the index over every other scenario's data, the search page and suggestions over HTTP, and
``manage.py search_bench`` in the same run: the reindex rate (``search_reindex`` from an empty index and over an
up-to-date one; bar ≥ 2,000 documents/s) and the engine's latency in process (two-word Thai query p95 ≤ 50 ms,
one-word sub-word query ≤ 80 ms, suggestions ≤ 30 ms). This module sorts after the others, so ``generate`` indexes
what they generated."""

from __future__ import annotations

import json
import subprocess
from urllib.parse import urlencode

from bench.scenarios import Context, Page


def generate(ctx: Context) -> None:
    from django.core.management import call_command

    call_command("search_reindex", verbosity=0)


PAGES = [
    Page("search: two-word Thai query (page)", "/search/?" + urlencode({"q": "ร้องเรียน ถนน"}), "pn.strategy", 100),
    Page("search: one-word sub-word query (page)", "/search/?" + urlencode({"q": "ราชการ"}), "pn.strategy", 120),
    Page("search: suggestions", "/search/suggest/?" + urlencode({"q": "ท่องเที่ยว"}), "pn.strategy", 60),
]


def custom(ctx: Context, server) -> list[dict]:
    """``search_bench --reindex-rate --measure --json`` against the bench database (a separate process, the same
    settings as the server)."""
    from bench.run import PY, ROOT

    done = subprocess.run([PY, "manage.py", "search_bench", "--reindex-rate", "--measure", "--runs", "30", "--json"],
                          cwd=ROOT, env=server.env, capture_output=True, text=True, timeout=3600, check=False)
    rows = []
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            rows.append(json.loads(line))
    if done.returncode or not rows:
        rows.append({"page": "search_bench", "error": (done.stderr or done.stdout)[-300:], "pass": False})
    return rows
