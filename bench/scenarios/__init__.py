"""Benchmark scenarios: every module here is one capability's data generator and pages.

A scenario module defines:

    def generate(ctx: Context) -> None          # optional: add this capability's data at ctx.scale
    PAGES = [Page(...), ...]                     # pages measured over real HTTP
    def custom(ctx: Context, client) -> list[dict]   # optional: other measurements (throughput, PDF time)

See bench/README.md.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SCALES = {
    # name: (provinces, agencies per province, people, audit entries)
    "tiny": (2, 5, 50, 500),
    "province": (1, 35, 400, 20_000),
    "national": (77, 35, 20_000, 200_000),
}


@dataclass
class Page:
    name: str
    path: str | Callable[[Context], str]
    user: str | None = None  # a username (password: salaklang-demo), or None for anonymous
    bar_p95_ms: float = 100
    method: str = "GET"
    data: dict | None = None
    # Optional: a second path over a different number of rows; the harness compares query counts.
    rows_check: str | Callable[[Context], str] | None = None
    # Also measured under load (requests/s from wrk, a separate process) against the production server command.
    throughput: bool = False

    def resolve(self, ctx: Context, value=None) -> str:
        value = self.path if value is None else value
        return value(ctx) if callable(value) else value


@dataclass
class Context:
    scale: str
    provinces: int
    agencies_per_province: int
    people: int
    audit_entries: int
    db: str
    state: dict[str, Any] = field(default_factory=dict)  # what generators share (ids, codes)

    @classmethod
    def for_scale(cls, scale: str, db: str) -> Context:
        p, a, n, e = SCALES[scale]
        return cls(scale, p, a, n, e, db)


def modules() -> list:
    """Every scenario, the foundation first; ``BENCH_SCENARIOS=calls,reviews`` keeps only those (and foundation)."""
    import os

    import bench.scenarios as pkg

    chosen = {c.strip() for c in os.environ.get("BENCH_SCENARIOS", "").split(",") if c.strip()}
    found = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: (i.name != "foundation", i.name)):
        if chosen and info.name != "foundation" and info.name not in chosen:
            continue
        found.append(importlib.import_module(f"bench.scenarios.{info.name}"))
    return found


def bulk(model, objects, batch_size: int = 2000) -> None:
    """bulk_create in batches (what every generator uses)."""
    buf = []
    for obj in objects:
        buf.append(obj)
        if len(buf) >= batch_size:
            model.objects.bulk_create(buf, batch_size=batch_size)
            buf = []
    if buf:
        model.objects.bulk_create(buf, batch_size=batch_size)
