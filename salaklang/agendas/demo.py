"""Demo (seed 000): the Chiang Rai HPP working group of fiscal year 2565.

Four candidate agendas, the opinions of the agencies, the meeting of Friday 3 December 2564 at 10.00 in
ห้องประชุมเวียงกาหลง ชั้น 3 ศาลากลางจังหวัดเชียงราย chaired by the vice governor, six agencies present,
the policy analyst of Tourism and Sports attending for its head, approved minutes and one agenda selected.
Plus an upcoming meeting of the next fiscal year with invitations sent. Idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from salaklang.accounts.models import User
from salaklang.agendas.models import Agenda, Attendee, Meeting, MeetingItem, OpinionRound
from salaklang.agendas.services import agendas as agendas_services
from salaklang.agendas.services import meetings as meetings_services
from salaklang.agendas.services import minutes as minutes_services
from salaklang.agendas.services import opinions as opinions_services
from salaklang.agendas.services import selection
from salaklang.calls.models import PlanLink
from salaklang.core.thai import fiscal_year
from salaklang.organizations.models import Committee, Organization

FY = 2565
MEETING_TITLE = ("ประชุมหารือแนวทางการขับเคลื่อนการพัฒนารูปแบบการเพิ่มประสิทธิภาพการบริหารราชการในจังหวัด"
                 "ให้มีการทำงานที่มีผลสัมฤทธิ์สูง ประจำปีงบประมาณ พ.ศ. 2565 และประชุมคณะทำงานเพื่อเพิ่มประสิทธิภาพ"
                 "การบริหารราชการในจังหวัดให้มีการทำงานที่มีผลสัมฤทธิ์สูง")
VENUE = "ห้องประชุมเวียงกาหลง ชั้น 3 ศาลากลางจังหวัดเชียงราย อ.เมืองเชียงราย จ.เชียงราย"

# (proposing org, national strategy code, title, problem, area, evidence)
AGENDAS = [
    ("CRI-NRE", "5", "การแก้ไขปัญหาหมอกควันและไฟป่า (PM2.5) จังหวัดเชียงราย",
     "ค่าฝุ่นละออง PM2.5 เกินค่ามาตรฐานต่อเนื่องในช่วงเดือนกุมภาพันธ์–เมษายน จากการเผาในที่โล่งและไฟป่า "
     "ส่งผลต่อสุขภาพของประชาชนและการท่องเที่ยว", "ทั้ง 18 อำเภอ โดยเฉพาะอำเภอแม่สาย แม่จัน และเชียงแสน",
     "จำนวนวันที่ค่า PM2.5 เกินมาตรฐานปี 2564: 62 วัน; จุดความร้อน (hotspot) 4,812 จุด"),
    ("CRI-TOUR", "2", "การยกระดับเชียงรายสู่เมืองแห่งศิลปะและการท่องเที่ยวเชิงสร้างสรรค์",
     "รายได้จากการท่องเที่ยวลดลงจากสถานการณ์โควิด-19 ต้องการสร้างจุดขายใหม่จากทุนทางศิลปวัฒนธรรม",
     "อำเภอเมืองเชียงราย และเส้นทางศิลปะทั่วจังหวัด", "รายได้จากการท่องเที่ยวปี 2564 ลดลงร้อยละ 71 จากปี 2562"),
    ("CRI-TRANSPORT", "1", "การลดอุบัติเหตุทางถนนในช่วงเทศกาล",
     "อัตราการเสียชีวิตจากอุบัติเหตุทางถนนสูงกว่าค่าเฉลี่ยของประเทศ", "ถนนสายหลัก 1 และ 1290",
     "ผู้เสียชีวิตจากอุบัติเหตุทางถนนปี 2564: 289 ราย"),
    ("CRI-LAND", "6", "การให้บริการด้านที่ดินแบบอิเล็กทรอนิกส์ (e-Service) ลดระยะเวลารอคอย",
     "ประชาชนต้องเดินทางมาติดต่อสำนักงานที่ดินหลายครั้ง ระยะเวลารอคอยเฉลี่ยนาน", "สำนักงานที่ดินจังหวัดและสาขา",
     "ระยะเวลารอคอยเฉลี่ย 3.5 ชั่วโมงต่อเรื่อง"),
]

# (org, [(position, reasoning, contribution) per agenda above])
OPINIONS = {
    "CRI-HEALTH": [("support", "ผลกระทบต่อระบบทางเดินหายใจของประชาชนสูง", "เฝ้าระวังและสื่อสารความเสี่ยงด้านสุขภาพ"),
                   ("support", "", ""), ("conditional", "ต้องบูรณาการกับศูนย์ความปลอดภัยทางถนน", "ข้อมูลผู้บาดเจ็บ 3 ฐาน"),
                   ("no_view", "", "")],
    "CRI-NRE": [("support", "เป็นภารกิจหลักของหน่วยงาน", "ข้อมูลจุดความร้อนและเครือข่ายอาสาดับไฟป่า"),
                ("conditional", "ต้องคำนึงถึงขีดความสามารถในการรองรับของพื้นที่", ""), ("no_view", "", ""),
                ("support", "", "")],
    "CRI-TRANSPORT": [("support", "", ""), ("no_view", "", ""),
                      ("support", "เป็นปัญหาเร่งด่วนในช่วงเทศกาล", "จุดตรวจและข้อมูลใบอนุญาตขับขี่"), ("support", "", "")],
    "CRI-LAND": [("support", "", ""), ("no_view", "", ""), ("no_view", "", ""),
                 ("support", "พร้อมดำเนินการตามนโยบายกรมที่ดิน", "ระบบคิวออนไลน์และข้อมูลรูปแปลงที่ดิน")],
    "CRI-TOUR": [("support", "หมอกควันกระทบภาพลักษณ์การท่องเที่ยวในฤดูท่องเที่ยว", "ประชาสัมพันธ์ผ่านเครือข่ายผู้ประกอบการ"),
                 ("support", "สอดคล้องกับการเป็นเมืองสร้างสรรค์", "ปฏิทินกิจกรรมศิลปะและงบประมาณประชาสัมพันธ์"),
                 ("support", "", ""), ("oppose", "ไม่ใช่ปัญหาเร่งด่วนเชิงพื้นที่ในปีนี้", "")],
}
# the agency that answers, by org code
ANSWERS_BY = {"CRI-HEALTH": "cr.health.head", "CRI-NRE": "cr.nre.head", "CRI-TRANSPORT": "cr.transport.head",
              "CRI-LAND": "cr.land.head", "CRI-TOUR": "cr.tourism.analyst"}

OPENING = ("ประธานกล่าวเปิดการประชุม และแจ้งว่าคณะอนุกรรมการพัฒนาระบบราชการเกี่ยวกับการส่งเสริมและพัฒนาระบบการบริหาร"
           "ราชการในส่วนภูมิภาคและท้องถิ่น ได้กำหนดแนวทางการพัฒนารูปแบบการเพิ่มประสิทธิภาพการบริหารราชการในจังหวัด"
           "ให้มีการทำงานที่มีผลสัมฤทธิ์สูง (High Performance Provinces: จังหวัด HPP) ระหว่างกระทรวงมหาดไทยและสำนักงาน ก.พ.ร.")
MECHANISMS = ("จังหวัด HPP หมายถึง จังหวัดที่สามารถบริหารจัดการตามประเด็นนโยบายสำคัญ (agenda) ให้บรรลุผลสำเร็จได้ผลผลิต"
              "และผลลัพธ์ตามแผนการขับเคลื่อน โดยกลไกการบริหารจัดการมี 4 รูปแบบ ได้แก่\n"
              "1. การนำระบบดิจิทัลมาใช้ในการพัฒนางาน (Digital Government) เช่น บริการทางอิเล็กทรอนิกส์ (e-Service)\n"
              "2. การพัฒนานวัตกรรมของภาครัฐ (Public Innovation)\n"
              "3. การส่งเสริมและพัฒนาวิธีการปฏิบัติงานไปสู่การเป็นราชการระบบเปิด (Open Government)\n"
              "4. การพัฒนาสู่การบริการภาครัฐที่เป็นเลิศ (Public Service Excellence) เช่น การขยายผล PMQA 4.0 "
              "และรางวัลเลิศรัฐ")


def _people(*usernames: str) -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=usernames)}


@transaction.atomic
def seed() -> dict[str, int]:
    cri = Organization.objects.filter(code="CRI").first()
    committee = Committee.objects.filter(organization=cri, kind=Committee.Kind.WORKING_GROUP).first() if cri else None
    if committee is None:
        return {"agendas": 0}
    if Agenda.objects.filter(province=cri, fiscal_year=FY).exists():
        return {"agendas": Agenda.objects.count(), "meetings": Meeting.objects.count()}
    p = _people("cr.strategy", "cr.vicegov", "cr.tourism.head", "cr.tourism.analyst", *ANSWERS_BY.values())
    strategy = p["cr.strategy"]
    orgs = {o.code: o for o in Organization.objects.filter(code__startswith="CRI")}
    strategies = {pl.code: pl for pl in PlanLink.objects.filter(kind=PlanLink.Kind.NATIONAL_STRATEGY, province=None)}

    agendas = []
    for code, ns, title, problem, area, evidence in AGENDAS:
        data = {"title": title, "problem": problem, "area": area, "evidence": evidence, "fiscal_year": FY,
                "national_strategy": strategies.get(ns)}
        if code == "CRI-LAND":  # an agency's own proposal, taken in by the strategy staff
            a = agendas_services.agenda_create(actor=p["cr.land.head"], province=cri, proposed_by=orgs[code], data=data)
            a = agendas_services.agenda_accept(actor=strategy, agenda=a)
        else:
            a = agendas_services.agenda_create(actor=strategy, province=cri, proposed_by=orgs[code], data=data)
        agendas.append(a)

    rnd = opinions_services.opinion_round_open(actor=strategy, province=cri, fiscal_year=FY,
                                      due_date=timezone.localdate() + dt.timedelta(days=1),
                                      message="ขอให้ส่วนราชการแสดงความเห็นเป็นรายหน่วยงานต่อประเด็นนโยบาย (agenda) "
                                              "ที่เสนอ ก่อนการประชุมคณะทำงาน")
    OpinionRound.objects.filter(pk=rnd.pk).update(due_date=dt.date(2021, 11, 30))  # historical demo data
    for code, rows in OPINIONS.items():
        for agenda, (position, reasoning, contribution) in zip(agendas, rows, strict=True):
            opinions_services.opinion_record(actor=p[ANSWERS_BY[code]], agenda=agenda, organization=orgs[code],
                                    position=position, reasoning=reasoning, contribution=contribution)

    meeting = meetings_services.meeting_create(actor=strategy, committee=committee, data={
        "number": "1/2565", "title": MEETING_TITLE, "date": dt.date(2021, 12, 3), "start_time": dt.time(10, 0),
        "end_time": dt.time(12, 0), "venue": VENUE, "chair": p["cr.vicegov"], "minute_taker": strategy,
        "checker": p["cr.vicegov"]})
    first = meetings_services.item_add(actor=strategy, meeting=meeting, section=MeetingItem.Section.ANNOUNCEMENTS,
                              title="แนวทางการพัฒนาจังหวัดสู่การเป็นจังหวัดที่มีผลสัมฤทธิ์สูง (จังหวัด HPP)")
    choose = meetings_services.item_add(actor=strategy, meeting=meeting, section=MeetingItem.Section.FOR_CONSIDERATION,
                               title="พิจารณาเลือกและเสนอประเด็นนโยบาย (agenda) ที่มีความสำคัญในการพัฒนาหรือแก้ไขปัญหา"
                                     "เร่งด่วนเชิงพื้นที่ ประจำปีงบประมาณ พ.ศ. 2565", agendas=agendas)
    meetings_services.meeting_invite(actor=strategy, meeting=meeting)
    for attendee in meeting.attendees.select_related("organization"):
        if attendee.organization and attendee.organization.code == "CRI-TOUR":
            meetings_services.attendance_record(actor=strategy, attendee=attendee, attendance=Attendee.Attendance.REPRESENTED,
                                       delegate=p["cr.tourism.analyst"], note="ตามหนังสือมอบหมาย")
        else:
            meetings_services.attendance_record(actor=strategy, attendee=attendee, attendance=Attendee.Attendance.PRESENT)
    meetings_services.meeting_hold(actor=strategy, meeting=meeting, opened_at=dt.time(10, 0), closed_at=dt.time(12, 0))
    minutes_services.minutes_update(actor=strategy, meeting=meeting, opening=OPENING, items={
        first.pk: {"discussion": MECHANISMS, "resolution": "ที่ประชุมรับทราบ"},
        choose.pk: {"discussion": "ส่วนราชการที่เข้าร่วมประชุมนำเสนอและแสดงความเห็นเป็นรายหน่วยงานต่อประเด็นนโยบาย "
                                  "ทั้ง 4 ประเด็น ส่วนใหญ่สนับสนุนประเด็นการแก้ไขปัญหาหมอกควันและไฟป่า (PM2.5)",
                    "resolution": ""}})
    selection.agendas_select(actor=strategy, item=choose, agendas=[agendas[0]],
                            resolution="ที่ประชุมมีมติเลือกประเด็นการแก้ไขปัญหาหมอกควันและไฟป่า (PM2.5) จังหวัดเชียงราย "
                                       "เป็นประเด็นนโยบาย (agenda) ของจังหวัด ประจำปีงบประมาณ พ.ศ. 2565 "
                                       "และมอบหมายสำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัดจัดทำแผนการขับเคลื่อน")
    minutes_services.minutes_check(actor=p["cr.vicegov"], meeting=meeting)
    minutes_services.minutes_approve(actor=strategy, meeting=meeting)

    # the next fiscal year: two candidates and a meeting with invitations sent
    next_fy = fiscal_year(timezone.localdate()).be + 1
    upcoming = [agendas_services.agenda_create(actor=strategy, province=cri, proposed_by=orgs[code], data={
        "title": title, "fiscal_year": next_fy, "problem": problem, "area": area})
        for code, title, problem, area in [
            ("CRI-HEALTH", "การลดอัตราการตายจากโรคหลอดเลือดสมองด้วยระบบส่งต่อผู้ป่วยดิจิทัล",
             "ผู้ป่วยเข้าถึงการรักษาล่าช้ากว่า 4.5 ชั่วโมง", "ทั้งจังหวัด"),
            ("CRI-TOUR", "การท่องเที่ยวชายแดนสามเหลี่ยมทองคำแบบไร้รอยต่อ",
             "ขั้นตอนผ่านแดนและข้อมูลการท่องเที่ยวกระจัดกระจาย", "อำเภอเชียงแสน แม่สาย")]]
    opinions_services.opinion_round_open(actor=strategy, province=cri, fiscal_year=next_fy,
                                due_date=timezone.localdate() + dt.timedelta(days=10))
    nxt = meetings_services.meeting_create(actor=strategy, committee=committee, data={
        "number": f"1/{next_fy}", "title": f"ประชุมคณะทำงานขับเคลื่อนจังหวัด HPP ครั้งที่ 1/{next_fy}",
        "date": timezone.localdate() + dt.timedelta(days=14), "start_time": dt.time(9, 30),
        "end_time": dt.time(12, 0), "venue": VENUE, "minute_taker": strategy})
    meetings_services.item_add(actor=strategy, meeting=nxt, title=f"พิจารณาประเด็นนโยบาย (agenda) ประจำปีงบประมาณ พ.ศ. {next_fy}",
                      agendas=upcoming)
    meetings_services.meeting_invite(actor=strategy, meeting=nxt)
    return {"agendas": Agenda.objects.count(), "meetings": Meeting.objects.count()}
