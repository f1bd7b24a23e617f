"""A national award round (issue 16): one national call receiving 1,000, 10,000 and 100,000 proposals from agencies of
every province — like the Public Sector Excellence Awards (รางวัลเลิศรัฐ, 1,043 submissions in 2019).

Each size is its own call of OPDC to the 77 provinces; the proposals come from the agencies of every province, with
their versions (what was sent at each submission), attachment metadata and timeline events (created, sent for approval,
approved), in the mix of states a real round has on closing day. Calls up to ``BENCH_AWARD_SCORED`` proposals (10,000)
are scored by two reviewers on the default six-criterion rubric, so the ranking has real totals.

Sizes: ``BENCH_AWARD_SIZES=1000,10000,100000`` (default: national scale all three; province scale 1,000; tiny 60).
Everything is written with bulk_create; the 100,000 round takes minutes on the shared 2-core machine.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import time
from decimal import Decimal

import httpx

from bench.scenarios import Context, Page, bulk

DEFAULT_SIZES = {"tiny": [60], "province": [1000], "national": [1000, 10000, 100000]}


def sizes(ctx: Context) -> list[int]:
    chosen = os.environ.get("BENCH_AWARD_SIZES", "")
    return [int(s) for s in chosen.split(",") if s.strip()] or DEFAULT_SIZES[ctx.scale]


def generate(ctx: Context) -> None:
    from django.utils import timezone

    from salaklang.accounts.models import User
    from salaklang.calls import services
    from salaklang.calls.models import Call, CallTarget
    from salaklang.complaints.models import Complaint
    from salaklang.organizations.models import Organization

    now = timezone.now()
    opdc = User.objects.get(username="opdc")
    nation = Organization.objects.get(code="OPDC")
    letter = {"subject": "การเปิดรับสมัครรางวัลเลิศรัฐ", "body": "ย่อหน้าที่หนึ่ง\n\nจึงเรียนมาเพื่อโปรดพิจารณา",
              "signatory_name": "นายทดสอบ ระบบ", "signatory_position": "เลขาธิการ ก.พ.ร.", "contact_phone": "0 2356 9999",
              "speed_mark": "urgent", "enclosures": "แบบฟอร์มใบสมัคร"}
    agencies: dict[int, list[int]] = {}  # province id → agency ids
    for pk, province_id in Organization.objects.filter(kind="agency", is_active=True).values_list("pk", "province_id"):
        agencies.setdefault(province_id, []).append(pk)
    for size in sizes(ctx):
        t0 = time.monotonic()
        call = services.call_create(actor=opdc, issuer=nation, data={
            "title": f"[bench] รางวัลเลิศรัฐ {size:,} ข้อเสนอ", "fiscal_year": 2570,
            "opens_at": now - dt.timedelta(days=60), "deadline": now + dt.timedelta(days=1), **letter})
        call = services.call_publish(actor=opdc, call=call)
        targets = list(CallTarget.objects.filter(call=call).values_list("pk", "organization_id"))
        pairs = [(t, a) for t, province in targets for a in agencies.get(province, [])] or \
            [(t, province) for t, province in targets]
        ids = _proposals(call, pairs, size, now, opdc, scored=size <= int(os.environ.get("BENCH_AWARD_SCORED", "10000")))
        Call.objects.filter(pk=call.pk).update(status=Call.Status.CLOSED, deadline=now - dt.timedelta(days=1))
        ctx.state[f"award_{size}"] = {"call_id": call.pk, "proposal_id": ids["proposal_id"],
                                      "province_target_id": ids["target_id"], "seconds": round(time.monotonic() - t0, 1)}
        print(f"award round of {size}: {time.monotonic() - t0:.1f} s", flush=True)
    code = Complaint.objects.filter(code__gt="").order_by("pk").values_list("code", flat=True).first()
    ctx.state["award_tracking_code"] = code


def _proposals(call, pairs, size: int, now, actor, *, scored: bool) -> dict:
    from django.db import connection

    from salaklang.audit.models import AuditEntry
    from salaklang.calls.models import Proposal, ProposalAttachment, ProposalVersion
    from salaklang.organizations.models import Organization
    from salaklang.reviews.models import DEFAULT_CRITERIA, Assignment, Criterion, Rubric, Score

    rng = random.Random(size)
    province_of = dict(Organization.objects.filter(pk__in={a for _t, a in pairs}).values_list("pk", "province_id"))
    statuses = (["submitted"] * 80 + ["returned"] * 5 + ["awaiting_approval"] * 5 + ["draft"] * 5 + ["withdrawn"] * 5)
    words = ["ระบบ", "บริการ", "ประชาชน", "ดิจิทัล", "ชุมชน", "สุขภาพ", "ท่องเที่ยว", "เกษตร", "น้ำ", "โรงเรียน", "ผู้สูงอายุ",
             "ออนไลน์", "จองคิว", "แผนที่", "ขยะ", "พลังงาน", "ความปลอดภัย", "เด็ก", "อาชีพ", "ตลาด"]
    rows = []
    for i in range(size):
        target_id, org_id = pairs[i % len(pairs)] if i < len(pairs) else pairs[rng.randrange(len(pairs))]
        status = rng.choice(statuses)
        sent = status in ("submitted", "returned")
        title = "นวัตกรรม" + "".join(rng.sample(words, 3)) + f" {i + 1}"
        rows.append(Proposal(call=call, target_id=target_id, organization_id=org_id, status=status, title=title,
                             category=rng.choice(["service", "policy", "process"]), team="นางสาวทดสอบ ใจดี — หัวหน้าทีม\n"
                             "นายตัวอย่าง ขยัน — ผู้ประสานงาน", contact_name="นางสาวทดสอบ ใจดี", contact_phone="0 7641 1234",
                             background="สภาพปัญหาและความจำเป็น " * 30, objectives="เพื่อลดระยะเวลาการให้บริการ " * 10,
                             target_group="ประชาชนในพื้นที่", novelty="กระบวนการใหม่ที่ลดขั้นตอน " * 20,
                             results=[{"indicator": "ระยะเวลารอคอย", "baseline": "45", "result": "10", "unit": "นาที"}],
                             budget=rng.choice([None, 50000, 120000]), resources="งบประมาณปกติของหน่วยงาน",
                             sustainability="ขยายผลไปยังหน่วยงานอื่นได้ " * 5, created_by=actor,
                             submitted_at=now - dt.timedelta(minutes=rng.randrange(1, 60 * 24 * 30)) if sent else None,
                             is_late=sent and rng.random() < 0.1, version=rng.choice([1, 1, 2, 3]) if status != "draft" else 0))
    bulk(Proposal, rows, batch_size=1000)
    made = list(Proposal.objects.filter(call=call).order_by("pk").values_list("pk", "organization_id", "status", "version",
                                                                             "title"))
    snapshot = {"title": "", "category": "service", "objectives": "เพื่อลดระยะเวลาการให้บริการ", "started_on": "2025-10-01"}
    bulk(ProposalVersion, (ProposalVersion(proposal_id=pk, number=n, created_by=actor,
                                           data={**snapshot, "title": title, "objectives": snapshot["objectives"] * n})
                           for pk, _o, _s, version, title in made for n in range(1, version + 1)), batch_size=5000)
    bulk(ProposalAttachment, (ProposalAttachment(proposal_id=pk, title=f"เอกสารประกอบ {k}", file=f"proposals/2026/p{pk}-{k}.pdf",
                                                 content_type="application/pdf", size=rng.randrange(50_000, 5_000_000),
                                                 uploaded_by=actor)
                              for pk, *_ in made for k in range(1, rng.choice([1, 2, 3]) + 1)), batch_size=5000)
    steps = {"draft": ["created"], "awaiting_approval": ["created", "sent_for_approval"],
             "submitted": ["created", "sent_for_approval", "approved"],
             "returned": ["created", "sent_for_approval", "approved", "returned"],
             "withdrawn": ["created", "withdrawn"]}

    def events():
        for pk, org, status, _v, title in made:
            for k, verb in enumerate(steps[status]):
                yield AuditEntry(actor=actor, action="transition" if k else "create", verb=verb, object_type="calls.proposal",
                                 object_id=str(pk), object_repr=title[:300], organization_id=org,
                                 province_id=province_of.get(org), at=now - dt.timedelta(days=30 - k))
    bulk(AuditEntry, events(), batch_size=5000)
    from salaklang.calls import services as calls_services

    if hasattr(calls_services, "targets_refresh"):  # the board's stored state of each target (bulk_create skips it)
        calls_services.targets_refresh(call=call)
    submitted = [pk for pk, _o, status, *_ in made if status == "submitted"]
    if scored and submitted:
        from salaklang.accounts.models import User

        rubric = Rubric.objects.create(call=call, reviewers_per_proposal=2)
        criteria = Criterion.objects.bulk_create([Criterion(rubric=rubric, name_th=th, name_en=en, weight=w, max_score=10,
                                                            order=i) for i, (th, en, w) in enumerate(DEFAULT_CRITERIA)])
        reviewers = list(User.objects.filter(username__in=["pn.reviewer", "pn.reviewer2"]))
        bulk(Assignment, (Assignment(proposal_id=pk, reviewer=r, status="submitted", submitted_at=now)
                          for pk in submitted for r in reviewers), batch_size=5000)
        assignments = Assignment.objects.filter(proposal__call=call).values_list("pk", flat=True)
        bulk(Score, (Score(assignment_id=a, criterion=c, value=Decimal(rng.randrange(3, 21)) / 2)
                     for a in assignments.iterator() for c in criteria), batch_size=5000)
        from salaklang.reviews import services as reviews

        if hasattr(reviews, "standings_refresh"):
            reviews.standings_refresh(call=call)
    connection.close()
    middle = submitted[len(submitted) // 2] if submitted else made[0][0]
    target = Proposal.objects.filter(pk=middle).values_list("target_id", flat=True).first()
    return {"proposal_id": middle, "target_id": target}


def _pages() -> list[Page]:
    pages = []
    ctx_sizes = os.environ.get("BENCH_AWARD_SIZES", "")
    for size in [int(s) for s in ctx_sizes.split(",") if s.strip()] or [60, 1000, 10000, 100000]:
        def key(c, size=size):
            return c.state.get(f"award_{size}")
        main = size == 10000
        label = f"award {size:,}:"
        pages += [
            Page(f"{label} call page (issuer, board of 77 provinces)", lambda c, k=key: f"/calls/{k(c)['call_id']}/",
                 "opdc", 50, throughput=main),
            Page(f"{label} board, submitted on time, page 2", lambda c, k=key:
                 f"/calls/{k(c)['call_id']}/?state=submitted_on_time&page=2", "opdc", 50),
            Page(f"{label} proposals of the call, searched, page 3", lambda c, k=key:
                 f"/calls/{k(c)['call_id']}/proposals/?q=%E0%B8%A3%E0%B8%B0%E0%B8%9A%E0%B8%9A&page=3", "opdc", 50),
            Page(f"{label} proposals of one province, submitted", lambda c, k=key:
                 f"/calls/{k(c)['call_id']}/proposals/?target={k(c)['province_target_id']}&status=submitted", "opdc", 50),
            Page(f"{label} ranking", lambda c, k=key: f"/reviews/calls/{k(c)['call_id']}/ranking/", "opdc", 50),
            Page(f"{label} ranking, page 5", lambda c, k=key: f"/reviews/calls/{k(c)['call_id']}/ranking/?page=5", "opdc", 50),
            Page(f"{label} proposal detail", lambda c, k=key: f"/calls/proposals/{k(c)['proposal_id']}/", "opdc", 50,
                 throughput=main),
        ]
    pages.append(Page("public tracking page (anonymous)", lambda c: f"/complaints/track/{c.state['award_tracking_code']}/",
                      None, 50, throughput=True))
    return pages


PAGES = _pages()


def pages_for(ctx: Context) -> list[Page]:
    """Only the sizes that were generated (they depend on the scale)."""
    return [p for p in PAGES if not p.name.startswith("award ") or
            f"award_{int(p.name.split()[1].rstrip(':').replace(',', ''))}" in ctx.state]


def _peak_rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))
    except (OSError, StopIteration):
        return 0


def custom(ctx: Context, server) -> list[dict]:
    """The XLSX export of every proposal of the calls (bar: 10,000 rows in ≤ 10 s with flat memory): time over HTTP,
    and the peak resident memory of a fresh gunicorn worker serving it."""
    from bench.run import Server, login

    out = []
    if os.environ.get("BENCH_AWARD_EXPORTS", "1") == "0":  # pages only (a shorter quiet run)
        return out
    for size in sizes(ctx):
        state = ctx.state.get(f"award_{size}")
        if not state:
            continue
        for kind in ("proposals.xlsx", "board.xlsx", "worker"):
            try:
                row = _worker_export(server, state, size) if kind == "worker" else \
                    _export(server, state, size, kind, login, Server)
            except Exception as exc:  # noqa: BLE001 — a timeout or an error is a result, not a crash of the run
                row = {"page": f"award {size:,}: export {kind}", "error": repr(exc)[:200], "pass": False}
            out.append(row)
            print(f"  {row}", flush=True)
    return out


def _export(server, state, size, kind, login, Server) -> dict:
    """One export over HTTP from a fresh single-worker gunicorn: seconds, bytes and the worker's peak memory."""
    with Server(server.env, workers=1) as one:
        client = login(one.url, "opdc")
        client.timeout = httpx.Timeout(900)
        client.get(f"/calls/{state['call_id']}/")  # the worker's steady state before the export
        worker = int(subprocess.run(["pgrep", "-P", str(one.proc.pid)], capture_output=True, text=True).stdout.split()[0])
        before = _peak_rss_kb(worker)
        t0 = time.perf_counter()
        with client.stream("GET", f"/calls/{state['call_id']}/{kind}") as r:
            n = sum(len(chunk) for chunk in r.iter_bytes())
            status = r.status_code
        seconds = time.perf_counter() - t0
        after = _peak_rss_kb(worker)
    row = {"page": f"award {size:,}: export {kind}", "seconds": round(seconds, 2), "bytes": n, "status": status,
           "worker_peak_rss_mb_before": round(before / 1024, 1), "worker_peak_rss_mb_after": round(after / 1024, 1),
           "peak_growth_mb": round((after - before) / 1024, 1)}
    if size == 10000 and kind == "proposals.xlsx":
        row["bar"] = "≤ 10 s, flat memory"
        row["pass"] = row["seconds"] <= 10 and status == 200
    return row


