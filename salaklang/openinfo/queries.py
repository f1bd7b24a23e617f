"""Reads of the open information centre: the public ITA page, the generated pages, the readiness board."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models import CharField, Count, F, Q, Sum, Value
from django.urls import reverse
from django.utils import timezone

from salaklang.core import thai
from salaklang.openinfo.models import AssessmentYear, Assignment, Evidence, Generator, Item
from salaklang.organizations.models import Membership, Organization, Role

CLOSED = ("resolved", "not_resolved", "rejected")


def item_url(org: Organization, item: Item) -> str:
    return reverse("openinfo:item", args=[org.code, item.year.year, item.code])


def ita_rows(org: Organization, ay: AssessmentYear) -> list[dict]:
    """Every item of the list with the published evidence of ``org`` (two queries)."""
    items = list(ay.items.all())
    published = defaultdict(list)
    for ev in Evidence.objects.filter(organization=org, item__year=ay, status=Evidence.Status.PUBLISHED).order_by("id"):
        published[ev.item_id].append(ev)
    return [{"item": i, "evidence": published.get(i.pk, []),
             "url": item_url(org, i) if published.get(i.pk) else ""} for i in items]


# --- generated pages ------------------------------------------------------------------------------------------
def _fy_bounds(fy: int) -> tuple[dt.date, dt.date]:
    f = thai.FiscalYear(fy)
    return f.start, f.end


def complaint_stats(org: Organization, fy: int) -> dict:
    """Complaints received in fiscal year ``fy`` by month: received, finished, in progress, finished on time.

    Read from the complaints' statistics rollup (``ComplaintStat``: one row per month of receipt, province,
    category, agency, district, status and timeliness, kept current by every complaint service), never the
    complaints table: one aggregate query over a few hundred rows whatever the number of complaints. A province
    counts every complaint of the province, an agency those routed to it. A complaint merged into another is not
    counted; a complaint split between agencies counts once per agency part (the parent, status "split", is not
    counted)."""
    from salaklang.complaints.models import ComplaintStat

    start, end = _fy_bounds(fy)
    if org.kind == Organization.Kind.PROVINCE:
        scope = Q(province_id=org.pk) & ~Q(category_id=0)  # category 0: the province-total rows
    else:
        scope = Q(province_id=org.province_id or 0, agency_id=org.pk)
    rows = (ComplaintStat.objects.filter(scope, month__gte=start.replace(day=1), month__lte=end)
            .exclude(status__in=("merged", "split"))
            .values("month")
            .annotate(received=Sum("n"), finished=Sum("n", filter=Q(status__in=CLOSED)),
                      on_time=Sum("n", filter=Q(status__in=CLOSED, timeliness=ComplaintStat.Timeliness.ON_TIME)))
            .order_by("month"))
    by_month = {(r["month"].year, r["month"].month): r for r in rows}
    months, quarters = [], []
    for i in range(12):
        m = (10 + i - 1) % 12 + 1
        y = start.year if m >= 10 else start.year + 1
        r = by_month.get((y, m), {})
        rec, fin, ont = r.get("received") or 0, r.get("finished") or 0, r.get("on_time") or 0
        months.append({"month": dt.date(y, m, 1), "received": rec, "finished": fin, "in_progress": rec - fin,
                       "on_time": ont})
    for q in range(4):
        part = months[q * 3:q * 3 + 3]
        quarters.append({"quarter": q + 1, **{k: sum(x[k] for x in part)
                                              for k in ("received", "finished", "in_progress", "on_time")}})
    total = {k: sum(x[k] for x in months) for k in ("received", "finished", "in_progress", "on_time")}
    return {"months": months, "quarters": quarters, "total": total, "has_data": total["received"] > 0}


def structure(org: Organization) -> dict:
    children = list(Organization.objects.filter(parent=org, is_active=True).order_by("name_th"))
    grand = defaultdict(list)
    for o in Organization.objects.filter(parent__in=children, is_active=True).order_by("name_th"):
        grand[o.parent_id].append(o)
    return {"children": [{"org": c, "children": grand.get(c.pk, [])} for c in children],
            "has_data": True}


def executives(org: Organization) -> dict:
    roles = (Role.EXECUTIVE, Role.AGENCY_HEAD)
    rows = (Membership.objects.filter(Q(organization=org) | Q(organization__parent=org), role__in=roles,
                                      is_active=True, organization__is_active=True)
            .select_related("user", "organization").order_by("organization__depth", "organization__name_th", "id"))
    people = [{"name": m.user.full_name, "position": m.user.position_title or m.get_role_display(),
               "organization": m.organization} for m in rows]
    return {"people": people, "has_data": bool(people)}


def contact(org: Organization) -> dict:
    site = None
    try:
        from salaklang.portal.models import Site

        site = Site.objects.filter(province_id=org.province_id, is_active=True).first()
    except LookupError:  # pragma: no cover - portal not installed
        pass
    return {"site": site, "has_data": bool(org.address or org.phone or org.email or site)}


def news(org: Organization, fy: int) -> dict:
    from salaklang.portal.models import Post

    start, end = _fy_bounds(fy)
    qs = Post.objects.public().filter(site__province_id=org.province_id, kind=Post.Kind.NEWS,
                                      publish_at__date__gte=start, publish_at__date__lte=end)
    if org.kind != Organization.Kind.PROVINCE:
        qs = qs.filter(organization=org)
    posts = list(qs.select_related("site__province").order_by("-publish_at")[:50])
    return {"posts": posts, "has_data": bool(posts)}


def action_plan(org: Organization, fy: int) -> dict:
    from salaklang.plans.models import Indicator, Plan

    plans = list(Plan.objects.filter(province_id=org.province_id, fiscal_year_from__lte=fy, fiscal_year_to__gte=fy,
                                     status__in=(Plan.Status.ACTIVE, Plan.Status.CLOSED)).order_by("title"))
    indicators = defaultdict(list)
    for ind in Indicator.objects.filter(plan__in=plans).order_by("plan_id", "id"):
        indicators[ind.plan_id].append(ind)
    return {"plans": [{"plan": p, "indicators": indicators.get(p.pk, [])} for p in plans], "has_data": bool(plans)}


def progress(org: Organization, fy: int, *, half: bool) -> dict:
    """Accepted progress reports of the fiscal year (the first six months only for ``half``): the province's plans
    for a province, the organization's own reports for an agency."""
    from salaklang.plans.models import ProgressReport
    from salaklang.plans.periods import Period

    qs = ProgressReport.objects.filter(status=ProgressReport.Status.ACCEPTED, period__startswith=str(fy),
                                       plan__province_id=org.province_id)
    if org.kind != Organization.Kind.PROVINCE:
        qs = qs.filter(organization=org)
    rows = []
    for r in qs.select_related("plan", "organization").order_by("plan__title", "period", "organization__name_th"):
        try:
            period = Period.parse(r.period)
        except ValueError:
            continue
        if half and period.start.month not in (10, 11, 12, 1, 2, 3):
            continue
        rows.append({"report": r, "period": period})
    return {"reports": rows, "has_data": bool(rows), "half": half}


