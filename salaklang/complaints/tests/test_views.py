import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from salaklang.audit.models import AuditEntry
from salaklang.complaints.models import Category, Complaint, ComplaintAttachment
from salaklang.complaints.services import common
from salaklang.complaints.services import handling as handling_services
from salaklang.core.testing import count_queries, make_org, make_province, make_user
from salaklang.organizations.models import Organization, Role

pytestmark = pytest.mark.django_db
S = Complaint.Status


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def form_data(**kw):
    data = {"subject": "ไฟถนนดับ", "description": "ไฟถนนหน้าโรงเรียนดับมาหนึ่งสัปดาห์",
            "category": Category.objects.get(code="tourism").pk, "province": Organization.objects.get(code="PNA").pk,
            "district": Organization.objects.get(code="PNA-D-THAIMUEANG").pk, "subdistrict": "ท้ายเหมือง",
            "contact_email": "citizen@example.test"}
    data.update(kw)
    return data


def strip_tokens(response) -> str:
    body = response.content.decode().replace(response.wsgi_request.path, "")
    return re.sub(r'("X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', "", body)


def jpeg_bytes(size=(64, 48), gps=True) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    if gps:
        exif[0x8825] = {1: "N", 2: (8.0, 27.0, 0.0), 3: "E", 4: (98.0, 31.0, 0.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


# --- filing ---------------------------------------------------------------------------------------
def test_anonymous_citizen_files_and_sees_code(client, routes):
    r = client.get(reverse("complaints:new"))
    assert r.status_code == 200
    r = client.post(reverse("complaints:new"), form_data(contact_email="", anonymous="on"))
    assert r.status_code == 302
    c = Complaint.objects.get()
    assert r["Location"] == reverse("complaints:track", kwargs={"code": c.code})
    assert c.is_anonymous and c.channel == "web" and c.district.code == "PNA-D-THAIMUEANG"
    page = client.get(r["Location"])
    assert c.code in page.content.decode()


def test_contact_or_anonymous_required(client, routes):
    r = client.post(reverse("complaints:new"), form_data(contact_email=""))
    assert r.status_code == 400 and not Complaint.objects.exists()


def test_html_is_shown_as_text(client, routes):
    client.post(reverse("complaints:new"), form_data(subject="<script>alert(1)</script><b>x</b>"))
    c = Complaint.objects.get()
    body = client.get(reverse("complaints:track", kwargs={"code": c.code})).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_outside_thailand_refused_with_message(client, routes):
    r = client.post(reverse("complaints:new"), form_data(latitude="35.68", longitude="139.69"))
    assert r.status_code == 400 and not Complaint.objects.exists()
    assert "5.5" in r.content.decode()


def test_photo_is_reencoded_and_gps_stripped(client, routes):
    upload = SimpleUploadedFile("beach.jpg", jpeg_bytes(), content_type="image/jpeg")
    r = client.post(reverse("complaints:new"), {**form_data(), "files": [upload]})
    assert r.status_code == 302
    att = ComplaintAttachment.objects.get()
    with Image.open(att.file.path) as img:
        exif = img.getexif()
        assert 0x8825 not in exif and 0x010F not in exif


def test_photo_keeps_gps_when_point_shared(client, routes):
    upload = SimpleUploadedFile("beach.jpg", jpeg_bytes(), content_type="image/jpeg")
    client.post(reverse("complaints:new"), {**form_data(latitude="8.45", longitude="98.52", share_point="on"),
                                            "files": [upload]})
    with Image.open(ComplaintAttachment.objects.get().file.path) as img:
        assert 0x8825 in img.getexif()


def test_not_an_image_refused(client, routes):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is an executable, not a photo" * 10,
                              content_type="image/jpeg")
    r = client.post(reverse("complaints:new"), {**form_data(), "files": [fake]})
    assert r.status_code == 400 and not Complaint.objects.exists()


def test_huge_photo_refused(client, routes):
    out = io.BytesIO()
    Image.new("L", (9000, 6000)).save(out, "PNG")  # 54 megapixels, small file
    big = SimpleUploadedFile("big.png", out.getvalue(), content_type="image/png")
    r = client.post(reverse("complaints:new"), {**form_data(), "files": [big]})
    assert r.status_code == 400 and not Complaint.objects.exists()
    assert "9000" in r.content.decode()


@override_settings(COMPLAINTS_MAX_UPLOAD_BYTES=1024)
def test_oversized_file_refused(client, routes):
    big = SimpleUploadedFile("big.jpg", jpeg_bytes((400, 400)), content_type="image/jpeg")
    r = client.post(reverse("complaints:new"), {**form_data(), "files": [big]})
    assert r.status_code == 400 and not Complaint.objects.exists()


@override_settings(COMPLAINTS_SUBMIT_RATE="2/h")
def test_flood_is_rate_limited(client, routes):
    codes = [client.post(reverse("complaints:new"), form_data()).status_code for _ in range(4)]
    assert codes == [302, 302, 429, 429]
    assert Complaint.objects.count() == 2
    r = client.post(reverse("complaints:new"), form_data())
    assert "1567" in r.content.decode()


# --- tracking -------------------------------------------------------------------------------------
def test_tracking_shows_no_personal_data(client, submit):
    c = submit(contact_name="นายลับ เฉพาะ", contact_phone="0899999999", address="บ้านเลขที่ 99/1",
               latitude="8.45", longitude="98.52")
    body = client.get(reverse("complaints:track", kwargs={"code": c.code})).content.decode()
    for secret in ("นายลับ", "0899999999", "citizen@example.test", "99/1", "8.45", c.description):
        assert secret not in body
    lower = client.get(reverse("complaints:track", kwargs={"code": c.code.lower()}))
    assert lower.status_code == 200


def test_guessed_code_reveals_nothing(client, submit):
    c = submit()
    guessed = c.code[:-1] + ("A" if c.code[-1] != "A" else "B")
    r1 = client.get(reverse("complaints:track", kwargs={"code": guessed}))
    r2 = client.get(reverse("complaints:track", kwargs={"code": "nonsense"}))
    assert r1.status_code == r2.status_code == 404
    assert strip_tokens(r1) == strip_tokens(r2)


@override_settings(COMPLAINTS_TRACK_MISS_RATE="3/m")
def test_guessing_codes_is_rate_limited(client, submit):
    c = submit()
    known = reverse("complaints:track", kwargs={"code": c.code})
    assert [client.get(known).status_code for _ in range(5)] == [200] * 5  # citizens following: not counted
    guesses = [client.get(reverse("complaints:track", kwargs={"code": f"PNA-6912-AAAA-AAA{i}"})).status_code
               for i in range(4)]
    assert guesses == [404, 404, 404, 429]
    assert client.get(known).status_code == 429  # once limited, a hit looks like a miss
    lookup = client.get(reverse("complaints:track_lookup"), {"code": c.code})
    assert lookup.status_code == 429


def test_citizen_rates_once_and_reopens(client, submit, demo):
    c = submit()
    handling_services.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=S.RESOLVED)
    url = reverse("complaints:track_rate", kwargs={"code": c.code})
    # The filer opens the private link of the receipt (the code alone is not enough: test_privacy.py).
    client.get(reverse("complaints:track", kwargs={"code": c.code}), {"key": common.action_key(c)})
    assert client.post(url, {"rating": "5"}).status_code == 302
    assert client.post(url, {"rating": "1"}).status_code == 400
    c.refresh_from_db()
    assert c.rating == 5
    r = client.post(reverse("complaints:track_reopen", kwargs={"code": c.code}), {"reason": "ยังไม่เรียบร้อย"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.status == S.ASSIGNED and c.reopen_count == 1


def test_data_request_needs_matching_email(client, submit):
    c = submit()
    url = reverse("complaints:track_data_request", kwargs={"code": c.code})
    assert client.post(url, {"kind": "access", "email": "other@example.test"}).status_code == 400
    assert client.post(url, {"kind": "access", "email": "Citizen@example.test"}).status_code == 302
    assert c.data_requests.count() == 1


# --- staff: permission matrix ------------------------------------------------------------------------
@pytest.fixture
def other_province_officer(db):
    province = make_province(code="XPR")
    unit = make_org(Organization.Kind.UNIT, parent=province)
    return make_user("x.centre", roles=[(unit, Role.COMPLAINT_OFFICER)])


@pytest.mark.parametrize(("who", "status"), [
    ("pn.damrongdhama", 200),   # the centre of the province
    ("pn.tourism", 200),        # the assigned agency's coordinator
    ("pn.tourism.head", 200),   # the assigned agency's head
    ("pn.health", 404),         # another agency of the same province
    ("x.centre", 404),          # the centre of another province
    ("pn.strategy", 404),       # provincial admin, not handling complaints
    ("citizen", 404),           # a signed-in citizen
])
def test_detail_permission_matrix(client_as, submit, other_province_officer, who, status):
    if who == "citizen":
        make_user("citizen.test", kind="citizen")
        who = "citizen.test"
    c = submit()
    r = client_as(who).get(reverse("complaints:detail", kwargs={"pk": c.pk}))
    assert r.status_code == status
    if status == 200:
        assert "citizen@example.test" in r.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client, submit):
    c = submit()
    r = client.get(reverse("complaints:detail", kwargs={"pk": c.pk}))
    assert r.status_code == 302 and "login" in r["Location"]


def test_viewing_identity_is_audited(client_as, submit):
    c = submit(contact_name="สมหญิง")
    client_as("pn.tourism").get(reverse("complaints:detail", kwargs={"pk": c.pk}))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW_PERSONAL, object_id=str(c.pk)).count() == 1


