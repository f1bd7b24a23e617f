"""Exports of a call too large for a request (issue 16): the proposals XLSX of more than ``CALLS_EXPORT_INLINE_ROWS``
rows is written by the task worker (``manage.py run_worker``), which reports its progress on the job's page and
notifies the person when the file is ready."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.calls import access, documents
from salaklang.calls.models import Call, ExportJob, Proposal

PROGRESS_EVERY = 2000  # rows between two progress updates of the job


def inline_limit() -> int:
    return settings.CALLS_EXPORT_INLINE_ROWS


def exported_proposals(call: Call) -> QuerySet:
    """The proposals an export includes (sent at least once), oldest first."""
    return call.proposals.filter(status__in=[Proposal.Status.SUBMITTED, Proposal.Status.RETURNED]).order_by("pk")


def proposal_rows(call: Call):
    """The XLSX rows as tuples, streamed in chunks (no model instances, no query per row)."""
    return exported_proposals(call).values_list(*documents.PROPOSAL_COLUMNS).iterator(chunk_size=2000)


@transaction.atomic
def export_request(*, actor, call: Call, rows: int) -> ExportJob:
    """Queues the proposals XLSX of a large call for the worker."""
    if not access.can_manage_call(actor, call):
        raise PermissionDenied
    job = ExportJob.objects.create(call=call, requested_by=actor, rows_total=rows)
    record(actor=actor, action=AuditEntry.Action.EXPORT, obj=call, verb="proposals_export_requested",
           changes={"rows": [None, rows]})
    transaction.on_commit(lambda: write_proposals_export.enqueue(job.pk))
    return job


@task()
def write_proposals_export(job_id: int) -> int:
    """Writes the job's XLSX (flat memory: openpyxl's write-only workbook fed by a chunked iterator), reporting
    progress every PROGRESS_EVERY rows, then notifies the person who asked. Returns the number of rows."""
    from salaklang.notifications.services import notify

    job = ExportJob.objects.select_related("call", "requested_by").get(pk=job_id)
    ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.RUNNING)
    done = 0

    def counted(rows):
        nonlocal done
        for row in rows:
            done += 1
            if done % PROGRESS_EVERY == 0:
                ExportJob.objects.filter(pk=job_id).update(rows_done=done)
            yield row

    try:
        with translation.override("th"):
            out = documents.proposals_xlsx(job.call, counted(proposal_rows(job.call)))
        with out:
            job.file.save(f"call-{job.call_id}-proposals.xlsx", File(out), save=False)
    except Exception:
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED, finished_at=timezone.now())
        raise
    ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.DONE, rows_done=done, rows_total=done,
                                               file=job.file.name, finished_at=timezone.now())
    with translation.override("th"):
        notify(recipients=[job.requested_by], kind="call.export_ready", url=reverse("calls:export", args=[job.pk]),
               title=_("Your export is ready: %(call)s") % {"call": job.call.title}, email=False)
    return done
