from django.core.management.base import BaseCommand

from salaklang.calls.models import Proposal
from salaklang.reviews.similarity import index_proposal


class Command(BaseCommand):
    help = "(Re)build the Thai word index of submitted proposals used to find similar proposals."

    def handle(self, *args, **options):
        n = 0
        for p in Proposal.objects.filter(status="submitted").iterator(chunk_size=500):
            index_proposal(p)
            n += 1
        self.stdout.write(f"indexed {n} proposal(s)")
