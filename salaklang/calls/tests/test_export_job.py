"""Issue 16: a call's proposals XLSX beyond CALLS_EXPORT_INLINE_ROWS is written by the task worker; the person follows
its progress on a page, is notified, and downloads the file there."""

import io
import zipfile

from django.urls import reverse
from openpyxl import load_workbook

from salaklang.calls.models import CallTarget, ExportJob, Proposal
from salaklang.calls.tests.conftest import make_call, pna, tourism  # noqa: F401 — shared fixtures
from salaklang.notifications.models import Notification


def _proposals(call, demo, n):
    target = CallTarget.objects.filter(call=call).first()
    Proposal.objects.bulk_create([Proposal(call=call, target=target, organization=target.organization, status="submitted",
                                           title=f"=ข้อเสนอ {i}", category="service", created_by=demo["pn.strategy"])
                                  for i in range(n)])


def test_a_large_export_is_written_by_the_worker_with_progress_and_a_notification(
        demo, client_as, make_call, settings, django_capture_on_commit_callbacks):  # noqa: F811
    settings.CALLS_EXPORT_INLINE_ROWS = 5
    call = make_call()
    _proposals(call, demo, 7)
    c = client_as("pn.strategy")
    with django_capture_on_commit_callbacks(execute=True):
        response = c.get(reverse("calls:proposals_xlsx", args=[call.pk]))
    job = ExportJob.objects.get(call=call)
    assert response.status_code == 302 and response["Location"] == reverse("calls:export", args=[job.pk])
    assert (job.status, job.rows_total, job.rows_done, job.requested_by) == ("done", 7, 7, demo["pn.strategy"])
    page = c.get(reverse("calls:export", args=[job.pk])).content.decode()
    assert reverse("calls:export_download", args=[job.pk]) in page and 'http-equiv="refresh"' not in page
    note = Notification.objects.get(recipient=demo["pn.strategy"], kind="call.export_ready")
    assert note.url == reverse("calls:export", args=[job.pk])
    data = b"".join(c.get(reverse("calls:export_download", args=[job.pk])).streaming_content)
    ws = load_workbook(io.BytesIO(data)).active
    titles = [row[2] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert len(titles) == 7 and titles[0] == "'=ข้อเสนอ 0"  # formula-looking text stays text
    # somebody who may not manage the call sees neither the page nor the file
    other = client_as("pn.tourism")
    assert other.get(reverse("calls:export", args=[job.pk])).status_code in (403, 404)
    assert other.get(reverse("calls:export_download", args=[job.pk])).status_code in (403, 404)


def test_a_queued_export_shows_its_progress_and_reloads(demo, client_as, make_call, settings):  # noqa: F811
    settings.CALLS_EXPORT_INLINE_ROWS = 5
    call = make_call()
    _proposals(call, demo, 7)
    c = client_as("pn.strategy")
    c.get(reverse("calls:proposals_xlsx", args=[call.pk]))  # on_commit not run: the worker has not started
    job = ExportJob.objects.get(call=call)
    page = c.get(reverse("calls:export", args=[job.pk])).content.decode()
    assert job.status == "queued" and 'http-equiv="refresh"' in page
    assert reverse("calls:export_download", args=[job.pk]) not in page
    assert c.get(reverse("calls:export_download", args=[job.pk])).status_code == 404


def test_a_small_export_is_written_in_the_request(demo, client_as, make_call):  # noqa: F811
    call = make_call()
    _proposals(call, demo, 7)
    response = client_as("pn.strategy").get(reverse("calls:proposals_xlsx", args=[call.pk]))
    assert response.status_code == 200 and not ExportJob.objects.exists()
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert ws.max_row == 8
    # the heading stays in view and each column can be filtered (Excel / LibreOffice)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}8"


def test_a_zip_of_many_pdfs_is_written_by_the_worker(
        demo, client_as, make_call, settings, django_capture_on_commit_callbacks):  # noqa: F811
    """Each PDF takes 70–100 ms: beyond a few the ZIP is not built inside the request."""
    settings.CALLS_ZIP_INLINE_ROWS = 2
    call = make_call()
    _proposals(call, demo, 3)
    c = client_as("pn.strategy")
    with django_capture_on_commit_callbacks(execute=True):
        response = c.get(reverse("calls:proposals_zip", args=[call.pk]))
    job = ExportJob.objects.get(call=call)
    assert response.status_code == 302 and response["Location"] == reverse("calls:export", args=[job.pk])
    assert (job.kind, job.status, job.rows_total, job.rows_done) == ("proposals.zip", "done", 3, 3)
    page = c.get(reverse("calls:export", args=[job.pk])).content.decode()
    assert "ZIP" in page and reverse("calls:export_download", args=[job.pk]) in page
    download = c.get(reverse("calls:export_download", args=[job.pk]))
    assert download["Content-Type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    ids = sorted(Proposal.objects.filter(call=call).values_list("pk", flat=True))
    assert sorted(int(n.rsplit("-", 1)[1].removesuffix(".pdf")) for n in z.namelist()) == ids
    assert all(z.read(n)[:4] == b"%PDF" for n in z.namelist())
    settings.CALLS_ZIP_INLINE_ROWS = 3  # as many as the limit: written in the request, nothing queued
    response = c.get(reverse("calls:proposals_zip", args=[call.pk]))
    assert response.status_code == 200 and ExportJob.objects.filter(call=call).count() == 1


def test_a_call_without_submissions_gets_a_message_not_an_empty_zip(demo, client_as, make_call):  # noqa: F811
    call = make_call()
    c = client_as("pn.strategy")
    response = c.get(reverse("calls:proposals_zip", args=[call.pk]), follow=True)
    assert response.redirect_chain == [(reverse("calls:detail", args=[call.pk]), 302)]
    assert "ยังไม่มีข้อเสนอที่ส่งมาในการเปิดรับนี้" in response.content.decode()
    assert not ExportJob.objects.exists()
