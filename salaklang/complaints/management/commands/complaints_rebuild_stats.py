from django.core.management.base import BaseCommand

from salaklang.complaints import stats
from salaklang.organizations.models import Organization


class Command(BaseCommand):
    help = "Recompute the complaint statistics rollup (the public dashboard's tables) from the complaints."

    def add_arguments(self, parser):
        parser.add_argument("--province", help="Province code (default: every province)")

    def handle(self, *args, province=None, **options):
        province_id = None
        if province:
            province_id = Organization.objects.get(code=province, kind=Organization.Kind.PROVINCE).pk
        rows, durations = stats.rebuild(province_id)
        self.stdout.write(f"complaint statistics rebuilt: {rows} count rows, {durations} duration rows")