def test_agency_cannot_route(client_as, submit, health):
    c = submit()
    r = client_as("pn.tourism").post(reverse("complaints:assign", kwargs={"pk": c.pk}),
                                     {"organization": health.pk})
    assert r.status_code == 403


def test_centre_routes_splits_merges_via_views(client_as, submit, health, tourism):
    a, b, c = submit(category="roads"), submit(), submit()
    centre = client_as("pn.damrongdhama")
    r = centre.post(reverse("complaints:assign", kwargs={"pk": a.pk}), {"organization": health.pk})
    assert r.status_code == 302
    r = centre.post(reverse("complaints:merge", kwargs={"pk": c.pk}), {"into": b.code.lower()})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.merged_into_id == b.pk
    r = centre.post(reverse("complaints:split", kwargs={"pk": b.pk}), {"organizations": [health.pk, tourism.pk]})
    assert r.status_code == 302 and b.children.count() == 2


def test_staff_intake_records_channel(client_as, routes):
    data = form_data(channel="hotline_1567", external_ref="1567-000123", contact_phone="0811111111",
                     received_on=(dt.date.today() - dt.timedelta(days=1)).isoformat())
    r = client_as("pn.damrongdhama").post(reverse("complaints:staff_new"), data)
    assert r.status_code == 302
    c = Complaint.objects.get()
    assert c.channel == "hotline_1567" and c.entered_by.username == "pn.damrongdhama"
    assert client_as("pn.tourism").get(reverse("complaints:staff_new")).status_code == 404


