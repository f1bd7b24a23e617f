"""The complaint receipt (ใบรับเรื่องร้องเรียน) as PDF: what the public page shows, nothing personal."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from salaklang.complaints.models import Complaint
from salaklang.core.links import absolute_url
from salaklang.documents.pdf import render_pdf


def receipt_pdf(c: Complaint) -> bytes:
    return render_pdf("complaints/receipt_pdf.html", {
        "c": c, "track_url": absolute_url(reverse("complaints:track", kwargs={"code": c.code})),
        "printed": timezone.localtime(),
    })