def complaint_procedure(org: Organization) -> dict:
    from salaklang.complaints.models import Category, CategoryRoute, Complaint

    cats = list(Category.objects.filter(is_active=True).order_by("position", "name_th"))
    routes = {r.category_id: r.organization for r in
              CategoryRoute.objects.filter(province_id=org.province_id).select_related("organization")}
    rows = [{"category": c, "route": routes.get(c.pk)} for c in cats]
    channels = [label for value, label in Complaint.Channel.choices if value != "api"]
    return {"categories": rows, "channels": channels, "has_data": bool(cats)}


def participation(org: Organization, fy: int) -> dict:
    from salaklang.participation.models import Consultation

    start, end = _fy_bounds(fy)
    rows = list(Consultation.objects.filter(province_id=org.province_id).public()
                .filter(opens_at__date__gte=start, opens_at__date__lte=end).order_by("-opens_at")[:100])
    return {"consultations": rows, "has_data": bool(rows)}


def generated(org: Organization, generator: str, fy: int) -> dict:
    fn = {
        Generator.STRUCTURE: lambda: structure(org), Generator.EXECUTIVES: lambda: executives(org),
        Generator.CONTACT: lambda: contact(org), Generator.NEWS: lambda: news(org, fy),
        Generator.ACTION_PLAN: lambda: action_plan(org, fy),
        Generator.PROGRESS_HALF: lambda: progress(org, fy, half=True),
        Generator.PROGRESS_YEAR: lambda: progress(org, fy, half=False),
        Generator.COMPLAINT_PROCEDURE: lambda: complaint_procedure(org),
        Generator.COMPLAINT_STATS: lambda: complaint_stats(org, fy),
        Generator.PARTICIPATION: lambda: participation(org, fy),
    }[Generator(generator)]
    data = fn()
    data["as_of"] = timezone.localtime()
    data["generator"] = generator
    return data


