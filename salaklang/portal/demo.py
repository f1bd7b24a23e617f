"""Demo portal: the Phang Nga and Chiang Rai websites with news, albums, announcements, documents and standing
pages (≥ 20 posts each); the seed 000 meeting as an album published from the meeting's photos — a Phang Nga
meeting whose photos are marked "may be published", turned into an album by ``pn.editor`` (and the Chiang Rai
meeting of the meetings demo, by its strategy staff),
and the seed 004 circular (Phang Nga) as an announcement with its letter and attachments. Idempotent.

Photos are drawn here (plain coloured pictures with a caption band), so nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from salaklang.accounts.models import User
from salaklang.organizations.models import Organization
from salaklang.portal import services
from salaklang.portal.models import Category, Post, Site

HOSTS = {"PNA": "www.phangnga.go.th", "CRI": "www.chiangrai.go.th"}
OFFICES = {"PNA": "PNA-PO", "CRI": "CRI-PO"}
EDITORS = {"PNA": "pn.editor", "CRI": "cr.strategy"}
CATEGORIES = [("activities", "กิจกรรมจังหวัด", "Provincial activities"), ("tourism", "ท่องเที่ยว", "Tourism"),
              ("procurement", "จัดซื้อจัดจ้าง", "Procurement"), ("hpp", "จังหวัด HPP", "HPP province")]
PAGES = {
    "history": "<h2>ความเป็นมา</h2><p>{name} เป็นจังหวัดหนึ่งของประเทศไทย มีประวัติศาสตร์ยาวนานและวัฒนธรรมท้องถิ่นที่โดดเด่น</p>",
    "vision": "<h2>วิสัยทัศน์</h2><p>เมืองน่าอยู่ เศรษฐกิจมั่นคง ประชาชนมีความสุข</p><h2>พันธกิจ</h2><ol><li>พัฒนาเศรษฐกิจ"
              "ฐานราก</li><li>ยกระดับการท่องเที่ยวอย่างยั่งยืน</li><li>บริการประชาชนด้วยระบบดิจิทัล</li></ol>",
    "structure": "<p>ส่วนราชการประจำจังหวัด อำเภอ และองค์กรปกครองส่วนท้องถิ่น</p>",
    "executives": "<ul><li>ผู้ว่าราชการจังหวัด</li><li>รองผู้ว่าราชการจังหวัด</li><li>ปลัดจังหวัด</li></ul>",
    "duties": "<p>บริหารราชการส่วนภูมิภาคตามพระราชบัญญัติระเบียบบริหารราชการแผ่นดิน พ.ศ. 2534</p>",
    "contact": "<p>ศาลากลางจังหวัด{short} โทร 0 7641 2345</p>",
}
NEWS = [
    "ผู้ว่าราชการจังหวัดประชุมหัวหน้าส่วนราชการประจำเดือน", "จังหวัดจัดกิจกรรมจิตอาสาพัฒนาชายหาด",
    "เปิดศูนย์บริการประชาชนแบบเบ็ดเสร็จ", "โครงการพัฒนาผลิตภัณฑ์ชุมชนสู่ตลาดออนไลน์",
    "จังหวัดรับมอบเครื่องมือแพทย์ให้โรงพยาบาลชุมชน", "มอบถุงยังชีพช่วยเหลือผู้ประสบอุทกภัย",
    "อบรมเจ้าหน้าที่ด้านความปลอดภัยทางถนน", "ส่งเสริมเกษตรกรปลูกพืชผสมผสาน",
    "ประชุมคณะกรรมการพัฒนาจังหวัดสมัยสามัญ", "เปิดงานเทศกาลอาหารพื้นเมือง",
]
ANNOUNCEMENTS = [
    ("ประกาศจังหวัด เรื่อง การรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการ", "12/2568"),
    ("ประกาศจังหวัด เรื่อง ประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก", "25/2568"),
    ("ประกาศจังหวัด เรื่อง กำหนดวันหยุดราชการเพิ่มเติม", "31/2568"),
    ("ประกาศจังหวัด เรื่อง มาตรการป้องกันไฟป่าและหมอกควัน", "40/2568"),
]
DOCUMENTS = ["แผนพัฒนาจังหวัด พ.ศ. 2566–2570 (ฉบับทบทวน)", "รายงานผลการดำเนินงานประจำปี", "คู่มือการให้บริการประชาชน",
             "แผนปฏิบัติราชการประจำปีงบประมาณ"]
COLOURS = [(11, 79, 138), (30, 120, 80), (160, 90, 20), (120, 40, 100), (50, 50, 50), (0, 110, 130)]


def _picture(label: str, n: int, size=(1200, 800)) -> SimpleUploadedFile:
    img = Image.new("RGB", size, COLOURS[n % len(COLOURS)])
    draw = ImageDraw.Draw(img)
    for i in range(0, size[0], 160):
        draw.line([(i, 0), (i + 400, size[1])], fill=(255, 255, 255), width=3)
    draw.rectangle([0, size[1] - 140, size[0], size[1]], fill=(0, 0, 0))
    draw.text((40, size[1] - 100), label, fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(f"demo-{n}.jpg", out.getvalue(), content_type="image/jpeg")


INNOVATION_FORM_FIELDS = [  # the enclosure of seed 004 (สิ่งที่ส่งมาด้วย: แบบฟอร์มการเสนอนวัตกรรมประจำหน่วยงาน)
    ("๑. ชื่อนวัตกรรม", False),
    ("๒. หน่วยงานที่เสนอ / ผู้รับผิดชอบ / โทรศัพท์", False),
    ("๓. ประเภทนวัตกรรม (ก. เชิงนโยบาย  ข. การให้บริการ  ค. การบริหาร/องค์การ)", False),
    ("๔. ความเป็นมาและสภาพปัญหา", True),
    ("๕. วัตถุประสงค์", True),
    ("๖. วิธีการดำเนินงานและระยะเวลา", True),
    ("๗. ผลที่คาดว่าจะได้รับและตัวชี้วัด", True),
]


def _pdf(title: str, *, publisher: str = "", filename: str = "document.pdf",
         form_fields: list[tuple[str, bool]] | None = None) -> SimpleUploadedFile:
    """A real one-page PDF in Thai (the document's title, its publisher and a text, or a form to fill in), rendered
    by the platform's own PDF pipeline, so a visitor who downloads a demo document reads something."""
    from salaklang.documents.pdf import render_pdf

    paragraphs = [
        f"เอกสาร “{title}” จัดทำขึ้นเพื่อเผยแพร่ให้ประชาชนและหน่วยงานที่เกี่ยวข้องทราบโดยทั่วกัน",
        "เอกสารนี้เป็นข้อมูลตัวอย่างของระบบศาลากลาง สอบถามรายละเอียดเพิ่มเติมได้ที่สำนักงานจังหวัดในวันและเวลาราชการ",
    ]
    data = render_pdf("portal/demo/document_pdf.html", {
        "title": title, "publisher": publisher, "paragraphs": paragraphs, "form_fields": form_fields or []})
    return SimpleUploadedFile(filename, data, content_type="application/pdf")


def _site(code: str) -> Site | None:
    province = Organization.objects.filter(code=code).first()
    if province is None:
        return None
    office = Organization.objects.filter(code=OFFICES[code]).first()
    site = services.site_ensure(province=province, office=office)
    updates = {"office": office, "host": HOSTS[code], "tagline": "ศาลากลางจังหวัดออนไลน์ ข่าวสาร ประกาศ และบริการประชาชน",
               "tagline_en": "The provincial hall online: news, announcements and services for the people",
               "address": province.address or f"ศาลากลางจังหวัด{province.short_name or province.name_th}",
               "phone": province.phone or "0 7641 2345"}
    Site.objects.filter(pk=site.pk).update(**updates)
    site.refresh_from_db()
    for i, (slug, th, en) in enumerate(CATEGORIES):
        Category.objects.get_or_create(site=site, slug=slug, defaults={"name_th": th, "name_en": en, "sort_order": i})
    return site


def _publish(post: Post, actor, when: dt.datetime) -> None:
    services.post_publish(post=post, actor=actor)
    Post.objects.filter(pk=post.pk).update(publish_at=when)


def _seed_site(code: str) -> int:
    site = _site(code)
    editor = User.objects.filter(username=EDITORS[code]).first()
    if site is None or editor is None:
        return 0
    if Post.objects.filter(site=site, source_key__startswith="demo:").exists():
        return Post.objects.filter(site=site).count()
    name = site.province.name_th
    short = site.province.short_name or name
    cats = {c.slug: c for c in site.categories.all()}
    section = site.office or site.province
    now = timezone.now()
    with transaction.atomic():
        for page, html in PAGES.items():
            post = services.post_create(actor=editor, site=site, organization=section, kind=Post.Kind.PAGE, page=page,
                                        title=str(Post.Page(page).label), body=html.format(name=name, short=short),
                                        source_key=f"demo:page:{page}")
            Post.objects.filter(pk=post.pk).update(title={"history": "ประวัติความเป็นมา", "vision": "วิสัยทัศน์และพันธกิจ",
                                                          "structure": "โครงสร้างองค์กร", "executives": "ผู้บริหาร",
                                                          "duties": "อำนาจหน้าที่", "contact": "ติดต่อเรา"}[page])
            post.refresh_from_db()
            _publish(post, editor, now - dt.timedelta(days=400))
        for i, title in enumerate(NEWS):
            post = services.post_create(
                actor=editor, site=site, organization=section, kind=Post.Kind.NEWS, title=f"{title} {short}",
                summary=f"{title} ณ {short}", category=cats["activities" if i % 2 else "hpp"],
                body=f"<p>{title} ณ ศาลากลางจังหวัด{short} โดยมีหัวหน้าส่วนราชการและประชาชนเข้าร่วม</p>",
                source_key=f"demo:news:{i}")
            services.photo_add(post=post, actor=editor, upload=_picture(title, i), caption=title)
            _publish(post, editor, now - dt.timedelta(days=2 * i + 1, hours=i))
            if i < 2:
                services.post_set_featured(post=post, actor=editor, featured=True)
        for i in range(3):
            post = services.post_create(
                actor=editor, site=site, organization=section, kind=Post.Kind.ALBUM,
                title=f"ประมวลภาพกิจกรรม {NEWS[i + 3]}", summary=f"ภาพกิจกรรม {short}", category=cats["activities"],
                event_date=(now - dt.timedelta(days=5 * i + 3)).date(), venue=f"ศาลากลางจังหวัด{short}",
                source_key=f"demo:album:{i}")
            for n in range(4):
                services.photo_add(post=post, actor=editor, upload=_picture(f"{i}-{n}", n + i),
                                   caption=f"ภาพที่ {n + 1}")
            _publish(post, editor, now - dt.timedelta(days=5 * i + 2))
        for i, (title, number) in enumerate(ANNOUNCEMENTS):
            post = services.post_create(
                actor=editor, site=site, organization=section, kind=Post.Kind.ANNOUNCEMENT, title=title, number=number,
                effective_date=(now - dt.timedelta(days=3 * i)).date(), category=cats["procurement"] if i == 1 else None,
                body="<p>ด้วยจังหวัดมีความประสงค์ประกาศให้ทราบโดยทั่วกัน รายละเอียดตามเอกสารแนบ</p>",
                source_key=f"demo:announcement:{i}")
            upload = _pdf(title, publisher=section.name_th, filename=f"announcement-{i + 1}.pdf")
            services.attachment_add(post=post, actor=editor, upload=upload, description=title)
            _publish(post, editor, now - dt.timedelta(days=3 * i + 1))
        for i, title in enumerate(DOCUMENTS):
            post = services.post_create(
                actor=editor, site=site, organization=section, kind=Post.Kind.DOCUMENT, title=f"{title} จังหวัด{short}",
                body="<p>เอกสารเผยแพร่ ดาวน์โหลดได้จากตารางไฟล์แนบ</p>", source_key=f"demo:document:{i}")
            upload = _pdf(title, publisher=section.name_th, filename=f"document-{i + 1}.pdf")
            services.attachment_add(post=post, actor=editor, upload=upload, description=title)
            _publish(post, editor, now - dt.timedelta(days=10 * i + 4))
        # One draft and one scheduled post, for the editor pages.
        services.post_create(actor=editor, site=site, organization=section, kind=Post.Kind.NEWS,
                             title="ร่างข่าว: เตรียมจัดงานกาชาดประจำปี", source_key="demo:draft")
        later = services.post_create(actor=editor, site=site, organization=section, kind=Post.Kind.NEWS,
                                     title="กำหนดการงานวันท้องถิ่นไทย", source_key="demo:scheduled")
        services.post_publish(post=later, actor=editor, at=now + dt.timedelta(days=3))
    return Post.objects.filter(site=site).count()


def _seed_meeting_album() -> str:
    """Seed 000: the Chiang Rai meeting's photos → album (via the one-step publishing)."""
    from salaklang.agendas import demo as agendas_demo
    from salaklang.agendas.models import Meeting
    from salaklang.agendas.services import photos as photos_services

    meeting = Meeting.objects.filter(title=agendas_demo.MEETING_TITLE).select_related("province").first()
    actor = User.objects.filter(username="cr.strategy").first()
    if meeting is None or actor is None:
        return "no meeting"
    if not meeting.photos.exists():
        for n, caption in enumerate(["ผู้เข้าร่วมประชุม", "รองผู้ว่าราชการจังหวัดเป็นประธานการประชุม",
                                     "การนำเสนอแนวทางการพัฒนาจังหวัด HPP", "การแลกเปลี่ยนความคิดเห็น"]):
            photos_services.photo_add(actor=actor, meeting=meeting, upload=_picture(caption, n), caption=caption,
                                      publishable=n != 3)
    post = services.album_from_meeting(meeting=meeting, actor=actor)
    if not post.is_public():
        services.post_publish(post=post, actor=actor)
        Post.objects.filter(pk=post.pk).update(publish_at=timezone.make_aware(dt.datetime(2021, 12, 4, 9, 0)))
    return post.title


PNA_MEETING_TITLE = ("ประชุมหารือแนวทางการขับเคลื่อนการพัฒนารูปแบบการเพิ่มประสิทธิภาพการบริหารราชการในจังหวัด"
                     "ให้มีการทำงานที่มีผลสัมฤทธิ์สูง ประจำปีงบประมาณ พ.ศ. 2565 จังหวัดพังงา")
PNA_MEETING_VENUE = "ห้องประชุมพังงาบุรี ชั้น 2 ศาลากลางจังหวัดพังงา อ.เมืองพังงา จ.พังงา"
PNA_MEETING_PHOTOS = ["ผู้ว่าราชการจังหวัดพังงาเป็นประธานการประชุม", "ผู้เข้าร่วมประชุมคณะทำงาน",
                      "การนำเสนอแนวทางการพัฒนาจังหวัด HPP", "บรรยากาศการแลกเปลี่ยนความคิดเห็น"]


def pna_meeting():
    """The Phang Nga meeting of seed 000, held, with photos marked "may be published" (one is not). Idempotent."""
    from salaklang.agendas.models import Meeting
    from salaklang.agendas.services import meetings as meetings_services
    from salaklang.agendas.services import photos as photos_services
    from salaklang.organizations.models import Committee

    meeting = Meeting.objects.filter(title=PNA_MEETING_TITLE, province__code="PNA").first()
    strategy = User.objects.filter(username="pn.strategy").first()
    committee = Committee.objects.filter(organization__code="PNA").order_by("pk").first()
    if meeting is None:
        if strategy is None or committee is None:
            return None
        meeting = meetings_services.meeting_create(actor=strategy, committee=committee, data={
            "number": "2/2565", "title": PNA_MEETING_TITLE, "date": dt.date(2021, 12, 3),
            "start_time": dt.time(10, 0), "end_time": dt.time(12, 0), "venue": PNA_MEETING_VENUE,
            "chair": User.objects.filter(username="pn.governor").first(), "minute_taker": strategy})
        meetings_services.meeting_invite(actor=strategy, meeting=meeting)
        meetings_services.meeting_hold(actor=strategy, meeting=meeting, opened_at=dt.time(10, 0),
                                     closed_at=dt.time(12, 0))
    if not meeting.photos.exists():
        for n, caption in enumerate(PNA_MEETING_PHOTOS):
            photos_services.photo_add(actor=strategy, meeting=meeting, upload=_picture(caption, n + 2), caption=caption,
                                      publishable=n != 3)
    return meeting


def _seed_pna_meeting_album() -> str:
    """Seed 000 in Phang Nga: pn.editor (portal editor of the Provincial Office) publishes the meeting's photos."""
    meeting = pna_meeting()
    editor = User.objects.filter(username="pn.editor").first()
    if meeting is None or editor is None:
        return "no meeting"
    post = services.album_from_meeting(meeting=meeting, actor=editor)
    if not post.is_public():
        services.post_publish(post=post, actor=editor)
        Post.objects.filter(pk=post.pk).update(publish_at=timezone.make_aware(dt.datetime(2021, 12, 4, 9, 0)),
                                               view_count=1254)
    return post.title


def _seed_call_announcement() -> str:
    """Seed 004: the Phang Nga call's circular → announcement with the letter and attachments."""
    from salaklang.calls.models import Call

    # the call still open for proposals (the one in review was published earlier, with its own circular)
    call = (Call.objects.filter(issuer__province__code="PNA", subject__contains="นวัตกรรม", status=Call.Status.PUBLISHED)
            .order_by("created_at").first())
    actor = User.objects.filter(username="pn.editor").first()
    if call is None or actor is None:
        return "no call"
    post = services.announcement_from_call(call=call, actor=actor)
    if post.attachments.count() < 2:  # the enclosure the circular names (สิ่งที่ส่งมาด้วย)
        form = _pdf("แบบฟอร์มการเสนอนวัตกรรมประจำหน่วยงาน", publisher=call.issuer.name_th,
                    filename="innovation-proposal-form.pdf", form_fields=INNOVATION_FORM_FIELDS)
        services.attachment_add(post=post, actor=actor, upload=form, description="แบบฟอร์มข้อเสนอนวัตกรรม จำนวน ๑ ชุด")
    if not post.is_public():
        services.post_publish(post=post, actor=actor)
    return post.title


def seed() -> dict:
    out = {code: _seed_site(code) for code in ("PNA", "CRI")}
    out["seed000"] = _seed_pna_meeting_album()
    out["seed000_cri"] = _seed_meeting_album()
    out["seed004"] = _seed_call_announcement()
    from salaklang.portal import tasks
    from salaklang.portal.models import Photo

    for photo in Photo.objects.filter(thumb=""):
        tasks.render(photo)
    return out
