from django.core.management.base import BaseCommand
from django.utils import timezone

from salaklang.core import schedule


class Command(BaseCommand):
    help = "Run every periodic job once (reminders, escalations, retention). For cron / systemd timers."

    def handle(self, *args, **options):
        ran = schedule.run_due({}, timezone.now())
        self.stdout.write(f"ran {len(ran)} periodic job(s)")
