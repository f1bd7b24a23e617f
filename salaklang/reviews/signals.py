from django.db import transaction


def index_submitted_proposal(sender, instance, **kwargs):
    """Keep the similarity index of submitted proposals current (after the submission commits)."""
    if instance.status == "submitted":
        from salaklang.reviews.similarity import index_proposal

        transaction.on_commit(lambda: index_proposal(instance))


def keep_standing(sender, instance, created, update_fields=None, **kwargs):
    """A proposal entering the submitted status gets its stored standing (unscored at first); one leaving it (returned
    for revision) loses it, in the transaction of the save (issue 16: the ranking pages over stored standings)."""
    if update_fields is not None and "status" not in update_fields:
        return
    from salaklang.reviews.services import REVIEWABLE, standings_refresh

    if instance.status in REVIEWABLE:
        standings_refresh(call=instance.call_id, proposal_ids=[instance.pk])
    elif not created:
        from salaklang.reviews.models import Standing

        Standing.objects.filter(proposal_id=instance.pk).delete()