# --- query counts --------------------------------------------------------------------------------------
def _queries(client, url) -> int:
    with count_queries() as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_query_count_constant(client_as, submit):
    submit()
    client = client_as("pn.tourism")
    one = _queries(client, reverse("complaints:inbox"))
    for _ in range(12):
        submit(district=Organization.objects.get(code="PNA-D-TAKUAPA"))
    assert _queries(client, reverse("complaints:inbox")) == one
    centre = client_as("pn.damrongdhama")
    r = centre.get(reverse("complaints:inbox") + "?status=all&category=" + str(Category.objects.get(code="tourism").pk))
    assert r.content.decode().count("data-code=") == 13


def test_dashboard_query_count_constant_and_no_complaint_scan(client, submit, demo):
    c = submit()
    handling_services.complaint_transition(complaint=c, actor=demo["pn.tourism"], status=S.RESOLVED)
    national = _queries(client, reverse("complaints:dashboard"))
    province = _queries(client, reverse("complaints:dashboard") + "?province=PNA")
    for cat in ("roads", "health", "tourism", "waste"):
        for _ in range(3):
            submit(category=cat, district=Organization.objects.get(code="PNA-D-KURABURI"))
    with count_queries() as ctx:
        r = client.get(reverse("complaints:dashboard") + "?province=PNA")
    assert r.status_code == 200 and len(ctx.captured_queries) == province
    assert not any('"complaints_complaint"' in q["sql"] for q in ctx.captured_queries)
    assert _queries(client, reverse("complaints:dashboard")) == national


def test_open_data_has_counts_not_people(client, submit):
    submit(contact_name="สมหญิง", contact_phone="0812345678")
    r = client.get(reverse("complaints:open_data", kwargs={"fmt": "csv"}))
    body = r.content.decode("utf-8-sig")
    assert r.status_code == 200 and "tourism" in body and "สมหญิง" not in body and "0812345678" not in body
    data = client.get(reverse("complaints:open_data", kwargs={"fmt": "json"})).json()
    assert sum(row["count"] for row in data["rows"]) == 1
    assert client.get(reverse("complaints:open_data", kwargs={"fmt": "xml"})).status_code == 404