# --- the lists a person works with ---------------------------------------------------------------------------
def lists_for(user) -> list[dict]:
    """The item lists that apply to the person's organizations, newest year first: national admins see every list;
    anyone else the national lists and their provinces' own lists, a national list left out for a year in which
    every province of theirs has its own (the own list replaces it, as ``_applicable`` and
    ``services.year_for`` read it). Each row carries the answer pages of the person's own organizations (agency
    head, coordinator or editor) that the list applies to. Two queries."""
    from salaklang.openinfo.access import ANSWERING_ROLES
    from salaklang.organizations.access import roles_of

    roles = roles_of(user)
    qs = AssessmentYear.objects.select_related("province").order_by("-year", "province_id")
    if roles.is_national_admin:
        return [{"ay": a, "orgs": []} for a in qs]
    province_ids = roles.province_ids
    lists = list(qs.filter(Q(province__isnull=True) | Q(province_id__in=province_ids)))
    own: dict[int, set[int]] = defaultdict(set)
    for a in lists:
        if a.province_id:
            own[a.year].add(a.province_id)
    org_ids = {g.organization_id for g in roles.grants if g.role in ANSWERING_ROLES and g.role != Role.PROVINCIAL_ADMIN}
    orgs = list(Organization.objects.filter(pk__in=org_ids, is_active=True).order_by("depth", "name_th")) \
        if org_ids else []
    rows = []
    for a in lists:
        if a.province_id is None:
            left = province_ids - own[a.year]
            if province_ids and not left:
                continue
            mine = [o for o in orgs if o.province_id not in own[a.year]]
        else:
            mine = [o for o in orgs if o.province_id == a.province_id]
        rows.append({"ay": a, "orgs": [{"org": o, "url": reverse("openinfo:answer", args=[o.code, a.year])}
                                       for o in mine]})
    return rows


# --- readiness board ------------------------------------------------------------------------------------------
STATUS_ORDER = ("missing", "draft", "published", "generated")
BOARD_KINDS = (Organization.Kind.PROVINCE, Organization.Kind.AGENCY)


def _lists(year: int) -> tuple[list[AssessmentYear], AssessmentYear | None, dict[int, AssessmentYear]]:
    lists = list(AssessmentYear.objects.filter(year=year))
    national = next((a for a in lists if a.province_id is None), None)
    return lists, national, {a.province_id: a for a in lists if a.province_id}


def _applicable(national: AssessmentYear | None, by_province: dict[int, AssessmentYear]) -> Q:
    """Evidence/assignments of the list that applies to their province (a province's own list replaces the
    national one)."""
    q = Q(item__year__province_id=F("province_id"))
    if national is not None:
        q |= Q(item__year=national) & ~Q(province_id__in=list(by_province))
    return q


def _published_cells_per_organization(national: AssessmentYear | None,
                                      by_province: dict[int, AssessmentYear]) -> dict[int, int]:
    """Published cells (items answered by at least one published document) per organization, in one query that
    reads only the evidence table's covering index ``(status, province, item, organization)``: the applicable items
    are a sub-select, the distinct cells a derived table in the index's order (no sort), grouped by organization.
    Joining the items, their lists and the organizations for each of the ~60,000 published rows of a national
    year and counting distinct ``organization × item`` expressions took 150-300 ms on SQLite; this takes
    20-60 ms (docs/performance.md). Which organizations count is the caller's business (2,800 rows at most)."""
    if national is None and not by_province:
        return {}
    applicable = Q(pk__in=[])
    if national is not None:
        applicable |= (Q(item_id__in=Item.objects.filter(year=national).values("pk"))
                       & ~Q(province_id__in=list(by_province)))
    for province_id, own in by_province.items():
        applicable |= Q(province_id=province_id, item_id__in=Item.objects.filter(year=own).values("pk"))
    cells = (Evidence.objects.filter(applicable, status=Evidence.Status.PUBLISHED).order_by()
             .values("province_id", "item_id", "organization_id").distinct())
    sql, params = cells.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cells.organization_id, COUNT(*) FROM ({sql}) cells "  # noqa: S608 — Django's SQL, values as parameters
                       "GROUP BY cells.organization_id", params)
        return dict(cursor.fetchall())


