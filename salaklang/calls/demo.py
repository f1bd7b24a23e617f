"""Demo: the OPDC national call to provinces and the Phang Nga call to its agencies (seed 004), with proposals."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.calls import services
from salaklang.calls.models import Call, PlanLink, Proposal
from salaklang.core.demo import office_time
from salaklang.core.thai import fiscal_year
from salaklang.organizations.models import Organization

STRATEGIES = [
    ("1", "ยุทธศาสตร์ชาติด้านความมั่นคง"), ("2", "ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน"),
    ("3", "ยุทธศาสตร์ชาติด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์"),
    ("4", "ยุทธศาสตร์ชาติด้านการสร้างโอกาสและความเสมอภาคทางสังคม"),
    ("5", "ยุทธศาสตร์ชาติด้านการสร้างการเติบโตบนคุณภาพชีวิตที่เป็นมิตรต่อสิ่งแวดล้อม"),
    ("6", "ยุทธศาสตร์ชาติด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการภาครัฐ"),
]
PNA_PLAN = [("PNA-1", "พัฒนาการท่องเที่ยวคุณภาพสูงอย่างยั่งยืน"), ("PNA-2", "ยกระดับเกษตรและประมงมูลค่าสูง"),
            ("PNA-3", "เสริมสร้างคุณภาพชีวิตและสังคมที่เข้มแข็ง")]

BODY_PNA = ("ด้วยสำนักงาน ก.พ.ร. กำหนดให้จังหวัดเสนอผลงานนวัตกรรมของจังหวัด จำนวน ๑ นวัตกรรม "
            "เพื่อประกอบการประเมินผลการพัฒนาจังหวัดสู่การเป็นจังหวัดที่มีสมรรถนะสูง\n\n"
            "จังหวัดพังงาจึงขอให้ทุกส่วนราชการพัฒนานวัตกรรม จำนวน ๑ นวัตกรรม ในประเภทใดประเภทหนึ่ง ได้แก่ "
            "นวัตกรรมเชิงนโยบาย นวัตกรรมการให้บริการ หรือนวัตกรรมการบริหาร/องค์การ "
            "และจัดทำข้อเสนอตามแบบฟอร์มที่แนบมาพร้อมนี้ ส่งผ่านระบบศาลากลางภายในวันที่กำหนด\n\n"
            "จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ")


@transaction.atomic
def seed() -> dict[str, int]:
    for code, title in STRATEGIES:
        PlanLink.objects.update_or_create(kind=PlanLink.Kind.NATIONAL_STRATEGY, code=code, province=None,
                                          defaults={"title_th": title})
    pna = Organization.objects.get(code="PNA")
    for code, title in PNA_PLAN:
        PlanLink.objects.update_or_create(kind=PlanLink.Kind.PROVINCIAL_PLAN, code=code, province=pna,
                                          defaults={"title_th": title})
    fy = fiscal_year(timezone.localdate()).be
    if Call.objects.filter(title__startswith="[ตัวอย่าง]").exists():
        return {"calls": Call.objects.count(), "proposals": Proposal.objects.count()}
    opdc, strategy = User.objects.get(username="opdc"), User.objects.get(username="pn.strategy")
    national = services.call_create(actor=opdc, issuer=Organization.objects.get(code="OPDC"), data={
        "title": f"[ตัวอย่าง] การคัดเลือกนวัตกรรมของจังหวัด ประจำปีงบประมาณ พ.ศ. {fy}", "fiscal_year": fy,
        "opens_at": office_time(-3, hour=8), "deadline": office_time(60),
        "subject": "การเสนอผลงานนวัตกรรมของจังหวัด", "addressee": "ผู้ว่าราชการจังหวัด ทุกจังหวัด",
        "body": "สำนักงาน ก.พ.ร. ขอให้จังหวัดเสนอนวัตกรรมที่ผ่านการคัดเลือกของจังหวัด จำนวน ๑ นวัตกรรม\n\nจึงเรียนมาเพื่อโปรดพิจารณา",
        "signatory_name": "นางสาววิมลรัตน์ ศรีประเสริฐ", "signatory_position": "เลขาธิการ ก.พ.ร.",
        "contact_unit": "กองนวัตกรรมภาครัฐ", "contact_phone": "0 2356 9999"})
    services.call_publish(actor=opdc, call=national)
    call = services.call_create(actor=strategy, issuer=pna, data={
        "title": f"[ตัวอย่าง] ขอให้ส่วนราชการเสนอนวัตกรรม ประจำปีงบประมาณ พ.ศ. {fy}", "fiscal_year": fy,
        "opens_at": office_time(-2, hour=8), "deadline": office_time(20), "speed_mark": "very_urgent",
        "subject": "การพัฒนานวัตกรรมเพื่อประกอบการประเมินจังหวัด HPP",
        "addressee": "หัวหน้าส่วนราชการประจำจังหวัดพังงาทุกส่วนราชการ",
        "enclosures": "แบบฟอร์มข้อเสนอนวัตกรรม จำนวน ๑ ชุด", "body": BODY_PNA,
        "signatory_name": "นายวรพจน์ อันดามันกุล", "signatory_position": "ผู้ว่าราชการจังหวัดพังงา",
        "contact_unit": "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด สำนักงานจังหวัดพังงา",
        "contact_phone": "0 7641 3000", "contact_fax": "0 7641 3001", "contact_email": "strategy@phangnga.go.th"})
    services.call_publish(actor=strategy, call=call)
    tourism, health = Organization.objects.get(code="PNA-TOUR"), Organization.objects.get(code="PNA-HEALTH")
    services.proposal_create(actor=User.objects.get(username="pn.tourism"), call=call, organization=tourism, data={
        "title": "ระบบจองคิวเข้าอุทยานแห่งชาติอ่าวพังงาออนไลน์", "category": "service",
        "background": "นักท่องเที่ยวรอคิวนานในช่วงเทศกาล", "objectives": "ลดเวลารอคิว"})
    p = services.proposal_create(actor=User.objects.get(username="pn.health"), call=call, organization=health, data={
        "title": "คลินิกหมอครอบครัวทางไกลสำหรับเกาะยาว", "category": "service",
        "background": "ผู้ป่วยบนเกาะต้องเดินทางข้ามฝั่งเพื่อพบแพทย์", "objectives": "ให้คำปรึกษาผ่านวิดีโอ",
        "results": [{"indicator": "จำนวนครั้งการเดินทางข้ามฝั่ง", "baseline": "1200", "result": "640", "unit": "ครั้ง/ปี"}]})
    services.proposal_send_for_approval(actor=User.objects.get(username="pn.health"), proposal=p)
    services.proposal_approve(actor=User.objects.get(username="pn.health.head"), proposal=p, comment="เห็นชอบ")
    return {"calls": Call.objects.count(), "proposals": Proposal.objects.count()}
