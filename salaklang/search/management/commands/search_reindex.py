"""Rebuild the search index (all kinds, or ``--kind post --kind proposal``) while the site keeps serving."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from salaklang.search.index import optimize, reindex_kind
from salaklang.search.kinds import REGISTRY


class Command(BaseCommand):
    help = "Rebuild the search index, kind by kind, in batches (the site keeps serving meanwhile)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=sorted(REGISTRY), help="only this kind (repeatable)")
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, **options):
        kinds = options["kind"] or list(REGISTRY)
        bad = [k for k in kinds if k not in REGISTRY]
        if bad:
            raise CommandError(f"unknown kind: {', '.join(bad)}")
        tty = sys.stdout.isatty() and options["verbosity"] >= 1
        grand = 0
        t0 = time.monotonic()
        for kind in kinds:
            start = time.monotonic()

            def progress(done, total, kind=kind, start=start):
                if not tty:
                    return
                width = 30
                filled = int(width * done / total) if total else width
                rate = done / max(time.monotonic() - start, 1e-6)
                self.stdout.write(f"\r{kind:<13} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                                  f"{rate:,.0f}/s", ending="")
                self.stdout.flush()

            n = reindex_kind(kind, batch=options["batch"], progress=progress)
            grand += n
            secs = time.monotonic() - start
            if tty:
                self.stdout.write("")
            self.stdout.write(f"{kind}: {n} documents in {secs:.1f} s ({n / max(secs, 1e-6):,.0f}/s)")
        optimize()
        total = time.monotonic() - t0
        self.stdout.write(self.style.SUCCESS(f"search index: {grand} documents in {total:.1f} s "
                                             f"({grand / max(total, 1e-6):,.0f}/s)"))