def national_summary(*, year: int) -> dict:
    """Completion per province for national staff: five queries whatever the number of organizations — the lists,
    their item counts, the published cells per organization (an organization × item counts once however many
    documents answer it), the active organizations with their province, the provinces."""
    lists, national, by_province = _lists(year)
    n_items = dict(Item.objects.filter(year__in=lists).order_by().values("year_id").annotate(n=Count("id"))
                   .values_list("year_id", "n"))
    n_orgs: dict[int, int] = defaultdict(int)
    done: dict[int, int] = defaultdict(int)
    per_org = _published_cells_per_organization(national, by_province)
    for org_id, province_id in Organization.objects.filter(is_active=True, kind__in=BOARD_KINDS).values_list(
            "pk", "province_id"):
        n_orgs[province_id] += 1
        done[province_id] += per_org.get(org_id, 0)
    rows = []
    for p in Organization.objects.filter(kind=Organization.Kind.PROVINCE, is_active=True).order_by("name_th"):
        ay = by_province.get(p.pk) or national
        total = n_orgs.get(p.pk, 0) * (n_items.get(ay.pk, 0) if ay else 0)
        d = done.get(p.pk, 0)
        rows.append({"province": p, "organizations": n_orgs.get(p.pk, 0), "done": d, "total": total,
                     "rate": round(100 * d / total) if total else 0, "own_list": p.pk in by_province})
    all_done, all_total = sum(r["done"] for r in rows), sum(r["total"] for r in rows)
    return {"provinces": rows, "lists": lists, "done": all_done, "total": all_total,
            "rate": round(100 * all_done / all_total) if all_total else 0}


def _label(status: str) -> str:
    from django.utils.translation import pgettext

    return {"missing": pgettext("ita status", "missing"), "draft": pgettext("ita status", "draft"),
            "published": pgettext("ita status", "published"), "generated": pgettext("ita status", "generated")}[status]


def board(*, year: int, province_ids: set[int] | None, org_ids: set[int] | None = None) -> dict:
    """Organizations × items of ``year`` with a status, owner and due date per cell; a fixed number of queries
    whatever the number of organizations: the lists (1), their items (1), the organizations (1), the evidence
    summary (1), the assignments (1)."""
    lists, national, by_province = _lists(year)
    items_of: dict[int, list[Item]] = defaultdict(list)
    for it in Item.objects.filter(year__in=lists).order_by("order", "id"):
        items_of[it.year_id].append(it)
    orgs = Organization.objects.filter(is_active=True, kind__in=BOARD_KINDS)
    if province_ids is not None:
        orgs = orgs.filter(province_id__in=province_ids)
    if org_ids is not None:
        orgs = orgs.filter(pk__in=org_ids)
    orgs = list(orgs.select_related("province").order_by("province__name_th", "depth", "name_th"))
    org_pks = [o.pk for o in orgs]
    cells: dict[tuple[int, int], dict] = {}
    ev = Evidence.objects.filter(item__year__in=lists, organization__in=org_pks)
    for r in ev.values_list("organization_id", "item_id", "status", "kind", "due_on", "owner__first_name",
                            "owner__last_name"):
        key = (r[0], r[1])
        if r[2] == Evidence.Status.PUBLISHED:
            st = "generated" if r[3] == Evidence.Kind.GENERATED else "published"
        else:
            st = "draft"
        cur = cells.get(key)
        if cur is None or STATUS_ORDER.index(st) > STATUS_ORDER.index(cur["status"]):
            cells[key] = {"status": st, "due_on": r[4], "owner": f"{r[5] or ''} {r[6] or ''}".strip()}
    assigned = {(r[0], r[1]): r for r in Assignment.objects.filter(item__year__in=lists, organization__in=org_pks)
                .values_list("organization_id", "item_id", "due_on", "owner__first_name", "owner__last_name",
                             "owner_id")}
    labels = {s: _label(s) for s in STATUS_ORDER}
    missing = {"status": "missing", "due_on": None, "owner": ""}
    rows = []
    for o in orgs:
        ay = by_province.get(o.province_id) or national
        items = items_of.get(ay.pk, []) if ay else []
        row_cells = []
        for i in items:
            c = dict(cells.get((o.pk, i.pk), missing))
            a = assigned.get((o.pk, i.pk))
            if a is not None:
                c["due_on"] = a[2]
                c["owner"] = f"{a[3] or ''} {a[4] or ''}".strip()
                c["owner_id"] = a[5]
                c["assigned"] = True
            c["code"] = i.code
            c["label"] = labels[c["status"]]
            row_cells.append(c)
        done = sum(1 for c in row_cells if c["status"] in ("published", "generated"))
        rows.append({"org": o, "cells": row_cells, "done": done, "total": len(items),
                     "rate": round(100 * done / len(items)) if items else 0})
    provinces: dict[int, dict] = {}
    for r in rows:
        p = provinces.setdefault(r["org"].province_id, {"province": r["org"].province, "done": 0, "total": 0})
        p["done"] += r["done"]
        p["total"] += r["total"]
    for p in provinces.values():
        p["rate"] = round(100 * p["done"] / p["total"]) if p["total"] else 0
    header = items_of.get(national.pk, []) if national else []
    pids = {o.province_id for o in orgs}
    if len(pids) == 1:
        own = by_province.get(next(iter(pids)))
        if own:
            header = items_of.get(own.pk, [])
    return {"rows": rows, "items": header, "provinces": list(provinces.values()), "lists": lists}


