import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from salaklang.audit.models import AuditEntry
from salaklang.complaints.models import Complaint, ComplaintAttachment, ComplaintStat, DataRequest
from salaklang.complaints.services import privacy
from salaklang.core.testing import count_queries, make_user

pytestmark = pytest.mark.django_db
S = Complaint.Status


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (0, 120, 200)).save(out, "PNG")
    return out.getvalue()


def test_agency_adds_after_photo_shown_publicly(client_as, client, submit):
    c = submit()
    r = client_as("pn.tourism").post(reverse("complaints:attach", kwargs={"pk": c.pk}), {
        "kind": "after", "file": SimpleUploadedFile("after.png", png(), content_type="image/png")})
    assert r.status_code == 302
    att = ComplaintAttachment.objects.get(complaint=c)
    assert att.is_public
    client.logout()
    page = client.get(reverse("complaints:track", kwargs={"code": c.code})).content.decode()
    url = reverse("complaints:track_file", kwargs={"code": c.code, "att_pk": att.pk})
    assert url in page
    assert client.get(url).status_code == 200


def test_citizen_evidence_is_not_public(client, submit):
    from salaklang.complaints.uploads import store_upload

    c = submit()

    evidence = store_upload(complaint=c, upload=SimpleUploadedFile("me.png", png(), content_type="image/png"),
                            kind=ComplaintAttachment.Kind.EVIDENCE)
    url = reverse("complaints:track_file", kwargs={"code": c.code, "att_pk": evidence.pk})
    assert client.get(url).status_code == 404


def test_notes_extension_and_status_through_the_case_page(client_as, submit):
    c = submit()
    agency = client_as("pn.tourism")
    detail = reverse("complaints:detail", kwargs={"pk": c.pk})
    assert agency.post(reverse("complaints:note", kwargs={"pk": c.pk}),
                       {"text": "ภายใน: ประสานเทศบาล", "is_public": ""}).status_code == 302
    assert agency.post(reverse("complaints:note", kwargs={"pk": c.pk}),
                       {"text": "รับเรื่องแล้ว จะลงพื้นที่พรุ่งนี้", "is_public": "on"}).status_code == 302
    new_due = (c.resolve_due + dt.timedelta(days=5)).isoformat()
    assert agency.post(reverse("complaints:extend", kwargs={"pk": c.pk}),
                       {"new_due": new_due, "reason": "รอผู้รับเหมา"}).status_code == 302
    r = agency.post(reverse("complaints:transition", kwargs={"pk": c.pk}), {"status": "not_resolved"})
    assert r.status_code == 400  # a reason is required
    assert agency.post(reverse("complaints:transition", kwargs={"pk": c.pk}),
                       {"status": "resolved", "reason": "เก็บขยะแล้ว"}).status_code == 302
    c.refresh_from_db()
    assert c.status == S.RESOLVED and c.extension_count == 1 and c.acknowledged_at is not None
    assert agency.get(detail).status_code == 200
    public = agency.get(reverse("complaints:track", kwargs={"code": c.code})).content.decode()
    assert "จะลงพื้นที่พรุ่งนี้" in public and "ประสานเทศบาล" not in public


def test_centre_handles_a_data_request(client_as, client, submit):
    c = submit(contact_name="สมหญิง ใจงาม")
    client.post(reverse("complaints:track_data_request", kwargs={"code": c.code}),
                {"kind": "access", "email": "citizen@example.test"})
    req = DataRequest.objects.get()
    centre = client_as("pn.damrongdhama")
    page = centre.get(reverse("complaints:data_requests"))
    assert c.code in page.content.decode()
    r = centre.get(reverse("complaints:data_request", kwargs={"pk": req.pk}))
    assert "สมหญิง ใจงาม" in r.content.decode()
    assert AuditEntry.objects.filter(verb="complaint_personal_data_request").exists()
    r = centre.post(reverse("complaints:data_request", kwargs={"pk": req.pk}),
                    {"status": "handled", "response": "แนบสำเนาข้อมูลแล้ว"})
    assert r.status_code == 302
    req.refresh_from_db()
    assert req.status == "handled" and req.handled_by.username == "pn.damrongdhama"
    assert client_as("pn.tourism").get(reverse("complaints:data_request", kwargs={"pk": req.pk})).status_code == 404


