"""Demo: a closed Phang Nga call of the previous fiscal year whose proposals the committee is scoring.

So that a newcomer signed in as ``pn.reviewer`` has proposals to score, ``pn.reviewer2`` (head of the
Provincial Office) is shown as excluded from his own office's proposal, and ``pn.strategy`` can see the
ranking and record the decision. Idempotent: nothing is added when the call exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import record
from salaklang.calls import services as calls
from salaklang.calls.models import Call, CallTarget, PlanLink, Proposal, ProposalVersion
from salaklang.core.demo import happened_at, office_time
from salaklang.core.thai import fiscal_year
from salaklang.organizations.models import Organization
from salaklang.reviews import services
from salaklang.reviews.models import Assignment
from salaklang.reviews.similarity import index_proposal

TITLE = "[ตัวอย่าง] คัดเลือกนวัตกรรมของส่วนราชการจังหวัดพังงา ประจำปีงบประมาณ พ.ศ. {fy}"

# organization code, title, category, background, objectives, target group, novelty, indicator (name, before, after, unit)
PROPOSALS = [
    ("PNA-TOUR", "ระบบจองคิวเรือท่องเที่ยวอ่าวพังงาล่วงหน้าผ่านไลน์", "service",
     "นักท่องเที่ยวต้องรอเรือที่ท่าเทียบเรือนานในช่วงเทศกาล ท่าเรือแออัดและเกิดอุบัติเหตุบ่อย",
     "ลดเวลารอเรือและความแออัดของท่าเทียบเรือ", "นักท่องเที่ยวและผู้ประกอบการเรือนำเที่ยว",
     "จองคิวผ่านไลน์และชำระค่าธรรมเนียมล่วงหน้า เจ้าหน้าที่ตรวจคิวอาร์โค้ดที่ท่าเรือ",
     ("เวลารอเรือเฉลี่ย", "95", "20", "นาที")),
    ("PNA-HEALTH", "คลินิกหมอครอบครัวทางไกลสำหรับผู้ป่วยเกาะยาว", "service",
     "ผู้ป่วยโรคเรื้อรังบนเกาะยาวต้องเดินทางข้ามฝั่งเพื่อพบแพทย์ เสียค่าใช้จ่ายและเวลา",
     "ให้คำปรึกษาและติดตามอาการผ่านวิดีโอ", "ผู้ป่วยโรคเบาหวานและความดันโลหิตสูงบนเกาะยาว",
     "แพทย์เวชศาสตร์ครอบครัวตรวจผ่านวิดีโอร่วมกับ อสม. ที่วัดความดันและน้ำตาลที่บ้าน",
     ("จำนวนครั้งการเดินทางข้ามฝั่ง", "1200", "640", "ครั้ง/ปี")),
    ("PNA-PO", "ศาลากลางไร้กระดาษ: ระบบหนังสือเวียนอิเล็กทรอนิกส์", "administrative",
     "หนังสือเวียนถึงส่วนราชการใช้เวลาหลายวันและสิ้นเปลืองกระดาษ",
     "ส่งหนังสือเวียนถึงทุกส่วนราชการภายในวันเดียว", "ส่วนราชการประจำจังหวัด 35 แห่ง",
     "ลงนามอิเล็กทรอนิกส์และส่งผ่านระบบ พร้อมติดตามการเปิดอ่าน",
     ("ระยะเวลาส่งหนังสือถึงส่วนราชการ", "3", "0.5", "วัน")),
    ("PNA-FISH", "ตลาดสัตว์น้ำชุมชนออนไลน์ของประมงพื้นบ้าน", "policy",
     "ชาวประมงพื้นบ้านขายสัตว์น้ำผ่านพ่อค้าคนกลางในราคาต่ำ",
     "เพิ่มรายได้ของชาวประมงพื้นบ้าน", "กลุ่มประมงพื้นบ้าน 24 กลุ่ม",
     "แพลตฟอร์มสั่งซื้อสัตว์น้ำสดจากชุมชนพร้อมรับรองแหล่งที่มา",
     ("รายได้เฉลี่ยต่อครัวเรือน", "8500", "11200", "บาท/เดือน")),
    ("PNA-AGRI", "ระบบเตือนโรคใบร่วงยางพาราด้วยข้อมูลอากาศ", "service",
     "โรคใบร่วงชนิดใหม่ทำให้ผลผลิตยางพาราลดลง เกษตรกรรู้ตัวช้า",
     "เตือนเกษตรกรล่วงหน้าก่อนการระบาด", "เกษตรกรชาวสวนยาง",
     "วิเคราะห์ความชื้นและฝนจากสถานีตรวจอากาศ ส่งข้อความเตือนพร้อมวิธีป้องกัน",
     ("พื้นที่ที่เกิดการระบาด", "5200", "2100", "ไร่")),
    ("PNA-DDPM", "แผนที่เสี่ยงภัยดินโคลนถล่มระดับหมู่บ้าน", "policy",
     "หมู่บ้านบนเชิงเขาเสี่ยงดินโคลนถล่มในฤดูฝนแต่ไม่มีแผนอพยพที่ชัดเจน",
     "ให้ทุกหมู่บ้านเสี่ยงมีแผนที่และเส้นทางอพยพ", "ประชาชนในหมู่บ้านเสี่ยงภัย 48 หมู่บ้าน",
     "ชุมชนร่วมสำรวจจุดเสี่ยงและซ้อมอพยพ ข้อมูลขึ้นแผนที่ออนไลน์",
     ("หมู่บ้านที่มีแผนอพยพ", "6", "48", "หมู่บ้าน")),
]

# reviewer → (organization code → score per criterion out of 10), submitted
SCORES = {
    "pn.reviewer": {"PNA-TOUR": [8, 8, 9, 8, 7, 9], "PNA-HEALTH": [9, 9, 9, 8, 8, 9],
                    "PNA-PO": [6, 7, 6, 6, 7, 7]},
    "pn.reviewer2": {"PNA-TOUR": [6, 7, 6, 5, 6, 6], "PNA-HEALTH": [9, 8, 9, 8, 8, 8]},
}


@transaction.atomic
def seed() -> dict[str, int]:
    fy = fiscal_year(timezone.localdate()).be - 1
    title = TITLE.format(fy=fy)
    existing = Call.objects.filter(title=title).first()
    if existing is None:
        existing = _call_with_proposals(title, fy)
    return {"calls in review": Call.objects.filter(status__in=["closed", "in_review"]).count(),
            "assignments": Assignment.objects.filter(proposal__call=existing).count()}


def _call_with_proposals(title: str, fy: int) -> Call:
    strategy = User.objects.get(username="pn.strategy")
    pna = Organization.objects.get(code="PNA")
    now = timezone.now()
    # Published 75 days ago with the deadline it really had (5 days ago): its letter, audit entries and the
    # e-mails it sent then all say the same date the call page shows.
    published, deadline = office_time(-75, hour=9), office_time(-5)
    with happened_at(published):
        call = calls.call_create(actor=strategy, issuer=pna, data={
            "title": title, "fiscal_year": fy,
            "opens_at": published, "deadline": deadline,
            "subject": "การคัดเลือกนวัตกรรมของส่วนราชการเพื่อเสนอเป็นนวัตกรรมของจังหวัด",
            "addressee": "หัวหน้าส่วนราชการประจำจังหวัดพังงาทุกส่วนราชการ",
            "body": "จังหวัดพังงาขอให้ส่วนราชการเสนอนวัตกรรม จำนวน ๑ นวัตกรรม\n\nจึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ",
            "signatory_name": "นายวรพจน์ อันดามันกุล", "signatory_position": "ผู้ว่าราชการจังหวัดพังงา",
            "contact_unit": "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด สำนักงานจังหวัดพังงา",
            "contact_phone": "0 7641 3000"})
        calls.call_publish(actor=strategy, call=call)
    strategy_link = PlanLink.objects.filter(kind=PlanLink.Kind.NATIONAL_STRATEGY, code="6").first()
    targets = {t.organization.code: t for t in CallTarget.objects.filter(call=call).select_related("organization")}
    submitted_at = now - dt.timedelta(days=10)
    for code, name, category, background, objectives, group, novelty, (ind, before, after, unit) in PROPOSALS:
        target = targets.get(code)
        if target is None:
            continue
        proposal = Proposal.objects.create(
            call=call, target=target, organization=target.organization, status=Proposal.Status.SUBMITTED, slot=1,
            version=1, title=name, category=category, background=background, objectives=objectives,
            target_group=group, novelty=novelty, stage=Proposal.Stage.PILOT, national_strategy=strategy_link,
            results=[{"indicator": ind, "baseline": before, "result": after, "unit": unit}],
            sustainability="ขยายผลไปยังอำเภออื่นของจังหวัดและจังหวัดใกล้เคียง", budget=Decimal("250000"),
            submitted_at=submitted_at, created_by=strategy)
        ProposalVersion.objects.create(proposal=proposal, number=1, created_by=strategy,
                                       data={"title": name, "category": category, "background": background})
        index_proposal(proposal)  # what proposal_approve does for a submission through the service
        with happened_at(submitted_at):  # the proposal's history says how it came in (it was written directly)
            record(actor=strategy, action=AuditEntry.Action.CREATE, obj=proposal, verb="proposal_recorded_from_letter",
                   organization=target.organization,
                   message=f"รับข้อเสนอจาก{target.organization.name_th}ทางหนังสือราชการ")
    calls.targets_refresh(call=call)  # the board's stored states (the proposals were written directly)
    # The deadline has passed and the call is closed: the committee is at work.
    calls.call_close(actor=strategy, call=call)
    services.rubric_for(call=call, actor=strategy)
    reviewers = list(User.objects.filter(username__in=SCORES).order_by("username"))
    services.reviewers_assign(call=call, actor=strategy, reviewers=reviewers)
    criteria = list(call.rubric.criteria.order_by("order", "pk"))
    for username, sheets in SCORES.items():
        for code, values in sheets.items():
            assignment = Assignment.objects.filter(proposal__call=call, proposal__organization__code=code,
                                                   reviewer__username=username,
                                                   status=Assignment.Status.ASSIGNED).first()
            if assignment is None:  # excluded: own organization
                continue
            services.scores_save(assignment=assignment, actor=assignment.reviewer, submit=True,
                                 values={c.pk: (Decimal(v), "") for c, v in zip(criteria, values, strict=True)})
    return call