WORKER_SCRIPT = """
import json, resource, sys, time
import django
django.setup()
from salaklang.accounts.models import User
from salaklang.calls.exports import exported_proposals, write_proposals_export
from salaklang.calls.models import Call, ExportJob
call = Call.objects.get(pk=int(sys.argv[1]))
job = ExportJob.objects.create(call=call, requested_by=User.objects.get(username="opdc"),
                               rows_total=exported_proposals(call).count())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
rows = write_proposals_export.call(job.pk)
seconds = time.perf_counter() - t0
job.refresh_from_db()
print(json.dumps({"rows": rows, "seconds": round(seconds, 2), "status": job.status, "bytes": job.file.size,
                  "peak_rss_mb_before": round(before / 1024, 1),
                  "peak_rss_mb_after": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
job.file.delete(save=False)
job.delete()
"""


def _worker_export(server, state, size) -> dict:
    """The export as the task worker writes it (calls beyond CALLS_EXPORT_INLINE_ROWS): one process running the task,
    its time and its peak resident memory before and after."""
    import json
    import sys

    from bench.run import ROOT

    out = subprocess.run([sys.executable, "-c", WORKER_SCRIPT, str(state["call_id"])], cwd=ROOT, env=server.env,
                         capture_output=True, text=True, timeout=1800)
    if out.returncode:
        return {"page": f"award {size:,}: export proposals.xlsx by the task worker", "error": out.stderr[-300:],
                "pass": False}
    row = {"page": f"award {size:,}: export proposals.xlsx by the task worker", **json.loads(out.stdout.splitlines()[-1])}
    row["peak_growth_mb"] = round(row["peak_rss_mb_after"] - row["peak_rss_mb_before"], 1)
    return row