def test_data_request_list_query_count_constant(client_as, submit):
    c = submit()
    privacy.data_request_create(complaint=c, kind="access", email="citizen@example.test")
    centre = client_as("pn.damrongdhama")
    with count_queries() as one:
        centre.get(reverse("complaints:data_requests"))
    for _ in range(6):
        privacy.data_request_create(complaint=submit(), kind="deletion", email="citizen@example.test")
    with count_queries() as many:
        centre.get(reverse("complaints:data_requests"))
    assert len(one.captured_queries) == len(many.captured_queries)


def test_my_complaints_lists_only_mine(client_as, submit, demo):
    citizen = make_user("citizen.mine", kind="citizen")
    mine = submit(user=citizen, subject="เรื่องของฉัน")
    submit(subject="เรื่องของคนอื่น")
    body = client_as("citizen.mine").get(reverse("complaints:mine")).content.decode()
    assert mine.code in body and "เรื่องของคนอื่น" not in body
    assert client_as("citizen.mine").get(reverse("complaints:inbox")).status_code == 404


def test_dashboard_panel_for_staff(client_as, submit):
    c = submit()
    Complaint.objects.filter(pk=c.pk).update(resolve_due=timezone.localdate() - dt.timedelta(days=1))
    body = client_as("pn.tourism").get(reverse("core:dashboard")).content.decode()
    assert "complaints-panel" in body and reverse("complaints:inbox") in body
    assert reverse("complaints:inbox") + "?overdue=on" in body  # the overdue complaint is counted


def test_rebuild_command(submit):
    submit()
    ComplaintStat.objects.all().delete()
    call_command("complaints_rebuild_stats")
    assert ComplaintStat.objects.filter(province_id__gt=0, category_id__gt=0).count() == 1


def test_receipt_pdf_has_the_code_and_no_contact(client, submit):
    from salaklang.documents.pdf import pdf_text

    c = submit(contact_name="สมหญิง ใจงาม", contact_phone="0812345678")
    r = client.get(reverse("complaints:track_receipt", kwargs={"code": c.code}))
    assert r.status_code == 200 and r.content[:4] == b"%PDF"
    text = pdf_text(r.content)
    assert c.code in text and "0812345678" not in text and "citizen@example.test" not in text


def test_centre_sets_routes_and_new_complaints_follow(client_as, submit, health):
    from salaklang.complaints.models import Category, CategoryRoute

    roads = Category.objects.get(code="roads")
    centre = client_as("pn.damrongdhama")
    page = centre.get(reverse("complaints:routes"))
    assert page.status_code == 200
    r = centre.post(reverse("complaints:routes"), {f"route-{roads.pk}": str(health.pk),
                                                   **{f"route-{c.pk}": str(o) for c, o in [
                                                       (r.category, r.organization_id) for r in
                                                       CategoryRoute.objects.select_related("category")]}})
    assert r.status_code == 302
    assert CategoryRoute.objects.get(category=roads).organization == health
    assert submit(category="roads").agency == health
    assert AuditEntry.objects.filter(verb="complaint_route_changed").count() == 1
    assert client_as("pn.tourism").get(reverse("complaints:routes")).status_code == 404
    other = make_user("x.route", roles=[])
    assert client_as(other.username).get(reverse("complaints:routes")).status_code == 404


def test_routes_refuse_another_provinces_office(client_as, routes):
    from salaklang.complaints.models import Category
    from salaklang.organizations.models import Organization

    roads = Category.objects.get(code="roads")
    cri = Organization.objects.get(code="CRI-TOUR")
    r = client_as("pn.damrongdhama").post(reverse("complaints:routes"), {f"route-{roads.pk}": str(cri.pk)})
    assert r.status_code == 200 and not roads.routes.exists()


def test_my_complaints_query_count_constant(client_as, submit):
    citizen = make_user("citizen.count", kind="citizen")
    submit(user=citizen)
    client = client_as("citizen.count")
    with count_queries() as one:
        client.get(reverse("complaints:mine"))
    for _ in range(8):
        submit(user=citizen, category="health")
    with count_queries() as many:
        r = client.get(reverse("complaints:mine"))
    assert r.content.decode().count("/complaints/track/") >= 9
    assert len(one.captured_queries) == len(many.captured_queries)
