"""Reviews: a closed call with 40 proposals × 7 reviewers, every sheet scored; the queue and the ranking page."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from bench.scenarios import Context, Page, bulk


def generate(ctx: Context) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from salaklang.accounts.models import User
    from salaklang.calls.models import Call, CallTarget, Proposal
    from salaklang.organizations.models import Membership, Organization, Role
    from salaklang.reviews import services
    from salaklang.reviews.models import Assignment, Score

    rng = random.Random(7)
    now = timezone.now()
    pna = Organization.objects.get(code="PNA")
    strategy = User.objects.get(username="pn.strategy")
    call = Call.objects.create(issuer=pna, title="[bench] การพิจารณา 40 ข้อเสนอ", fiscal_year=2570, status="closed",
                               opens_at=now - dt.timedelta(days=60), deadline=now - dt.timedelta(days=1),
                               subject="x", body="x", signatory_name="x", signatory_position="x", created_by=strategy)
    agencies = list(Organization.objects.filter(province=pna, kind="agency").order_by("pk"))[:40]
    while len(agencies) < 40:
        agencies.append(Organization.objects.create(code=f"PNA-RB{len(agencies)}", kind="agency", parent=pna,
                                                    name_th=f"หน่วยงานพิจารณา {len(agencies)}"))
    bulk(CallTarget, [CallTarget(call=call, organization=o) for o in agencies])
    targets = {t.organization_id: t for t in CallTarget.objects.filter(call=call)}
    bulk(Proposal, [Proposal(call=call, target=targets[o.pk], organization=o, status="submitted", slot=1, version=1,
                             title=f"ข้อเสนอพิจารณาที่ {i}", category="service", created_by=strategy, submitted_at=now)
                    for i, o in enumerate(agencies)])
    password = make_password("salaklang-demo")
    reviewers = [User.objects.get(username="pn.reviewer")]
    for i in range(6):
        r, _ = User.objects.get_or_create(username=f"bench.reviewer{i}", defaults={"password": password,
                                                                                  "first_name": f"กรรมการ{i}"})
        Membership.objects.get_or_create(user=r, organization=pna, role=Role.REVIEWER)
        reviewers.append(r)
    rubric = services.rubric_for(call=call, actor=strategy)
    services.reviewers_assign(call=call, actor=strategy, reviewers=reviewers)
    criteria = list(rubric.criteria.all())
    assignments = list(Assignment.objects.filter(proposal__call=call, status="assigned"))
    bulk(Score, [Score(assignment=a, criterion=c, value=Decimal(rng.randint(0, c.max_score))) for a in assignments
                 for c in criteria])
    Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(status="submitted", submitted_at=now)
    ctx.state["review_call_id"] = call.pk
    ctx.state["score_sheet_id"] = Assignment.objects.filter(proposal__call=call, reviewer__username="pn.reviewer").first().pk
    Assignment.objects.filter(pk=ctx.state["score_sheet_id"]).update(status="assigned", submitted_at=None)
    _similarity_index(ctx, call, strategy, now, rng)


VOCABULARY = ["ระบบ", "จอง", "คิว", "ออนไลน์", "อุทยาน", "นักท่องเที่ยว", "ผู้ป่วย", "แพทย์", "ทางไกล", "เกษตรกร", "ประมง", "ชุมชน", "ตลาด", "สินค้า", "โรงเรียน", "นักเรียน", "ขยะ", "น้ำ", "ถนน", "ไฟฟ้า", "ผู้สูงอายุ", "คนพิการ", "สวัสดิการ", "เอกสาร", "อนุญาต", "ภาษี", "ที่ดิน", "รถยนต์", "ใบขับขี่", "ท่าเรือ", "เกาะ", "ป่าชายเลน", "ปะการัง", "ภัยพิบัติ", "น้ำท่วม", "แจ้งเตือน", "แอปพลิเคชัน", "ไลน์", "ข้อมูล"]


def _similarity_index(ctx: Context, call, actor, now, rng) -> None:
    """Bring the similarity index to 100,000 proposals at national scale (synthetic terms, bulk inserts)."""
    from salaklang.calls.models import CallTarget, Proposal
    from salaklang.reviews.models import ProposalTerm
    from salaklang.reviews.similarity import index_proposal

    target_count = 100_000 if ctx.scale == "national" else 2_000
    missing = target_count - Proposal.objects.count()
    if missing > 0:
        target = CallTarget.objects.filter(call=call).first()
        bulk(Proposal, (Proposal(call=call, target=target, organization_id=target.organization_id, status="withdrawn",
                                 title="ข้อเสนอสำหรับดัชนี", category="service", created_by=actor, version=1)
                        for _ in range(missing)), batch_size=5000)
    ids = list(Proposal.objects.filter(terms__isnull=True).values_list("pk", flat=True))
    bulk(ProposalTerm, (ProposalTerm(proposal_id=pid, term=term, count=1) for pid in ids
                        for term in rng.sample(VOCABULARY, 12) + [f"คำเฉพาะ{rng.randint(0, 20000)}"]), batch_size=10000)
    probe = Proposal.objects.filter(call=call, status="submitted").first()
    probe.background = "ระบบจองคิวออนไลน์สำหรับนักท่องเที่ยวที่อุทยานและท่าเรือบนเกาะ"
    probe.save(update_fields=["background"])
    ProposalTerm.objects.filter(proposal=probe).delete()
    index_proposal(probe)
    ctx.state["indexed_proposals"] = ProposalTerm.objects.values("proposal").distinct().count()


PAGES = [
    Page("reviewer queue (7 reviewers × 40 proposals)", "/reviews/", "pn.reviewer", 100),
    Page("ranking page (40 proposals × 7 reviewers)", lambda c: f"/reviews/calls/{c.state['review_call_id']}/ranking/",
         "pn.strategy", 100),
    Page("score sheet with similar proposals (index of 100,000 at national scale)",
         lambda c: f"/reviews/assignments/{c.state['score_sheet_id']}/", "pn.reviewer", 200),
]
