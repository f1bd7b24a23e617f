"""Demo organizations, people, committees and a delegation (fictional people, real kinds of offices).

Idempotent: run it as often as you like (``manage.py seed_demo``). Registry codes are illustrative.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.core.thai import fiscal_year
from salaklang.organizations.models import (
    Committee,
    CommitteeMember,
    Delegation,
    Membership,
    Organization,
    Role,
)

DEMO_PASSWORD = "salaklang-demo"  # noqa: S105 — documented demo password

K = Organization.Kind

# (code, kind, parent code, name_th, name_en, short name, letter prefix, registry code)
ORGANIZATIONS = [
    ("OPDC", K.NATION, None, "สำนักงานคณะกรรมการพัฒนาระบบราชการ", "Office of the Public Sector Development Commission",
     "สำนักงาน ก.พ.ร.", "นร", "1200"),
    # Chiang Rai — the agencies of seed 000
    ("CRI", K.PROVINCE, "OPDC", "จังหวัดเชียงราย", "Chiang Rai Province", "เชียงราย", "ชร", "0017"),
    ("CRI-PO", K.AGENCY, "CRI", "สำนักงานจังหวัดเชียงราย", "Chiang Rai Provincial Office", "สนจ.ชร", "", "0017"),
    ("CRI-PO-STRAT", K.UNIT, "CRI-PO", "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด สำนักงานจังหวัดเชียงราย",
     "Strategy and Provincial Development Information Group, Chiang Rai Provincial Office", "กลุ่มงานยุทธศาสตร์ฯ", "", "0017"),
    ("CRI-HEALTH", K.AGENCY, "CRI", "สำนักงานสาธารณสุขจังหวัดเชียงราย", "Chiang Rai Provincial Public Health Office",
     "สสจ.ชร", "", "0033"),
    ("CRI-NRE", K.AGENCY, "CRI", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดเชียงราย",
     "Chiang Rai Provincial Office of Natural Resources and Environment", "ทสจ.ชร", "", "0014"),
    ("CRI-TRANSPORT", K.AGENCY, "CRI", "สำนักงานขนส่งจังหวัดเชียงราย", "Chiang Rai Provincial Land Transport Office",
     "ขนส่งจังหวัดเชียงราย", "", "0018"),
    ("CRI-LAND", K.AGENCY, "CRI", "สำนักงานที่ดินจังหวัดเชียงราย", "Chiang Rai Provincial Land Office",
     "ที่ดินจังหวัดเชียงราย", "", "0020"),
    ("CRI-TOUR", K.AGENCY, "CRI", "สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงราย",
     "Chiang Rai Provincial Office of Tourism and Sports", "กก.ชร", "", "0012"),
    ("CRI-D-MUEANG", K.DISTRICT, "CRI", "อำเภอเมืองเชียงราย", "Mueang Chiang Rai District", "อ.เมืองเชียงราย", "", "0318"),
    # Phang Nga — seed 004 and the demo province of the calls and complaints flows
    ("PNA", K.PROVINCE, "OPDC", "จังหวัดพังงา", "Phang Nga Province", "พังงา", "พง", "0017"),
    ("PNA-PO", K.AGENCY, "PNA", "สำนักงานจังหวัดพังงา", "Phang Nga Provincial Office", "สนจ.พง", "", "0017"),
    ("PNA-PO-STRAT", K.UNIT, "PNA-PO", "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด สำนักงานจังหวัดพังงา",
     "Strategy and Provincial Development Information Group, Phang Nga Provincial Office", "กลุ่มงานยุทธศาสตร์ฯ", "", "0017"),
    ("PNA-DAMRONG", K.UNIT, "PNA-PO", "ศูนย์ดำรงธรรมจังหวัดพังงา", "Phang Nga Damrongdhama Centre", "ศูนย์ดำรงธรรม พง", "",
     "0017.2"),
    ("PNA-HEALTH", K.AGENCY, "PNA", "สำนักงานสาธารณสุขจังหวัดพังงา", "Phang Nga Provincial Public Health Office",
     "สสจ.พง", "", "0033"),
    ("PNA-TOUR", K.AGENCY, "PNA", "สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา", "Phang Nga Provincial Office of Tourism and Sports",
     "กก.พง", "", "0012"),
    ("PNA-NRE", K.AGENCY, "PNA", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดพังงา",
     "Phang Nga Provincial Office of Natural Resources and Environment", "ทสจ.พง", "", "0014"),
    ("PNA-LAND", K.AGENCY, "PNA", "สำนักงานที่ดินจังหวัดพังงา", "Phang Nga Provincial Land Office", "ที่ดินจังหวัดพังงา", "",
     "0020"),
    ("PNA-TRANSPORT", K.AGENCY, "PNA", "สำนักงานขนส่งจังหวัดพังงา", "Phang Nga Provincial Land Transport Office",
     "ขนส่งจังหวัดพังงา", "", "0018"),
    ("PNA-AGRI", K.AGENCY, "PNA", "สำนักงานเกษตรจังหวัดพังงา", "Phang Nga Provincial Agricultural Extension Office",
     "กษ.พง", "", "0009"),
    ("PNA-COMMERCE", K.AGENCY, "PNA", "สำนักงานพาณิชย์จังหวัดพังงา", "Phang Nga Provincial Commerce Office", "พณ.พง", "",
     "0013"),
    ("PNA-SOCIAL", K.AGENCY, "PNA", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพังงา",
     "Phang Nga Provincial Office of Social Development and Human Security", "พมจ.พง", "", "0015"),
    ("PNA-EDU", K.AGENCY, "PNA", "สำนักงานศึกษาธิการจังหวัดพังงา", "Phang Nga Provincial Education Office", "ศธจ.พง", "",
     "0021"),
    ("PNA-LABOUR", K.AGENCY, "PNA", "สำนักงานแรงงานจังหวัดพังงา", "Phang Nga Provincial Labour Office", "รง.พง", "", "0022"),
    ("PNA-INDUSTRY", K.AGENCY, "PNA", "สำนักงานอุตสาหกรรมจังหวัดพังงา", "Phang Nga Provincial Industry Office", "อก.พง", "",
     "0023"),
    ("PNA-CD", K.AGENCY, "PNA", "สำนักงานพัฒนาชุมชนจังหวัดพังงา", "Phang Nga Provincial Community Development Office",
     "พช.พง", "", "0019"),
    ("PNA-FISH", K.AGENCY, "PNA", "สำนักงานประมงจังหวัดพังงา", "Phang Nga Provincial Fisheries Office", "ปม.พง", "",
     "0010"),
    ("PNA-DLA", K.AGENCY, "PNA", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดพังงา", "Phang Nga Provincial Local Administration Office",
     "สถ.พง", "", "0023.3"),
    ("PNA-DDPM", K.AGENCY, "PNA", "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดพังงา",
     "Phang Nga Provincial Disaster Prevention and Mitigation Office", "ปภ.พง", "", "0024"),
]

PNA_DISTRICTS = [
    ("PNA-D-MUEANG", "อำเภอเมืองพังงา", "Mueang Phang Nga District"),
    ("PNA-D-TAKUAPA", "อำเภอตะกั่วป่า", "Takua Pa District"),
    ("PNA-D-THAIMUEANG", "อำเภอท้ายเหมือง", "Thai Mueang District"),
    ("PNA-D-TAKUATHUNG", "อำเภอตะกั่วทุ่ง", "Takua Thung District"),
    ("PNA-D-KAPONG", "อำเภอกะปง", "Kapong District"),
    ("PNA-D-THAPPUT", "อำเภอทับปุด", "Thap Put District"),
    ("PNA-D-KURABURI", "อำเภอคุระบุรี", "Khura Buri District"),
    ("PNA-D-KOHYAO", "อำเภอเกาะยาว", "Ko Yao District"),
]

# username, title, first, last, first_en, last_en, position, e-mail, [(org code, role)]
R = Role
PEOPLE = [
    ("opdc", "นางสาว", "วิมลรัตน์", "ศรีประเสริฐ", "Wimonrat", "Sriprasert",
     "นักพัฒนาระบบราชการชำนาญการพิเศษ", "opdc@demo.salaklang.local", [("OPDC", R.NATIONAL_ADMIN)]),
    ("pn.strategy", "นาย", "ธนากร", "ชลสินธุ์", "Thanakorn", "Chonlasin",
     "นักวิเคราะห์นโยบายและแผนชำนาญการ กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด",
     "pn.strategy@demo.salaklang.local", [("PNA", R.PROVINCIAL_ADMIN), ("PNA-PO-STRAT", R.AGENCY_COORDINATOR)]),
    ("pn.governor", "นาย", "วรพจน์", "อันดามันกุล", "Worapot", "Andamankul", "ผู้ว่าราชการจังหวัดพังงา",
     "pn.governor@demo.salaklang.local", [("PNA", R.EXECUTIVE)]),
    ("pn.tourism", "นางสาว", "พิมพ์ชนก", "ทะเลงาม", "Pimchanok", "Talengam",
     "นักวิชาการการท่องเที่ยวชำนาญการ สำนักงานการท่องเที่ยวและกีฬาจังหวัดพังงา", "pn.tourism@demo.salaklang.local",
     [("PNA-TOUR", R.AGENCY_COORDINATOR)]),
    ("pn.tourism.head", "นาย", "สุรเชษฐ์", "เกาะแก้ว", "Surachet", "Kokaew", "ท่องเที่ยวและกีฬาจังหวัดพังงา",
     "pn.tourism.head@demo.salaklang.local", [("PNA-TOUR", R.AGENCY_HEAD)]),
    ("pn.health", "นาง", "อรุณี", "สุขสมบูรณ์", "Arunee", "Suksomboon",
     "นักวิชาการสาธารณสุขชำนาญการ สำนักงานสาธารณสุขจังหวัดพังงา", "pn.health@demo.salaklang.local",
     [("PNA-HEALTH", R.AGENCY_COORDINATOR)]),
    ("pn.health.head", "นายแพทย์", "กิตติพงษ์", "รักษ์ดี", "Kittipong", "Rakdee", "นายแพทย์สาธารณสุขจังหวัดพังงา",
     "pn.health.head@demo.salaklang.local", [("PNA-HEALTH", R.AGENCY_HEAD)]),
    ("pn.reviewer", "นาง", "ศิริพร", "วิเศษวงศ์", "Siriporn", "Wisetwong", "ที่ปรึกษาด้านนวัตกรรมภาครัฐ (กรรมการผู้ทรงคุณวุฒิ)",
     "pn.reviewer@demo.salaklang.local", [("PNA", R.REVIEWER)]),
    ("pn.reviewer2", "นาย", "ประเสริฐ", "มั่นคง", "Prasert", "Mankong", "ปลัดจังหวัดพังงา",
     "pn.reviewer2@demo.salaklang.local", [("PNA", R.REVIEWER), ("PNA-PO", R.AGENCY_HEAD)]),
    ("pn.damrongdhama", "นางสาว", "กนกวรรณ", "ใจซื่อ", "Kanokwan", "Jaisue", "เจ้าพนักงานปกครอง ศูนย์ดำรงธรรมจังหวัดพังงา",
     "pn.damrongdhama@demo.salaklang.local", [("PNA-DAMRONG", R.COMPLAINT_OFFICER)]),
    ("pn.editor", "นาย", "ภานุวัฒน์", "สื่อสาร", "Panuwat", "Suesan", "นักประชาสัมพันธ์ สำนักงานจังหวัดพังงา",
     "pn.editor@demo.salaklang.local", [("PNA-PO", R.PORTAL_EDITOR)]),
    ("cr.strategy", "นาง", "นวลจันทร์", "ดอยคำ", "Nuanchan", "Doikham",
     "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด",
     "cr.strategy@demo.salaklang.local", [("CRI", R.PROVINCIAL_ADMIN), ("CRI-PO-STRAT", R.AGENCY_COORDINATOR)]),
    ("cr.vicegov", "นาย", "ชาญวิทย์", "แม่กกวงศ์", "Chanwit", "Maekokwong", "รองผู้ว่าราชการจังหวัดเชียงราย",
     "cr.vicegov@demo.salaklang.local", [("CRI", R.EXECUTIVE)]),
    ("cr.health.head", "นายแพทย์", "สมบัติ", "ล้านนาสุข", "Sombat", "Lannasuk", "นายแพทย์สาธารณสุขจังหวัดเชียงราย",
     "cr.health.head@demo.salaklang.local", [("CRI-HEALTH", R.AGENCY_HEAD)]),
    ("cr.nre.head", "นาย", "ภูผา", "เขียวขจี", "Phupha", "Khiaokhachi", "ผู้อำนวยการสำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดเชียงราย",
     "cr.nre.head@demo.salaklang.local", [("CRI-NRE", R.AGENCY_HEAD)]),
    ("cr.transport.head", "นาย", "ยุทธนา", "ทางไกล", "Yuttana", "Thangklai", "ขนส่งจังหวัดเชียงราย",
     "cr.transport.head@demo.salaklang.local", [("CRI-TRANSPORT", R.AGENCY_HEAD)]),
    ("cr.land.head", "นาง", "มาลัย", "ที่ดินงาม", "Malai", "Thidinngam", "เจ้าพนักงานที่ดินจังหวัดเชียงราย",
     "cr.land.head@demo.salaklang.local", [("CRI-LAND", R.AGENCY_HEAD)]),
    ("cr.tourism.head", "นาย", "อดิศร", "ภูชี้ฟ้า", "Adisorn", "Phuchifa", "ท่องเที่ยวและกีฬาจังหวัดเชียงราย",
     "cr.tourism.head@demo.salaklang.local", [("CRI-TOUR", R.AGENCY_HEAD)]),
    ("cr.tourism.analyst", "นางสาว", "ดาวเรือง", "สายน้ำกก", "Daoruang", "Sainamkok",
     "นักวิเคราะห์นโยบายและแผนปฏิบัติการ สำนักงานการท่องเที่ยวและกีฬาจังหวัดเชียงราย", "cr.tourism.analyst@demo.salaklang.local",
     [("CRI-TOUR", R.AGENCY_COORDINATOR)]),
]


def _upsert_org(code, kind, parent, name_th, name_en, short, prefix, registry) -> Organization:
    org = Organization.objects.filter(code=code).first() or Organization(code=code)
    org.kind, org.parent, org.name_th, org.name_en = kind, parent, name_th, name_en
    org.short_name, org.letter_prefix, org.registry_code, org.is_active = short, prefix, registry, True
    org.save()
    return org


PNA_ADDRESS = "ถนนเพชรเกษม ตำบลท้ายช้าง\nอำเภอเมืองพังงา จังหวัดพังงา 82000"


def demo_emblem_png() -> bytes:
    """A drawn stand-in for the province's emblem (never a real seal): a ring, the sea and an island rock."""
    import io

    from PIL import Image, ImageDraw

    size, k = 300, 4
    img = Image.new("RGBA", (size * k, size * k), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    c = size * k
    d.ellipse((8 * k, 8 * k, c - 8 * k, c - 8 * k), fill=(255, 255, 255, 255), outline=(23, 74, 124, 255), width=10 * k)
    d.ellipse((34 * k, 34 * k, c - 34 * k, c - 34 * k), outline=(23, 74, 124, 255), width=3 * k)
    d.ellipse((190 * k, 70 * k, 230 * k, 110 * k), fill=(214, 160, 32, 255))  # the sun
    d.polygon([(110 * k, 200 * k), (125 * k, 95 * k), (150 * k, 80 * k), (172 * k, 110 * k), (180 * k, 200 * k)],
              fill=(46, 110, 64, 255))  # the island rock
    for y in (205, 225, 245):  # the sea
        for x in (45, 115, 185):
            d.arc((x * k, (y - 12) * k, (x + 70) * k, (y + 12) * k), 200, 340, fill=(23, 74, 124, 255), width=5 * k)
    img = img.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _letterhead(province: Organization) -> None:
    """Phang Nga's letters carry an address and an emblem (a drawn stand-in), as a province would set them."""
    from django.core.files.base import ContentFile

    province.address = PNA_ADDRESS
    if not province.emblem:
        province.emblem.save("pna-emblem.png", ContentFile(demo_emblem_png()), save=False)
    province.save(update_fields=["address", "emblem"])


def _upsert_user(username: str, **fields) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username)
        user.set_password(DEMO_PASSWORD)
    for key, value in fields.items():
        setattr(user, key, value)
    user.save()
    return user


