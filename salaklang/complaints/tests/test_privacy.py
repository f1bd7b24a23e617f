"""Issue 10, points 1, 2, 3 and 7: anonymous stays anonymous in the audit trail, internal text never reaches the
public timeline, a tracking code is not a key, and a rejected filing leaves no file on disk."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from salaklang.audit.models import AuditEntry
from salaklang.complaints.models import Category, Complaint, ComplaintEvent
from salaklang.complaints.services import handling, privacy, routing
from salaklang.organizations.models import Organization

pytestmark = pytest.mark.django_db
IP = "203.0.113.77"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _file_anonymously(client, *, anonymous=True, email=""):
    data = {"subject": "ไฟถนนดับ", "description": "ไฟถนนหน้าโรงเรียนดับมาหนึ่งสัปดาห์",
            "category": Category.objects.get(code="tourism").pk, "province": Organization.objects.get(code="PNA").pk,
            "contact_email": email}
    if anonymous:
        data["anonymous"] = "on"
    r = client.post(reverse("complaints:new"), data, REMOTE_ADDR=IP)
    assert r.status_code == 302, r.content.decode()[:2000]
    return Complaint.objects.order_by("-pk").first()


# --- 1. the audit trail of an anonymous filing --------------------------------------------------------
def test_anonymous_filing_by_a_signed_in_citizen_is_anonymous_on_every_audit_surface(client, client_as, routes,
                                                                                     demo):
    citizen = client_as("citizen")
    c = _file_anonymously(citizen)
    assert c.is_anonymous and c.user_id is None
    client.logout()
    strategy = client_as("pn.strategy")
    html = strategy.get(reverse("audit:log"), {"object_type": "complaints.complaint"}).content.decode()
    csv_body = b"".join(strategy.get(reverse("audit:export_csv")).streaming_content).decode()
    api = strategy.get("/api/v1/audit/", {"object_type": "complaints.complaint"}).json()
    assert c.code in html  # the entry is there…
    for body in (html, csv_body, json.dumps(api, ensure_ascii=False)):
        assert "citizen" not in body.replace("citizen@", "")  # …but not who filed it
        assert "สมใจ" not in body and IP not in body
    row = next(r for r in api["results"] if r["object_id"] == str(c.pk))
    assert row["actor"] is None and row["ip_address"] is None and row["sealed"] is True


def test_sealed_identity_is_shown_to_the_complaint_centre_and_that_view_is_audited(client, client_as, routes,
                                                                                   demo):
    c = _file_anonymously(client, anonymous=True)
    centre = client_as("pn.damrongdhama")
    api = centre.get("/api/v1/audit/", {"object_type": "complaints.complaint", "object_id": str(c.pk)})
    # The centre handles complainants' personal data; it is not an audit-trail reader otherwise.
    if api.status_code == 200:
        row = api.json()["results"][0]
        assert row["ip_address"] == IP
    from salaklang.audit.models import SealedIdentity

    sealed = SealedIdentity.objects.get(entry__object_id=str(c.pk), entry__verb="complaint_submitted")
    assert sealed.ip_address == IP
    assert AuditEntry.objects.get(pk=sealed.entry_id).ip_address is None
    from salaklang.audit.access import unseal

    admin = demo["admin"]
    before = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_PERSONAL).count()
    shown = unseal(admin, [AuditEntry.objects.get(pk=sealed.entry_id)])
    assert shown[sealed.entry_id]["ip_address"] == IP
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_PERSONAL).count() == before + 1
    assert unseal(demo["pn.strategy"], [AuditEntry.objects.get(pk=sealed.entry_id)]) == {}


def test_personal_data_request_keeps_no_readable_address(client, client_as, routes, demo):
    c = _file_anonymously(client, anonymous=False, email="someone@example.test")
    cookie = client.cookies  # the filer's browser holds the key
    r = client.post(reverse("complaints:track_data_request", kwargs={"code": c.code}),
                    {"kind": "access", "email": "someone@example.test"}, REMOTE_ADDR=IP)
    assert r.status_code == 302 and cookie
    entries = AuditEntry.objects.filter(ip_address=IP)
    assert not entries.exists()
    csv_body = b"".join(client_as("pn.strategy").get(reverse("audit:export_csv")).streaming_content).decode()
    assert IP not in csv_body


# --- 2. internal text never reaches the public timeline ----------------------------------------------------
SECRETS = {
    "assign": "ASSIGN-NOTE-TO-AGENCY-7781",
    "split": "SPLIT-NOTE-INTERNAL-6621",
    "merge": "MERGE-NOTE-INTERNAL-5512",
    "note": "INTERNAL-NOTE-4431",
    "anonymise": "ANON-REASON-INTERNAL",
}


def test_every_event_kind_is_declared_public_or_internal():
    kinds = set(ComplaintEvent.Kind.values)
    assert kinds == ComplaintEvent.PUBLIC_KINDS | ComplaintEvent.INTERNAL_KINDS
    assert not ComplaintEvent.PUBLIC_KINDS & ComplaintEvent.INTERNAL_KINDS


def _public_surfaces(client, c: Complaint) -> str:
    page = client.get(reverse("complaints:track", kwargs={"code": c.code}))
    assert page.status_code == 200
    o311 = client.get(f"/open311/v2/requests/{c.code}.json")
    assert o311.status_code == 200
    o311_xml = client.get(f"/open311/v2/requests/{c.code}.xml")
    return page.content.decode() + o311.content.decode() + o311_xml.content.decode()


def test_no_internal_text_after_any_staff_action(client, demo, submit, pna, tourism, health):
    centre, agency = demo["pn.damrongdhama"], demo["pn.tourism"]
    c = submit(category="tourism")
    other = submit(category="tourism")
    dup = submit(category="tourism")
    to_split = submit(category="tourism")

    def check(*complaints):
        for x in complaints:
            body = _public_surfaces(client, Complaint.objects.get(pk=x.pk))
            for secret in SECRETS.values():
                assert secret not in body, secret

    routing.complaint_assign(complaint=c, actor=centre, organization=health, note=SECRETS["assign"])
    check(c)
    routing.complaint_assign(complaint=c, actor=centre, organization=tourism, note=SECRETS["assign"])
    check(c)
    handling.complaint_note(complaint=c, actor=agency, text=SECRETS["note"], is_public=False)
    handling.complaint_note(complaint=c, actor=agency, text="PUBLIC-NOTE-OK", is_public=True)
    check(c)
    assert "PUBLIC-NOTE-OK" in _public_surfaces(client, c)  # public notes do show
    handling.complaint_extend(complaint=c, actor=agency, new_due=c.resolve_due + dt.timedelta(days=9),
                              reason="รอผู้รับเหมา")
    handling.complaint_transition(complaint=c, actor=agency, status=Complaint.Status.IN_PROGRESS)
    check(c)
    children = routing.complaint_split(complaint=to_split, actor=centre, organizations=[tourism, health],
                                        note=SECRETS["split"])
    check(to_split, *children)
    routing.complaint_merge(complaint=dup, actor=centre, into=other, note=SECRETS["merge"])
    check(dup, other)
    handling.escalate_overdue(today=timezone.localdate() + dt.timedelta(days=60))
    check(c, other)
    handling.complaint_transition(complaint=c, actor=agency, status=Complaint.Status.RESOLVED, reason="ซ่อมแล้ว")
    check(c)
    req = privacy.data_request_create(complaint=other, kind="deletion", email="citizen@example.test")
    privacy.data_request_handle(data_request=req, actor=centre, status="handled", response="ลบแล้ว")
    check(other)
    # …and the staff still read them on the case page.
    events = ComplaintEvent.objects.filter(complaint=c, is_public=False).values_list("text", flat=True)
    assert SECRETS["assign"] in events and SECRETS["note"] in events


# --- 3. a tracking code is not a key --------------------------------------------------------------------------
def _closed(submit, demo, **kw) -> Complaint:
    c = submit(**kw)
    return handling.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=Complaint.Status.RESOLVED,
                                         reason="เก็บขยะแล้ว")


def test_a_stranger_with_the_code_cannot_reopen_or_rate(client, submit, demo):
    c = _closed(submit, demo)
    listed = client.get("/open311/v2/requests.json", {"jurisdiction_id": "PNA", "status": "closed"}).json()
    assert c.code in {r["service_request_id"] for r in listed}
    r = client.post(reverse("complaints:track_reopen", kwargs={"code": c.code}), {"reason": "ยังไม่เรียบร้อย"})
    assert r.status_code == 403
    r = client.post(reverse("complaints:track_rate", kwargs={"code": c.code}), {"rating": "1"})
    assert r.status_code == 403
    c.refresh_from_db()
    assert c.status == Complaint.Status.RESOLVED and c.rating is None and c.reopen_count == 0
    # Reading the status by code stays public.
    assert client.get(reverse("complaints:track", kwargs={"code": c.code})).status_code == 200


def test_the_filer_acts_with_the_private_link_from_the_receipt(client, submit, demo,
                                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        c = _closed(submit, demo)
    receipt = next(m for m in mail.outbox if c.code in m.subject)
    link = re.search(r"https?://\S+/complaints/track/\S+\?key=(\S+)", receipt.body)
    assert link, receipt.body
    key = link.group(1)
    assert key not in json.dumps(list(Complaint.objects.filter(pk=c.pk).values()), default=str)  # not at rest
    wrong = client.get(reverse("complaints:track", kwargs={"code": c.code}), {"key": "x" + key[1:]})
    assert wrong.status_code == 200
    assert client.post(reverse("complaints:track_rate", kwargs={"code": c.code}), {"rating": "4"}).status_code == 403
    r = client.get(reverse("complaints:track", kwargs={"code": c.code}), {"key": key})
    assert r.status_code == 302 and "key=" not in r["Location"]
    assert client.post(reverse("complaints:track_rate", kwargs={"code": c.code}), {"rating": "4"}).status_code == 302
    r = client.post(reverse("complaints:track_reopen", kwargs={"code": c.code}), {"reason": "ยังมีขยะ"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.rating == 4 and c.reopen_count == 1


def test_the_browser_that_filed_holds_the_key_and_the_receipt_explains_it(client, routes):
    c = _file_anonymously(client, anonymous=True)
    page = client.get(reverse("complaints:track", kwargs={"code": c.code}))
    text = page.content.decode()
    assert "?key=" in text and 'data-testid="private-link"' in text  # shown once, to keep
    assert '?key=' not in client.get(reverse("complaints:track", kwargs={"code": c.code})).content.decode()


def test_the_signed_in_filer_needs_no_key(client_as, submit, demo):
    c = _closed(submit, demo, user=demo["citizen"])
    owner = client_as("citizen")
    assert owner.post(reverse("complaints:track_rate", kwargs={"code": c.code}), {"rating": "5"}).status_code == 302


# --- 7. nothing half-written on disk ---------------------------------------------------------------------
def test_rejected_staff_filing_leaves_no_file(client_as, routes, settings):
    centre = client_as("pn.damrongdhama")
    media = settings.MEDIA_ROOT

    def files():
        return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []

    before = files()
    good = SimpleUploadedFile("ok.png", png(), content_type="image/png")
    bad = SimpleUploadedFile("bad.pdf", b"PK\x03\x04" + b"\0" * 200, content_type="application/pdf")
    r = centre.post(reverse("complaints:staff_new"), {
        "subject": "ถนนชำรุด", "description": "หลุมบ่อขนาดใหญ่", "channel": "phone",
        "category": Category.objects.get(code="tourism").pk, "province": Organization.objects.get(code="PNA").pk,
        "files": [good, bad]})
    assert r.status_code == 400
    assert not Complaint.objects.exists()
    assert files() == before
