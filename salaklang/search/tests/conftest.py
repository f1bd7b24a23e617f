"""The whole demo (``seed_demo``, which ends by indexing everything), once per module, plus the relevance set:
published posts of provincial texts on the Phang Nga site, and an outsider (staff of a third province)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

# (key, title, body) — provincial texts for the relevance set.
TEXTS = [
    ("A", "รองผู้ว่าราชการจังหวัดเชียงรายตรวจเยี่ยมด่านพรมแดนแม่สาย", "ติดตามสถานการณ์การค้าชายแดนและการอำนวยความสะดวกแก่นักท่องเที่ยว"),
    ("B", "ประกาศงดจ่ายน้ำประปาชั่วคราว ตำบลท้ายเหมือง", "การประปาส่วนภูมิภาคสาขาตะกั่วป่าแจ้งงดจ่ายน้ำ วันที่ ๑๒ มีนาคม ๒๕๖๘"),
    ("C", "รายงานผลการดำเนินงานตามแผนปฏิบัติราชการ ประจำปีงบประมาณ ๒๕๖๕", "สรุปผลตัวชี้วัดรายไตรมาส"),
    ("D", "โครงการพัฒนาระบบ e-Service สำนักงานขนส่งจังหวัดพังงา", "ลดขั้นตอนการต่อทะเบียนรถและชำระภาษีรถยนต์"),
    ("E", "การประเมินจังหวัด HPP รอบที่ 2", "เกณฑ์การประเมิน High Performance Province สำหรับส่วนราชการ"),
    ("F", "ประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านทุ่งคาโงก", "ราคากลาง 2,450,000 บาท"),
    ("G", "เทศกาลอาหารทะเลเกาะยาวน้อย", "ชิมอาหารทะเลสดจากชาวประมงพื้นบ้าน"),
    ("H", "มาตรการป้องกันไฟป่าและหมอกควัน PM2.5", "ห้ามเผาในที่โล่งตั้งแต่มกราคมถึงเมษายน"),
    ("I", "รับสมัครอาสาสมัครสาธารณสุขประจำหมู่บ้าน (อสม.)", "ผู้สนใจยื่นใบสมัครที่โรงพยาบาลส่งเสริมสุขภาพตำบล"),
    ("J", "ตลาดนัดสินค้าชุมชน OTOP ณ อำเภอทับปุด", "สินค้าหัตถกรรมและผลิตภัณฑ์แปรรูป"),
    ("K", "ซ่อมแซมไฟฟ้าส่องสว่างถนนเพชรเกษม กม. 35", "แขวงทางหลวงพังงาดำเนินการซ่อมแซม"),
    ("L", "ผลการคัดเลือกนวัตกรรมการท่องเที่ยวโดยชุมชนบ้านแหลมสัก", "คณะกรรมการพิจารณาคัดเลือกแล้ว"),
    ("M", "ประชาสัมพันธ์การฉีดวัคซีนไข้หวัดใหญ่ ปี ๒๕๖๘", "กลุ่มเสี่ยงรับวัคซีนฟรี"),
    ("N", "ข้อบัญญัติงบประมาณรายจ่ายประจำปี พ.ศ. ๒๕๖๗", "องค์การบริหารส่วนจังหวัดพังงา"),
    ("O", "แผนที่ท่องเที่ยวเขาหลัก-ลำรู่", "จุดชมวิวและน้ำตก"),
    ("P", "การแข่งขันเรือยาวประเพณีอำเภอตะกั่วทุ่ง", "ชิงถ้วยพระราชทาน"),
    ("Q", "ศูนย์ดำรงธรรมจังหวัดพังงาเปิดรับเรื่องร้องเรียนทางไลน์", "เพิ่มช่องทาง @damrongdhama"),
    ("R", "ปิดการจราจรสะพานสารสินชั่วคราว", "เพื่อซ่อมบำรุงผิวทาง"),
    ("S", "คู่มือประชาชน ขอใบอนุญาตประกอบกิจการโรงแรม", "เอกสารที่ต้องใช้ในการยื่นคำขอ"),
    ("T", "ผลการประชุม กบจ. ครั้งที่ ๓/๒๕๖๖", "คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ"),
    ("U", "ทุนการศึกษาเด็กนักเรียนยากจน มูลนิธิพังงา", "รับสมัครถึงสิ้นเดือน"),
    ("V", "โครงการ Smart Farmer ปลูกทุเรียนคุณภาพ", "อบรมเกษตรกรรุ่นใหม่"),
    ("W", "ขยะมูลฝอยตกค้างตลาดเทศบาลเมืองพังงา", "เร่งจัดเก็บภายในสัปดาห์"),
    ("X", "กิจกรรมปลูกป่าชายเลนเฉลิมพระเกียรติ", "ร่วมกับโรงเรียนในพื้นที่"),
    ("Y", "การเปิดเผยข้อมูลสาธารณะ OIT", "ตามเกณฑ์ ITA ประจำปี"),
    ("Z", "ระบบกล้องวงจรปิด CCTV เมืองปลอดภัย", "ติดตั้งเพิ่ม 40 จุด"),
    ("AA", "ประกาศรายชื่อผู้มีสิทธิ์สอบ พนักงานราชการ", "สอบข้อเขียนวันเสาร์"),
    ("AB", "มหกรรมกีฬาฟุตบอลเยาวชน U-15", "สนามกีฬากลางจังหวัด"),
    ("AC", "การบริหารจัดการน้ำเพื่อการเกษตร ฝายชะลอน้ำ", "สร้างฝายร่วมกับชุมชน"),
    ("AD", "งานวันผู้สูงอายุแห่งชาติ ๑๓ เมษายน", "รดน้ำดำหัวผู้สูงอายุ"),
]


@pytest.fixture(scope="module")
def search_media(tmp_path_factory):
    return tmp_path_factory.mktemp("search-uploads")


@pytest.fixture(autouse=True)
def _isolated_storage(settings, search_media):
    settings.MEDIA_ROOT = search_media


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, search_media):
    from django.test import override_settings

    from salaklang.core.testing import Role, make_org, make_province, make_user
    from salaklang.organizations.models import Organization
    from salaklang.portal.models import Post, Site
    from salaklang.search.index import reindex_kind

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=search_media):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        site = Site.objects.get(province__code="PNA")
        office = Organization.objects.get(code="PNA-PO")
        editor = site.posts.first().created_by
        now = timezone.now()
        posts = {}
        for i, (key, title, body) in enumerate(TEXTS):
            posts[key] = Post.objects.create(
                site=site, organization=office, kind=Post.Kind.NEWS, title=title, body=f"<p>{body}</p>",
                status=Post.Status.PUBLISHED, publish_at=now - dt.timedelta(hours=1 + i), created_by=editor)
        reindex_kind("post")
        third = make_province(code="TST", name_th="จังหวัดทดสอบ")
        agency = make_org(Organization.Kind.AGENCY, parent=third, code="TST-AG")
        outsider = make_user("outsider", roles=[(agency, Role.AGENCY_COORDINATOR)])
        yield {"posts": posts, "outsider": outsider}
        call_command("flush", interactive=False, verbosity=0)
