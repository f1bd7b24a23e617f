"""Write the buffered view and download counts to the database now.

The periodic job does this every minute; run it with ``--all`` when stopping the app servers for good (or
before reading the counts in a benchmark) to write the generation that is still open too."""

from django.core.management.base import BaseCommand

from salaklang.portal import counting


class Command(BaseCommand):
    help = "Write the portal's buffered view and download counts to the database."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="also the counts of the generation still open")

    def handle(self, *args, **options):
        n = counting.flush(everything=options["all"])
        self.stdout.write(f"{n} views and downloads written")