def _centre_branches(province: Organization, *, q: str = "", org_code: str = "", year: int | None = None,
                     category: str = ""):
    """The two sources of the information centre, filtered: published ITA documents (uploads and website posts
    given as evidence) and the province website's published documents and announcements (with their
    attachments) that no ITA evidence already lists."""
    from salaklang.portal.models import Attachment, Post

    linked = Evidence.objects.filter(province=province, status=Evidence.Status.PUBLISHED, kind=Evidence.Kind.LINK,
                                     post__isnull=False).values("post_id")
    ev = Evidence.objects.filter(province=province, status=Evidence.Status.PUBLISHED,
                                 kind__in=(Evidence.Kind.UPLOAD, Evidence.Kind.LINK))
    posts = (Post.objects.public().filter(site__province=province,
                                          kind__in=(Post.Kind.DOCUMENT, Post.Kind.ANNOUNCEMENT))
             .exclude(pk__in=linked))
    if q:
        ev = ev.filter(Q(title__icontains=q) | Q(item__title_th__icontains=q))
        posts = posts.filter(Q(title__icontains=q) | Q(number__icontains=q)
                             | Q(pk__in=Attachment.objects.filter(Q(filename__icontains=q) | Q(description__icontains=q))
                                 .values("post_id")))
    if org_code:
        ev = ev.filter(organization__code=org_code)
        posts = posts.filter(organization__code=org_code)
    if year:
        ev = ev.filter(item__year__year=year)
        posts = posts.filter(publish_at__year=year - 543)
    if category.startswith("c") and category[1:].isdigit():
        ev = ev.none()
        posts = posts.filter(category_id=int(category[1:]))
    elif category:
        ev = ev.filter(info_category=category)
        if category != "own":
            posts = posts.none()
    return ev, posts


def centre_index(province: Organization, **filters):
    """One list, newest first, of both sources (a UNION of two small column sets, so the paginator counts and
    slices it in the database); ``centre_rows`` then loads one page's objects in three queries."""
    ev, posts = _centre_branches(province, **filters)
    cols = ("src", "id", "d")
    ev = ev.order_by().annotate(src=Value("e", output_field=CharField()), d=F("published_at")).values_list(*cols)
    posts = posts.order_by().annotate(src=Value("p", output_field=CharField()), d=F("publish_at")).values_list(*cols)
    return ev.union(posts, all=True).order_by("-d", "-id")


def centre_rows(rows) -> list[dict]:
    """The documents of one page of ``centre_index``: evidence (1 query), posts (1), their attachments (1)."""
    from salaklang.openinfo.models import InfoCategory
    from salaklang.portal.models import Attachment, Post

    rows = list(rows)
    ev_ids = [r[1] for r in rows if r[0] == "e"]
    post_ids = [r[1] for r in rows if r[0] == "p"]
    evs = {e.pk: e for e in Evidence.objects.filter(pk__in=ev_ids).select_related(
        "organization", "item__year", "post__site__province")} if ev_ids else {}
    posts = {p.pk: p for p in Post.objects.filter(pk__in=post_ids).select_related(
        "organization", "site__province", "category")} if post_ids else {}
    files = defaultdict(list)
    if post_ids:
        for a in Attachment.objects.filter(post_id__in=post_ids).order_by("sort_order", "id"):
            files[a.post_id].append({"title": a.description or a.filename, "url": a.get_absolute_url()})
    out = []
    own = InfoCategory.OWN.label
    for src, pk, when in rows:
        if src == "e" and pk in evs:
            e = evs[pk]
            url = (reverse("openinfo:file", args=[e.organization.code, e.item.year.year, e.item.code, e.pk,
                                                  e.extension]) if e.kind == Evidence.Kind.UPLOAD
                   else reverse("portal:post", args=[e.post.site.province.code, e.post_id]))
            out.append({"title": e.title, "url": url, "organization": e.organization, "date": when,
                        "category": e.get_info_category_display(), "source": f"ITA {e.item.year.year} {e.item.code}",
                        "attachments": []})
        elif src == "p" and pk in posts:
            p = posts[pk]
            out.append({"title": p.title or str(p), "url": reverse("portal:post", args=[p.site.province.code, p.pk]),
                        "organization": p.organization, "date": when,
                        "category": p.category.name if p.category_id else own,
                        "source": " ".join(x for x in (p.get_kind_display(), p.number) if x),
                        "attachments": files.get(p.pk, [])})
    return out