def test_pages_render_in_english(client, client_as, submit, settings):
    c = submit()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for url in (reverse("complaints:new"), reverse("complaints:track", kwargs={"code": c.code}),
                reverse("complaints:dashboard"), reverse("complaints:track_lookup")):
        r = client.get(url)
        assert r.status_code == 200 and 'lang="en"' in r.content.decode()
    staff = client_as("pn.damrongdhama")
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = staff.get(reverse("complaints:detail", kwargs={"pk": c.pk})).content.decode()
    assert "Routing (Damrongdhama centre)" in body


def test_centre_filters_by_organization(client_as, submit, health):
    submit()
    submit(category="health")
    r = client_as("pn.damrongdhama").get(reverse("complaints:inbox"), {"agency": health.pk})
    assert r.content.decode().count("data-code=") == 1
    assert "agency" not in client_as("pn.tourism").get(reverse("complaints:inbox")).context["form"].fields


def test_signed_in_complainant_asks_for_data_with_account_email(client_as, submit):
    citizen = make_user("citizen.data", kind="citizen", email="me@example.test")
    c = submit(user=citizen, contact_email="")
    client = client_as("citizen.data")
    assert "my-data" in client.get(reverse("complaints:track", kwargs={"code": c.code})).content.decode()
    r = client.post(reverse("complaints:track_data_request", kwargs={"code": c.code}),
                    {"kind": "deletion", "email": "me@example.test"})
    assert r.status_code == 302 and c.data_requests.get().requester == citizen


# The national bench's sqlite_stat1 rows (2,000,000 complaints, 17 categories, 2,785 organizations): with them
# SQLite planned the joined page query from the category table and sorted the whole province.
BENCH_STAT1 = [
    ("complaints_complaint", "cmp_province_category", "2000320 25979 1529 1"),
    ("complaints_complaint", "cmp_province_recent", "2000320 25979 1"),
    ("complaints_complaint", "cmp_province_status", "2000320 25979 5196 1"),
    ("complaints_complaint", "cmp_province_due", "2000320 25979 52"),
    ("complaints_complaint", "complaints_complaint_province_id_990dbc60", "2000320 25979"),
    ("complaints_complaint", "complaints_complaint_category_id_9eb66f7d", "2000320 117666"),
    ("complaints_category", "sqlite_autoindex_complaints_category_1", "17 1"),
    ("organizations_organization", "sqlite_autoindex_organizations_organization_1", "2785 1"),
]


def test_inbox_page_is_read_from_the_complaints_table_alone(client_as, submit):
    """Issue 11 (centre inbox on SQLite, 330 ms): the ordered, limited query of a page joins nothing, so the
    planner walks the (province, received_at) index and stops after a page; the rows' joins come after, by key."""
    from django.db import connection

    for _ in range(3):
        submit()
    centre = client_as("pn.damrongdhama")
    url = reverse("complaints:inbox") + "?status=all"
    with count_queries() as ctx:
        r = centre.get(url)
    assert r.status_code == 200 and r.content.decode().count("data-code=") == 3
    codes = [c.code for c in Complaint.objects.order_by("-received_at", "-pk")]
    html = r.content.decode()
    assert [html.index(f'data-code="{c}"') for c in codes] == sorted(html.index(f'data-code="{c}"') for c in codes)
    limited = [q["sql"] for q in ctx.captured_queries if "LIMIT" in q["sql"] and '"complaints_complaint"' in q["sql"]
               and "ORDER BY" in q["sql"]]
    assert limited and all("JOIN" not in sql for sql in limited), limited
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
            cur.execute("DELETE FROM sqlite_stat1")
            cur.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
                            [row for row in BENCH_STAT1 if row[1] in {i.name for i in Complaint._meta.indexes}
                             or not row[1].startswith("cmp_")])
            cur.execute("ANALYZE sqlite_schema")  # reload the statistics
        with count_queries() as ctx:
            centre.get(url)
        sql = next(q["sql"] for q in ctx.captured_queries if "LIMIT" in q["sql"] and "ORDER BY" in q["sql"]
                   and '"complaints_complaint"' in q["sql"])
        with connection.cursor() as cur:
            cur.execute("EXPLAIN QUERY PLAN " + sql)
            plan = " | ".join(row[3] for row in cur.fetchall())
        assert "cmp_province_recent" in plan and "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
