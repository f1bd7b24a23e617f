"""Exports of a call too large for a request (issue 16): the proposals XLSX of more than ``CALLS_EXPORT_INLINE_ROWS``
rows, and the ZIP of proposal PDFs beyond ``CALLS_ZIP_INLINE_ROWS`` (each PDF takes 70–100 ms to render: 10,000 of them are
a quarter of an hour), are written by the task worker (``manage.py run_worker``), which reports its progress on the
job's page and notifies the person when the file is ready."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

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
ZIP_PROGRESS_EVERY = 20  # PDFs between two progress updates of a ZIP job
CONTENT_TYPES = {"proposals.xlsx": documents.XLSX, "proposals.zip": "application/zip"}


def inline_limit(kind: str = "proposals.xlsx") -> int:
    if kind == "proposals.zip":
        return settings.CALLS_ZIP_INLINE_ROWS
    return settings.CALLS_EXPORT_INLINE_ROWS


def exported_proposals(call: Call) -> QuerySet:
    """The proposals an export includes (sent at least once), oldest first."""
    return call.proposals.filter(status__in=[Proposal.Status.SUBMITTED, Proposal.Status.RETURNED]).order_by("pk")


def proposal_rows(call: Call):
    """The XLSX rows as tuples, streamed in chunks (no model instances, no query per row)."""
    return exported_proposals(call).values_list(*documents.PROPOSAL_COLUMNS).iterator(chunk_size=2000)


def proposals_for_pdf(call: Call):
    """The exported proposals as the PDFs need them (their organization, call, issuer and plan links), streamed."""
    return (exported_proposals(call).select_related("organization", "call__issuer", "national_strategy",
                                                    "provincial_plan").iterator(chunk_size=200))


def write_zip(call: Call, proposals, out) -> None:
    """One PDF per proposal into the ZIP ``out`` (a file), one at a time: flat memory."""
    import zipfile

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in proposals:
            zf.writestr(f"{p.organization.code}-{p.pk}.pdf", documents.proposal_pdf(p))


@transaction.atomic
def export_request(*, actor, call: Call, rows: int, kind: str = "proposals.xlsx") -> ExportJob:
    """Queues an export of a large call for the worker: the proposals XLSX or the ZIP of their PDFs."""
    if not access.can_manage_call(actor, call):
        raise PermissionDenied
    if kind not in CONTENT_TYPES:
        raise ValueError(kind)
    job = ExportJob.objects.create(call=call, requested_by=actor, rows_total=rows, kind=kind)
    record(actor=actor, action=AuditEntry.Action.EXPORT, obj=call, verb="proposals_export_requested",
           changes={"rows": [None, rows], "kind": [None, kind]})
    writer = write_proposals_zip if kind == "proposals.zip" else write_proposals_export
    transaction.on_commit(lambda: writer.enqueue(job.pk))
    return job


def _finish(job: ExportJob, done: int) -> None:
    from salaklang.notifications.services import notify

    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.DONE, rows_done=done, rows_total=done,
                                               file=job.file.name, finished_at=timezone.now())
    with translation.override("th"):
        notify(recipients=[job.requested_by], kind="call.export_ready", url=reverse("calls:export", args=[job.pk]),
               title=_("Your export is ready: %(call)s") % {"call": job.call.title}, email=False)


def _run_export(job_id: int, every: int, write: Callable[[ExportJob, Callable[[Iterable], Iterator]], None]) -> int:
    """Runs one export job: marks it running, lets ``write(job, counted)`` write the file (``counted`` wraps the
    rows and reports progress every ``every`` rows), marks it failed on an error, else done and notifies."""
    job = ExportJob.objects.select_related("call", "requested_by").get(pk=job_id)
    ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.RUNNING)
    done = 0

    def counted(rows: Iterable) -> Iterator:
        nonlocal done
        for row in rows:
            yield row
            done += 1
            if done % every == 0:
                ExportJob.objects.filter(pk=job_id).update(rows_done=done)

    try:
        write(job, counted)
    except Exception:
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED, finished_at=timezone.now())
        raise
    _finish(job, done)
    return done


@task()
def write_proposals_zip(job_id: int) -> int:
    """Writes the job's ZIP of proposal PDFs into a temporary file (one PDF at a time), reporting progress every
    ZIP_PROGRESS_EVERY PDFs, then notifies the person who asked. Returns the number of PDFs."""
    import tempfile

    def write(job: ExportJob, counted) -> None:
        with tempfile.TemporaryFile() as out, translation.override("th"):
            write_zip(job.call, counted(proposals_for_pdf(job.call)), out)
            out.seek(0)
            job.file.save(f"call-{job.call_id}-proposals.zip", File(out), save=False)

    return _run_export(job_id, ZIP_PROGRESS_EVERY, write)


@task()
def write_proposals_export(job_id: int) -> int:
    """Writes the job's XLSX (flat memory: openpyxl's write-only workbook fed by a chunked iterator), reporting
    progress every PROGRESS_EVERY rows, then notifies the person who asked. Returns the number of rows."""

    def write(job: ExportJob, counted) -> None:
        with translation.override("th"):
            out = documents.proposals_xlsx(job.call, counted(proposal_rows(job.call)))
        with out:
            job.file.save(f"call-{job.call_id}-proposals.xlsx", File(out), save=False)

    return _run_export(job_id, PROGRESS_EVERY, write)
