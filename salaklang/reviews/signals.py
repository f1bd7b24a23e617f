from django.db import transaction


def index_submitted_proposal(sender, instance, **kwargs):
    """Keep the similarity index of submitted proposals current (after the submission commits)."""
    if instance.status == "submitted":
        from salaklang.reviews.similarity import index_proposal

        transaction.on_commit(lambda: index_proposal(instance))
