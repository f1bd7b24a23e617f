"""Public consultation at scale: consultations per province, comments and supports; public list and detail."""

from __future__ import annotations

import datetime as dt
import random

from bench.scenarios import Context, Page, bulk

# consultations per province, comments per consultation (average), citizens
SIZES = {"tiny": (5, 20, 50), "province": (30, 150, 3_000), "national": (12, 120, 20_000)}


def generate(ctx: Context) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from salaklang.accounts.models import User
    from salaklang.organizations.models import Organization
    from salaklang.participation.models import Comment, Consultation, Question, Support

    per_province, comments_avg, citizens_n = SIZES.get(ctx.scale, SIZES["tiny"])
    rng = random.Random(2571)
    now = timezone.now()
    staff = User.objects.get(username="pn.strategy")
    provinces = list(Organization.objects.filter(kind="province").order_by("pk"))[: max(ctx.provinces, 1)]
    password = make_password("salaklang-demo")
    with transaction.atomic():
        start = User.objects.filter(username__startswith="bench.citizen").count()
        bulk(User, (User(username=f"bench.citizen{start + i}", password=password, kind=User.Kind.CITIZEN,
                         first_name=f"พลเมือง{i}", last_name="ทดสอบ", email=f"bench.citizen{start + i}@bench.test")
                    for i in range(max(0, citizens_n - start))))
        citizens = list(User.objects.filter(username__startswith="bench.citizen").values_list("pk", flat=True))
        consultations = []
        for p in provinces:
            for j in range(per_province):
                opens = now - dt.timedelta(days=rng.randint(-10, 400))
                closes = opens + dt.timedelta(days=30)
                status = Consultation.Status.RESPONDED if closes < now and j % 3 else Consultation.Status.PUBLISHED
                consultations.append(Consultation(
                    province=p, subject=rng.choice(["agenda", "policy"]), title=f"ร่างประเด็นการพัฒนาที่ {j} {p.name_th}",
                    summary="ขอรับฟังความคิดเห็นต่อร่างประเด็นการพัฒนาจังหวัด", background="ความเป็นมา " * 40,
                    link_title="ประเด็นการพัฒนา", link_url="/agendas/", opens_at=opens, closes_at=closes,
                    status=status, published_at=opens, created_by=staff,
                    what_we_heard="สรุปสิ่งที่ได้รับฟัง" if status == "responded" else "",
                    what_we_did="สิ่งที่ดำเนินการ" if status == "responded" else "",
                    responded_at=closes if status == "responded" else None,
                ))
        bulk(Consultation, consultations)
        ids = list(Consultation.objects.filter(created_by=staff, title__startswith="ร่างประเด็นการพัฒนาที่ ")
                   .values_list("pk", flat=True))
        bulk(Question, (Question(consultation_id=cid, number=n, text=f"คำถามข้อ {n}") for cid in ids for n in (1, 2, 3)))
        questions = {}
        for qid, cid in Question.objects.filter(consultation_id__in=ids).values_list("pk", "consultation_id"):
            questions.setdefault(cid, []).append(qid)
        big = ids[0]

        def comments():
            for cid in ids:
                n = comments_avg * 10 if cid == big else rng.randint(0, comments_avg * 2)
                for k in range(n):
                    yield Comment(consultation_id=cid, question_id=rng.choice(questions[cid] + [None]),
                                  author_id=rng.choice(citizens), body="ความคิดเห็นของประชาชน " * rng.randint(2, 20),
                                  created_at=now - dt.timedelta(minutes=k),
                                  status="hidden" if k % 50 == 49 else "visible",
                                  hidden_reason="โฆษณา" if k % 50 == 49 else "")

        bulk(Comment, comments())
        bulk(Support, (Support(consultation_id=cid, user_id=uid) for cid in ids
                       for uid in rng.sample(citizens, min(len(citizens), rng.randint(0, 100)))))
    small = Consultation.objects.filter(pk__in=ids).exclude(pk=big).order_by("pk").first()
    ctx.state["consultation_big_id"] = big
    ctx.state["consultation_small_id"] = small.pk if small else big


PAGES = [
    Page("consultations, public list", "/participation/", None, 100),
    Page("consultations, public list (open only)", "/participation/?phase=open", None, 100),
    Page("consultation detail, many comments (public)",
         lambda ctx: f"/participation/{ctx.state['consultation_big_id']}/", None, 100,
         rows_check=lambda ctx: f"/participation/{ctx.state['consultation_small_id']}/"),
    Page("consultation detail (citizen)", lambda ctx: f"/participation/{ctx.state['consultation_big_id']}/",
         "citizen", 100),
    Page("consultations, staff list", "/participation/manage/", "pn.strategy", 100),
]
