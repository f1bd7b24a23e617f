"""The background worker of `make run`: Django tasks (database queue) plus the periodic scheduler."""

import subprocess
import sys
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from salaklang.core import schedule


class Command(BaseCommand):
    help = "Run the task worker (django-tasks-db) and the periodic-job scheduler in one process group."

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=int, default=60, help="seconds between scheduler checks")

    def handle(self, *args, **options):
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--interval", "1", "--no-reload"])
        last_run: dict = {}
        try:
            while worker.poll() is None:
                schedule.run_due(last_run, timezone.now())
                for _ in range(options["tick"]):
                    if worker.poll() is not None:
                        break
                    time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=10)
