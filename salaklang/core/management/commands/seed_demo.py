"""Load the demo data (idempotent). Each capability adds its own in ``salaklang.<app>.demo.seed()``."""

from importlib import import_module

from django.core.management.base import BaseCommand

# Order matters: later capabilities build on the organizations and people of the first.
DEMO_APPS = ["organizations", "calls", "reviews", "agendas", "plans", "complaints", "participation", "portal",
             "openinfo", "search"]


class Command(BaseCommand):
    help = "Load the Salaklang demo data (organizations, people, committees, and each capability's examples)."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            try:
                module = import_module(f"salaklang.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"salaklang.{app}.demo":
                    raise
                continue
            result = module.seed()
            self.stdout.write(f"demo {app}: {result}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Password of every demo account: salaklang-demo"))
