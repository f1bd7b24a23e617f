"""Demo consultations in Phang Nga: one open with comments and supports, one closed with its response.

Idempotent (``manage.py seed_demo``): each consultation is created once, found by its title.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.organizations.models import Organization
from salaklang.participation import services
from salaklang.participation.models import Comment, Consultation, Question, Support

DEMO_PASSWORD = "salaklang-demo"  # noqa: S105 — documented demo password

CITIZENS = [
    ("pn.citizen1", "นาย", "สมชาย", "ใจดี"),
    ("pn.citizen2", "นาง", "สุภาพร", "ทะเลงาม"),
    ("pn.citizen3", "นางสาว", "กนกวรรณ", "รักษ์ป่า"),
    ("pn.citizen4", "นาย", "อนุชา", "ประมงพื้นบ้าน"),
]

OPEN_TITLE = "การท่องเที่ยวชุมชนเชิงนิเวศป่าชายเลนอ่าวพังงา (ร่างประเด็นการพัฒนาจังหวัด)"
CLOSED_TITLE = "ร่างนโยบายลดขยะพลาสติกบนเกาะและชายหาดจังหวัดพังงา"


def _agenda(province, title_fragment: str):
    """The candidate agenda of the agendas demo when it has been seeded (the consultation then links to it)."""
    from salaklang.agendas.models import Agenda

    return Agenda.objects.filter(province=province, title__icontains=title_fragment).first()


def _citizens() -> list[User]:
    out = []
    for username, title, first, last in CITIZENS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"kind": User.Kind.CITIZEN, "title": title, "first_name": first, "last_name": last,
                      "email": f"{username}@example.test"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        out.append(user)
    citizen = User.objects.filter(username="citizen").first()
    if citizen is not None:
        out.insert(0, citizen)
    return out


@transaction.atomic
def seed() -> dict[str, int]:
    province = Organization.objects.filter(code="PNA").first()
    staff = User.objects.filter(username="pn.strategy").first()
    if province is None or staff is None:
        return {"consultations": 0}
    citizens = _citizens()
    now = timezone.now()
    created = 0

    if not Consultation.objects.filter(title=OPEN_TITLE).exists():
        agenda = _agenda(province, "ป่าชายเลน")
        c = services.consultation_create(
            actor=staff, province=province, subject=Consultation.Subject.AGENDA, title=OPEN_TITLE,
            summary="จังหวัดพังงาขอรับฟังความคิดเห็นต่อร่างประเด็นการพัฒนาการท่องเที่ยวชุมชนเชิงนิเวศ"
                    "ในป่าชายเลนอ่าวพังงา ก่อนคณะทำงานจังหวัด HPP คัดเลือกประเด็น",
            background=(
                "อ่าวพังงามีป่าชายเลนกว่า 250,000 ไร่ และชุมชนประมงพื้นบ้านหลายสิบชุมชน "
                "ร่างประเด็นนี้เสนอให้ส่งเสริมเส้นทางท่องเที่ยวโดยชุมชน เรือคายัค และโฮมสเตย์ "
                "โดยจำกัดจำนวนนักท่องเที่ยวต่อวันเพื่อรักษาระบบนิเวศ\n\n"
                "ผลการรับฟังความคิดเห็นจะเสนอต่อคณะทำงานขับเคลื่อนจังหวัด HPP ประกอบการคัดเลือกประเด็นการพัฒนา"
            ),
            agenda=agenda, link_title="" if agenda else "ประเด็นการพัฒนาจังหวัดที่เสนอ (ร่าง)",
            opens_at=now - dt.timedelta(days=5), closes_at=now + dt.timedelta(days=25),
            questions=[
                "ท่านเห็นด้วยกับการจำกัดจำนวนนักท่องเที่ยวต่อวันในพื้นที่ป่าชายเลนหรือไม่ เพราะเหตุใด",
                "ชุมชนของท่านควรมีบทบาทอย่างไรในการบริหารจัดการการท่องเที่ยว",
            ],
        )
        services.consultation_publish(consultation=c, actor=staff)
        q1, q2 = list(c.questions.all())
        texts = [
            (q1, "เห็นด้วยครับ ช่วงวันหยุดยาวเรือเข้าออกมากจนน้ำขุ่น ควรจำกัดจำนวนและมีคิวจองล่วงหน้า"),
            (q2, "อยากให้กลุ่มประมงพื้นบ้านเป็นผู้นำเที่ยวและได้ส่วนแบ่งรายได้โดยตรง"),
            (None, "ขอให้มีป้ายสื่อความหมายภาษาไทยและอังกฤษ และห้องน้ำสาธารณะที่ท่าเรือ"),
            (q1, "ไม่ควรจำกัดมากเกินไป เพราะร้านค้าในชุมชนพึ่งพารายได้จากนักท่องเที่ยว"),
        ]
        for i, (question, body) in enumerate(texts):
            services.comment_post(consultation=c, actor=citizens[i % len(citizens)], body=body, question=question)
        for citizen in citizens[:4]:
            services.support_add(consultation=c, actor=citizen)
        spam = services.comment_post(consultation=c, actor=citizens[-1],
                                     body="ติดต่อขายที่ดินริมทะเล โทร 08x-xxx-xxxx", question=None)
        services.comment_hide(comment=spam, actor=staff, reason="โฆษณาขายสินค้า ไม่เกี่ยวข้องกับประเด็น")
        created += 1

    if not Consultation.objects.filter(title=CLOSED_TITLE).exists():
        c = Consultation.objects.create(
            province=province, subject=Consultation.Subject.POLICY, title=CLOSED_TITLE,
            summary="ร่างมาตรการลดถุงพลาสติกและโฟมบนเกาะและชายหาด ร่วมกับผู้ประกอบการท่องเที่ยวและองค์กรปกครองส่วนท้องถิ่น",
            background="ขยะพลาสติกบนเกาะในจังหวัดพังงาเพิ่มขึ้นทุกฤดูท่องเที่ยว "
                       "ร่างนโยบายเสนอให้งดใช้โฟมบรรจุอาหาร จุดเติมน้ำดื่มบนเกาะ และเรือเก็บขยะประจำสัปดาห์",
            link_title="ร่างนโยบายลดขยะพลาสติก (ฉบับรับฟังความคิดเห็น)",
            opens_at=now - dt.timedelta(days=60), closes_at=now - dt.timedelta(days=30),
            status=Consultation.Status.PUBLISHED, published_at=now - dt.timedelta(days=61), created_by=staff,
        )
        q = Question.objects.create(consultation=c, number=1, text="มาตรการใดที่ท่านคิดว่าควรเริ่มก่อน")
        bodies = ["จุดเติมน้ำดื่มบนเกาะ ลดขวดพลาสติกได้มากที่สุด",
                  "ควรให้ผู้ประกอบการเรือนำเที่ยวรับขยะกลับฝั่งทุกเที่ยว",
                  "งดโฟมได้ทันที ร้านค้าส่วนใหญ่ใช้กล่องชานอ้อยแล้ว"]
        for i, body in enumerate(bodies):
            Comment.objects.create(consultation=c, question=q if i != 1 else None, author=citizens[i % len(citizens)],
                                   body=body, created_at=now - dt.timedelta(days=50 - i))
        Support.objects.bulk_create([Support(consultation=c, user=u, created_at=now - dt.timedelta(days=45))
                                     for u in citizens])
        services.consultation_respond(
            consultation=c, actor=staff,
            what_we_heard="ผู้ร่วมแสดงความคิดเห็นส่วนใหญ่สนับสนุนจุดเติมน้ำดื่มและการงดโฟม "
                          "และเสนอให้ผู้ประกอบการเรือนำเที่ยวรับผิดชอบขยะของนักท่องเที่ยว",
            what_we_did="จังหวัดบรรจุมาตรการจุดเติมน้ำดื่มบนเกาะ 5 แห่งในแผนปฏิบัติการปีงบประมาณถัดไป "
                        "และออกประกาศขอความร่วมมืองดใช้โฟมบรรจุอาหารบนเกาะ",
        )
        created += 1

    return {"consultations": created, "comments": Comment.objects.count(), "supports": Support.objects.count()}