@transaction.atomic
def seed() -> dict[str, int]:
    orgs: dict[str, Organization] = {}
    for code, kind, parent, name_th, name_en, short, prefix, registry in ORGANIZATIONS:
        orgs[code] = _upsert_org(code, kind, orgs.get(parent), name_th, name_en, short, prefix, registry)
    for code, name_th, name_en in PNA_DISTRICTS:
        orgs[code] = _upsert_org(code, K.DISTRICT, orgs["PNA"], name_th, name_en, name_th.replace("อำเภอ", "อ."), "", "")
    _letterhead(orgs["PNA"])

    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User(username="admin", is_staff=True, is_superuser=True)
        admin.set_password(DEMO_PASSWORD)
    admin.first_name, admin.last_name, admin.title = "ผู้ดูแลระบบ", "ศาลากลาง", ""
    admin.email = "admin@demo.salaklang.local"
    admin.is_staff = admin.is_superuser = True
    admin.save()

    people: dict[str, User] = {}
    for username, title, first, last, first_en, last_en, position, email, grants in PEOPLE:
        user = _upsert_user(username, title=title, first_name=first, last_name=last, first_name_en=first_en,
                            last_name_en=last_en, position_title=position, email=email, kind=User.Kind.STAFF,
                            phone="0 7641 3000")
        people[username] = user
        for org_code, role in grants:
            Membership.objects.update_or_create(user=user, organization=orgs[org_code], role=role,
                                                defaults={"is_active": True})
    _upsert_user("citizen", first_name="สมใจ", last_name="ประชาชน", first_name_en="Somjai", last_name_en="Prachachon",
                 title="นางสาว", email="citizen@demo.salaklang.local", kind=User.Kind.CITIZEN, phone="081 234 5678")

    # Committees (seed 000: the HPP working group chaired by the vice governor, agencies by representative)
    cr_wg, _ = Committee.objects.update_or_create(
        organization=orgs["CRI"], name_th="คณะทำงานขับเคลื่อนการพัฒนาจังหวัดเชียงรายสู่การเป็นจังหวัด HPP",
        defaults={"kind": Committee.Kind.WORKING_GROUP, "name_en": "Chiang Rai High Performance Province Working Group",
                  "purpose": "พิจารณาคัดเลือกประเด็นนโยบาย (Agenda) และขับเคลื่อนกลไก 4 ด้าน"})
    seats = [("chair", people["cr.vicegov"], None)]
    seats += [("member", None, orgs[c]) for c in ("CRI-HEALTH", "CRI-NRE", "CRI-TRANSPORT", "CRI-LAND", "CRI-TOUR")]
    seats += [("secretary", people["cr.strategy"], None)]
    _set_seats(cr_wg, seats)

    pn_committee, _ = Committee.objects.update_or_create(
        organization=orgs["PNA"], name_th="คณะกรรมการพิจารณาคัดเลือกนวัตกรรมจังหวัดพังงา",
        defaults={"kind": Committee.Kind.COMMITTEE, "name_en": "Phang Nga Innovation Selection Committee",
                  "purpose": "พิจารณาและคัดเลือกนวัตกรรมของส่วนราชการเพื่อเสนอสำนักงาน ก.พ.ร."})
    _set_seats(pn_committee, [
        ("chair", people["pn.governor"], None),
        ("member", people["pn.reviewer"], None),
        ("member", people["pn.reviewer2"], None),
        ("member", None, orgs["PNA-DLA"]),
        ("secretary", people["pn.strategy"], None),
    ])

    # Seed 000: the head of Tourism and Sports assigned a policy analyst to attend for him.
    fy = fiscal_year(timezone.localdate())
    Delegation.objects.update_or_create(
        delegator=people["cr.tourism.head"], delegate=people["cr.tourism.analyst"], organization=orgs["CRI-TOUR"],
        scope=Delegation.Scope.ATTEND_MEETINGS,
        defaults={"start_date": fy.start, "end_date": fy.end, "reason": "มอบหมายให้เข้าร่วมประชุมคณะทำงาน HPP แทน",
                  "created_by": people["cr.tourism.head"], "revoked_at": None},
    )
    # pn.tourism.head lets the coordinator approve while on leave next month (a future delegation).
    today = timezone.localdate()
    Delegation.objects.update_or_create(
        delegator=people["pn.tourism.head"], delegate=people["pn.tourism"], organization=orgs["PNA-TOUR"],
        scope=Delegation.Scope.APPROVE_SUBMISSIONS,
        defaults={"start_date": today + dt.timedelta(days=30), "end_date": today + dt.timedelta(days=44),
                  "reason": "ลาพักผ่อน", "created_by": people["pn.tourism.head"], "revoked_at": None},
    )
    return {"organizations": len(orgs), "people": len(people) + 2}


def _set_seats(committee: Committee, seats) -> None:
    committee.members.all().delete()
    CommitteeMember.objects.bulk_create([
        CommitteeMember(committee=committee, position=pos, person=person, represented_organization=org, sort_order=i)
        for i, (pos, person, org) in enumerate(seats)
    ])
