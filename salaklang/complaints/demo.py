"""Demo complaints of Phang Nga: the Damrongdhama centre (``pn.damrongdhama``), category routes to the demo
agencies, a public works office, and a few hundred realistic complaints over the last six months in every state.

Idempotent (``manage.py seed_demo``): the routes are upserted; the complaints are created once (bulk), then the
statistics rollup of the province is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.complaints import stats
from salaklang.complaints.deadlines import add_working_days
from salaklang.complaints.defaults import load as load_defaults
from salaklang.complaints.models import Category, CategoryRoute, Complaint, ComplaintEvent, Holiday
from salaklang.complaints.services.codes import new_code
from salaklang.organizations.demo import DEMO_PASSWORD
from salaklang.organizations.models import Membership, Organization, Role

S = Complaint.Status
CH = Complaint.Channel

PUBLIC_WORKS = ("PNA-PWTP", "สำนักงานโยธาธิการและผังเมืองจังหวัดพังงา",
                "Phang Nga Provincial Public Works and Town and Country Planning Office", "ยผ.พง", "0016")

ROUTES = {
    "roads": "PNA-PWTP", "lighting": "PNA-DLA", "water": "PNA-DLA", "flooding": "PNA-DDPM", "waste": "PNA-DLA",
    "environment": "PNA-NRE", "noise": "PNA-DLA", "tourism": "PNA-TOUR", "consumer": "PNA-COMMERCE",
    "transport": "PNA-TRANSPORT", "land": "PNA-LAND", "labour": "PNA-LABOUR", "social": "PNA-SOCIAL",
    "health": "PNA-HEALTH", "disaster": "PNA-DDPM",
    # "officials" and "other" have no route: the centre reads them first.
}

SUBJECTS = {
    "roads": ["ถนนเป็นหลุมเป็นบ่อ อันตรายต่อผู้ขับขี่", "สะพานไม้ข้ามคลองชำรุด", "ทางเท้าแตกร้าว คนเดินสะดุดล้ม",
              "ขอให้ซ่อมถนนลูกรังเข้าหมู่บ้าน"],
    "lighting": ["ไฟส่องสว่างริมถนนดับหลายต้น", "ไฟถนนหน้าโรงเรียนดับมานาน", "ขอติดตั้งไฟส่องสว่างทางเข้าชุมชน"],
    "water": ["น้ำประปาไม่ไหลสามวันแล้ว", "น้ำประปาขุ่นมีตะกอน", "ท่อประปาแตกริมถนน น้ำไหลทิ้ง"],
    "flooding": ["ท่อระบายน้ำอุดตัน น้ำท่วมขังหน้าบ้าน", "น้ำท่วมถนนทุกครั้งที่ฝนตก", "คลองตื้นเขิน น้ำระบายไม่ทัน"],
    "waste": ["ขยะไม่มีคนมาเก็บเกินหนึ่งสัปดาห์", "มีการลักลอบทิ้งขยะริมทาง", "ถังขยะสาธารณะเต็มและส่งกลิ่น"],
    "environment": ["มีการบุกรุกป่าชายเลน", "โรงงานปล่อยน้ำเสียลงคลอง", "มีการตัดไม้ในเขตป่าสงวน"],
    "noise": ["ร้านอาหารเปิดเพลงเสียงดังเกินเวลา", "กลิ่นเหม็นจากฟาร์มเลี้ยงสัตว์", "เสียงดังจากการก่อสร้างตอนกลางคืน"],
    "tourism": ["ขยะเกลื่อนชายหาดท้ายเหมือง", "ห้องน้ำสาธารณะที่จุดชมวิวชำรุด", "ป้ายบอกทางไปน้ำตกเลือนหาย",
                "เรือนำเที่ยวไม่มีเสื้อชูชีพเพียงพอ", "ร้านค้าบริเวณชายหาดโก่งราคานักท่องเที่ยว"],
    "consumer": ["ร้านค้าขายสินค้าเกินราคาที่ปิดป้าย", "ปั๊มน้ำมันจ่ายน้ำมันไม่เต็มลิตร", "สินค้าหมดอายุวางขาย"],
    "transport": ["รถโดยสารประจำทางไม่จอดรับผู้โดยสาร", "รถตู้ขับรถเร็วเกินกำหนด", "คนขับแท็กซี่ไม่กดมิเตอร์"],
    "land": ["ขอทราบความคืบหน้าการออกโฉนด", "มีผู้บุกรุกที่ดินสาธารณประโยชน์", "รังวัดที่ดินล่าช้า"],
    "labour": ["นายจ้างค้างจ่ายค่าจ้าง", "ถูกเลิกจ้างโดยไม่ได้รับค่าชดเชย", "สถานประกอบการไม่ส่งเงินสมทบประกันสังคม"],
    "social": ["ผู้สูงอายุไม่ได้รับเบี้ยยังชีพ", "ขอความช่วยเหลือครอบครัวผู้พิการ", "เด็กถูกทอดทิ้งในชุมชน"],
    "health": ["รอรับบริการที่โรงพยาบาลนานเกินไป", "ขอให้ฉีดพ่นยุงลายในชุมชน", "คลินิกไม่มีใบอนุญาต"],
    "officials": ["เจ้าหน้าที่ให้บริการไม่สุภาพ", "เรียกรับเงินเพื่อเร่งรัดเรื่อง"],
    "disaster": ["ต้นไม้ล้มขวางถนนหลังพายุ", "ดินสไลด์ทับเส้นทางเข้าหมู่บ้าน", "ขอกระสอบทรายป้องกันน้ำท่วม"],
    "other": ["สอบถามขั้นตอนการขอความช่วยเหลือ", "ข้อเสนอแนะการให้บริการของศาลากลาง"],
}
DETAILS = ["เกิดขึ้นมาประมาณหนึ่งสัปดาห์แล้ว ชาวบ้านได้รับความเดือดร้อน", "ขอให้หน่วยงานที่เกี่ยวข้องเข้ามาตรวจสอบและแก้ไขโดยเร็ว",
           "เคยแจ้งผู้ใหญ่บ้านแล้วแต่ยังไม่ได้รับการแก้ไข", "เป็นปัญหาที่เกิดซ้ำทุกปีในช่วงฤดูฝน"]
SUBDISTRICTS = {
    "PNA-D-MUEANG": ["ท้ายช้าง", "บางเตย", "ถ้ำน้ำผุด"], "PNA-D-TAKUAPA": ["บางนายสี", "คึกคัก", "บางม่วง"],
    "PNA-D-THAIMUEANG": ["ท้ายเหมือง", "ลำแก่น", "ทุ่งมะพร้าว"], "PNA-D-TAKUATHUNG": ["โคกกลอย", "กระโสม"],
    "PNA-D-KAPONG": ["กะปง", "ท่านา"], "PNA-D-THAPPUT": ["ทับปุด", "บ่อแสน"], "PNA-D-KURABURI": ["คุระ", "เกาะพระทอง"],
    "PNA-D-KOHYAO": ["เกาะยาวน้อย", "เกาะยาวใหญ่"],
}
NAMES = ["สมชาย ใจดี", "สุนีย์ รักถิ่น", "ประยูร ทองคำ", "วันเพ็ญ ศรีสุข", "อนุชา แก้วมณี", "มาลี บุญมา", "ชัยวัฒน์ ทะเลใส"]
CHANNELS = [CH.WEB] * 5 + [CH.HOTLINE_1567] * 3 + [CH.LINE] * 2 + [CH.WALK_IN, CH.PHONE, CH.LETTER, CH.FACEBOOK,
                                                                    CH.HOTLINE_1111, CH.OPEN311]
COUNT = 320


def _ensure_public_works(pna: Organization) -> Organization:
    code, th, en, short, registry = PUBLIC_WORKS
    org = Organization.objects.filter(code=code).first() or Organization(code=code)
    org.kind, org.parent, org.name_th, org.name_en = Organization.Kind.AGENCY, pna, th, en
    org.short_name, org.registry_code, org.is_active = short, registry, True
    org.save()
    user = User.objects.filter(username="pn.publicworks").first()
    if user is None:
        user = User.objects.create_user(
            username="pn.publicworks", password=DEMO_PASSWORD, title="นาย", first_name="ธีรพงษ์",
            last_name="สร้างทาง", email="pn.publicworks@demo.salaklang.local")
    Membership.objects.get_or_create(user=user, organization=org, role=Role.AGENCY_COORDINATOR)
    return org


def seed_routes() -> Organization | None:
    load_defaults(Category, Holiday)  # normally there from migration 0002; a test flush removes them
    pna = Organization.objects.filter(code="PNA").first()
    if pna is None:
        return None
    _ensure_public_works(pna)
    orgs = {o.code: o for o in Organization.objects.filter(code__in=set(ROUTES.values()))}
    for cat in Category.objects.filter(code__in=ROUTES):
        org = orgs.get(ROUTES[cat.code])
        if org is not None:
            CategoryRoute.objects.update_or_create(province=pna, category=cat, defaults={"organization": org})
    centre = Organization.objects.filter(code="PNA-DAMRONG").first()
    officer = User.objects.filter(username="pn.damrongdhama").first()
    if centre and officer:
        Membership.objects.get_or_create(user=officer, organization=centre, role=Role.COMPLAINT_OFFICER)
    return pna


def _hours(a: dt.datetime, b: dt.datetime) -> int:
    return max(0, int((b - a).total_seconds() // 3600))


@transaction.atomic
def seed() -> str:
    pna = seed_routes()
    if pna is None:
        return "no Phang Nga province: run the organizations demo first"
    if Complaint.objects.filter(province=pna, external_ref__startswith="DEMO-").exists():
        return "complaints already seeded"
    rnd = random.Random(4)  # noqa: S311 — demo data, not security
    now = timezone.now()
    categories = list(Category.objects.filter(is_active=True))
    routes = dict(CategoryRoute.objects.filter(province=pna).values_list("category_id", "organization_id"))
    districts = {o.code: o for o in Organization.objects.filter(province=pna, kind=Organization.Kind.DISTRICT)}
    weights = {"tourism": 6, "roads": 5, "flooding": 4, "waste": 4, "lighting": 3, "water": 3}
    pool = [c for c in categories for _i in range(weights.get(c.code, 1))]
    rows, events = [], []
    for i in range(COUNT):
        cat = rnd.choice(pool)
        received_at = now - dt.timedelta(days=rnd.uniform(0.2, 182), hours=rnd.uniform(0, 8))
        received_date = timezone.localdate(received_at)
        agency_id = routes.get(cat.pk)
        age = (now - received_at).days
        roll = rnd.random()
        if age > 30 and roll < 0.8 or age > 10 and roll < 0.45:
            status = S.RESOLVED if rnd.random() < 0.8 else rnd.choice([S.NOT_RESOLVED, S.REJECTED])
        elif roll < 0.85:
            status = S.IN_PROGRESS if age > 2 else S.ASSIGNED
        else:
            status = S.ASSIGNED
        if agency_id is None and status != S.REJECTED:
            status = S.RECEIVED if age < 5 else S.RESOLVED
        district_code = rnd.choice(list(SUBDISTRICTS))
        district = districts.get(district_code)
        anonymous = rnd.random() < 0.2
        channel = rnd.choice(CHANNELS)
        c = Complaint(
            code=new_code(pna, received_at), province=pna, category=cat, subject=rnd.choice(SUBJECTS[cat.code]),
            description=rnd.choice(DETAILS), channel=channel, status=status, agency_id=agency_id,
            district=district, district_name=district.name_th if district else "",
            subdistrict=rnd.choice(SUBDISTRICTS[district_code]), received_at=received_at,
            received_date=received_date, ack_due=add_working_days(received_date, cat.ack_days),
            resolve_due=add_working_days(received_date, cat.resolve_days), is_anonymous=anonymous,
            contact_name="" if anonymous else rnd.choice(NAMES),
            contact_phone="" if anonymous else f"08{rnd.randint(10000000, 99999999)}",
            consent_sensitive_at=received_at if cat.is_sensitive else None, external_ref=f"DEMO-{i:04d}")
        if status not in (S.RECEIVED, S.ASSIGNED):
            c.acknowledged_at = min(now, received_at + dt.timedelta(hours=rnd.choice([2, 5, 20, 30, 50, 80])))
            c.first_response_hours = _hours(received_at, c.acknowledged_at)
        if status in Complaint.CLOSED:
            days = rnd.choice([2, 4, 7, 10, 14, 18, 25, 40])
            c.closed_at = min(now, received_at + dt.timedelta(days=days))
            c.resolution_hours = _hours(received_at, c.closed_at)
            c.closed_on_time = timezone.localdate(c.closed_at) <= c.resolve_due
            c.outcome_reason = {S.RESOLVED: "หน่วยงานดำเนินการแก้ไขเรียบร้อยแล้ว",
                                S.NOT_RESOLVED: "อยู่นอกอำนาจหน้าที่ แนะนำให้ยื่นต่อศาลปกครอง",
                                S.REJECTED: "ข้อมูลไม่เพียงพอที่จะดำเนินการ"}[status]
            if c.acknowledged_at > c.closed_at:
                c.acknowledged_at = c.closed_at
                c.first_response_hours = _hours(received_at, c.acknowledged_at)
            if status == S.RESOLVED and rnd.random() < 0.5:
                c.rating = rnd.choice([3, 4, 4, 5, 5])
                c.rated_at = c.closed_at + dt.timedelta(days=1)
        rows.append(c)
    Complaint.objects.bulk_create(rows, batch_size=500)
    created = list(Complaint.objects.filter(province=pna, external_ref__startswith="DEMO-"))
    for c in created:
        first = S.ASSIGNED if c.agency_id else S.RECEIVED
        events.append(ComplaintEvent(complaint=c, kind=ComplaintEvent.Kind.SUBMITTED, at=c.received_at,
                                     to_status=first, text=c.get_channel_display()))
        if c.acknowledged_at:
            events.append(ComplaintEvent(complaint=c, kind=ComplaintEvent.Kind.STATUS, at=c.acknowledged_at,
                                         from_status=first, to_status=S.IN_PROGRESS, organization_id=c.agency_id,
                                         text="รับเรื่องแล้ว กำลังตรวจสอบพื้นที่"))
        if c.closed_at:
            events.append(ComplaintEvent(complaint=c, kind=ComplaintEvent.Kind.STATUS, at=c.closed_at,
                                         from_status=S.IN_PROGRESS, to_status=c.status,
                                         organization_id=c.agency_id, text=c.outcome_reason))
    ComplaintEvent.objects.bulk_create(events, batch_size=1000)
    rows_n, dur_n = stats.rebuild(pna.pk)
    return f"{len(created)} complaints, {len(events)} events, {rows_n}+{dur_n} statistics rows"
