"""ITA pages. Public pages need no sign-in; staff pages: access -> form -> service -> redirect."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from salaklang.core.forms import errors_to_form
from salaklang.core.links import absolute_url
from salaklang.core.services import show_refusal
from salaklang.openinfo import access, queries, services
from salaklang.openinfo.forms import EvidenceForm, ImportForm, YearForm
from salaklang.openinfo.models import AssessmentYear, Evidence, Item
from salaklang.organizations.access import roles_of


def _site(org):
    from salaklang.portal.models import Site

    return Site.objects.filter(province_id=org.province_id, is_active=True).select_related("province").first()


def _list_of(org, year: int) -> AssessmentYear:
    ay = services.year_for(org, year)
    if ay is None:
        raise Http404
    return ay


# --- public ------------------------------------------------------------------------------------------------------
@login_not_required
@require_GET
def org_index(request, code: str):
    """The organization's ITA pages by year (linked from the province's website)."""
    from django.db.models import Q

    org = access.public_org(code)
    years = sorted({a.year for a in AssessmentYear.objects.filter(
        Q(province__isnull=True) | Q(province_id=org.province_id))}, reverse=True)
    return render(request, "openinfo/org.html", {"org": org, "years": years, "site": _site(org)})


@login_not_required
@require_GET
def ita_page(request, code: str, year: int):
    org = access.public_org(code)
    ay = _list_of(org, year)
    rows = queries.ita_rows(org, ay)
    return render(request, "openinfo/ita.html", {"org": org, "ay": ay, "rows": rows, "site": _site(org),
                                                  "answered": sum(1 for r in rows if r["url"])})


def _fy(request, default: int) -> int:
    try:
        fy = int(request.GET.get("fy", default))
    except (TypeError, ValueError):
        return default
    return fy if 2500 <= fy <= 2700 else default


@login_not_required
@require_GET
def item_page(request, code: str, year: int, item: str):
    org = access.public_org(code)
    ay = _list_of(org, year)
    try:
        it = ay.items.get(code=item.upper())
    except Item.DoesNotExist:
        raise Http404 from None
    evidence = list(Evidence.objects.filter(organization=org, item=it).select_related("post__site__province")
                    .order_by("id"))
    staff = request.user.is_authenticated and access.can_answer(request.user, org)
    visible = [e for e in evidence if e.status == Evidence.Status.PUBLISHED or staff]
    if not visible:
        raise Http404
    fy = _fy(request, ay.year)
    generated = None
    gen = next((e for e in visible if e.kind == Evidence.Kind.GENERATED), None)
    snapshots = []
    if gen is not None:
        generated = queries.generated(org, gen.generator, fy)
        snapshots = list(gen.snapshots.all()[:10])
    return render(request, "openinfo/item.html", {
        "org": org, "ay": ay, "item": it, "evidence": [e for e in visible if e.kind != Evidence.Kind.GENERATED],
        "generated": generated, "fy": fy, "site": _site(org), "staff": staff,
        "fy_choices": [ay.year - 1, ay.year, ay.year + 1], "snapshots": snapshots})


@login_not_required
@require_GET
def evidence_file(request, code: str, year: int, item: str, pk: int, ext: str):
    try:
        ev = Evidence.objects.select_related("organization", "item__year").get(
            pk=pk, organization__code=code, item__code=item.upper(), item__year__year=year, kind=Evidence.Kind.UPLOAD)
    except Evidence.DoesNotExist:
        raise Http404 from None
    if not access.can_open_file(request.user, ev) or ext != ev.extension:
        raise Http404
    try:
        return FileResponse(ev.file.open("rb"), as_attachment=False, filename=ev.filename,
                            content_type=ev.content_type or "application/octet-stream")
    except FileNotFoundError:
        raise Http404 from None


@login_not_required
@require_GET
def snapshot_file(request, code: str, year: int, item: str, pk: int):
    from salaklang.openinfo.models import Snapshot

    try:
        snap = Snapshot.objects.select_related("evidence__organization").get(
            pk=pk, evidence__organization__code=code, evidence__item__code=item.upper(),
            evidence__item__year__year=year)
    except Snapshot.DoesNotExist:
        raise Http404 from None
    if not access.can_open_file(request.user, snap.evidence):
        raise Http404
    try:
        return FileResponse(snap.file.open("rb"), content_type="application/pdf",
                            filename=f"ita-{year}-{code}-{item.upper()}.pdf")
    except FileNotFoundError:
        raise Http404 from None


CENTRE_PAGE = settings.PAGE_SIZES["openinfo_centre"]


@login_not_required
@require_GET
def centre(request, code: str):
    """The information centre of a province (s. 9): published documents by category, searchable, filterable."""
    from django.core.paginator import Paginator

    from salaklang.openinfo.forms import CentreSearchForm
    from salaklang.organizations.models import Organization

    province = access.public_org(code)
    if province.kind != Organization.Kind.PROVINCE:
        raise Http404
    orgs = list(Organization.objects.filter(province=province, is_active=True,
                                            kind__in=(Organization.Kind.PROVINCE, Organization.Kind.AGENCY))
                .order_by("depth", "name_th"))
    from salaklang.portal.models import Category as SiteCategory

    own = list(SiteCategory.objects.filter(site__province=province, site__is_active=True).order_by("sort_order",
                                                                                                  "name_th"))
    form = CentreSearchForm(request.GET or None, orgs=orgs, own_categories=own)
    filters = form.cleaned_data if form.is_valid() else {}
    index = queries.centre_index(province, q=filters.get("q", ""), org_code=filters.get("org", ""),
                                 year=filters.get("year"), category=filters.get("category", ""))
    page = Paginator(index, CENTRE_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "openinfo/centre.html", {"province": province, "form": form, "page": page,
                                                    "documents": queries.centre_rows(page.object_list),
                                                    "site": _site(province), "params": params.urlencode()})


# --- staff -------------------------------------------------------------------------------------------------------
def _list_province(user):
    """The province whose own list the person manages (None: the national list, for national admins)."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return None
    ids = sorted(roles.admin_province_ids)
    if not ids:
        raise PermissionDenied
    from salaklang.organizations.models import Organization

    return Organization.objects.get(pk=ids[0])


@require_http_methods(["GET", "POST"])
def manage(request):
    if not access.can_see_board(request.user):
        raise PermissionDenied
    roles = roles_of(request.user)
    can_lists = roles.is_admin
    year_form, import_form = YearForm(prefix="y"), ImportForm(prefix="i")
    if request.method == "POST" and can_lists:
        province = _list_province(request.user)
        try:
            if "y-year" in request.POST:
                year_form = YearForm(request.POST, prefix="y")
                if year_form.is_valid():
                    d = year_form.cleaned_data
                    if d["mode"] == "copy":
                        src = AssessmentYear.objects.filter(year=d["source"] or d["year"] - 1).filter(
                            province=province).first() or AssessmentYear.objects.filter(
                            year=d["source"] or d["year"] - 1, province__isnull=True).first()
                        if src is None:
                            raise ValidationError(_("There is no list of that year to copy."))
                        services.year_copy(source=src, year=d["year"], actor=request.user, province=province)
                    else:
                        services.year_from_default(year=d["year"], actor=request.user, province=province)
                    messages.success(request, _("The list of %(year)s is ready.") % {"year": d["year"]})
                    return redirect("openinfo:manage")
            else:
                import_form = ImportForm(request.POST, request.FILES, prefix="i")
                if import_form.is_valid():
                    f = import_form.cleaned_data["file"]
                    ay = services.items_import(year=import_form.cleaned_data["year"], actor=request.user,
                                               name=f.name, data=f.read(), province=province)
                    messages.success(request, _("%(n)s items loaded for %(year)s.") % {
                        "n": ay.items.count(), "year": ay.year})
                    return redirect("openinfo:manage")
        except ValidationError as exc:
            show_refusal(request, exc)
    status = 400 if request.method == "POST" else 200
    return render(request, "openinfo/manage.html", {"lists": queries.lists_for(request.user),
                                                    "year_form": year_form,
                                                    "import_form": import_form, "can_lists": can_lists},
                  status=status)


@require_GET
def board(request, year: int):
    """National staff: completion per province, each linking to its board (``?province=``); a province's strategy
    staff: their province's organizations × items; an agency head or coordinator: their organization."""
    from salaklang.organizations.models import Organization, Role

    if not access.can_see_board(request.user):
        raise PermissionDenied
    province_ids = access.board_province_ids(request.user)
    roles = roles_of(request.user)
    national = province_ids is None
    org_ids = None
    province = None
    code, one = request.GET.get("province", ""), request.GET.get("org", "")
    named = {o.code: o for o in Organization.objects.filter(code__in=[c for c in (code, one) if c])} \
        if code or one else {}
    if code:
        province = named.get(code)
        if province is None or province.kind != Organization.Kind.PROVINCE or (
                province_ids is not None and province.pk not in province_ids):
            raise Http404
        province_ids = {province.pk}
    elif national:
        data = queries.national_summary(year=year)
        return render(request, "openinfo/board.html", {"year": year, "national": True, "summary": True, **data,
                                                       "no_list": not data["lists"],
                                                       "can_lists": roles.is_admin})
    if province_ids is not None and not province_ids:
        org_ids = roles.org_ids(Role.AGENCY_HEAD, Role.AGENCY_COORDINATOR)
        province_ids = None
    if one:
        org = named.get(one)
        if org is None or (org_ids is not None and org.pk not in org_ids):
            raise Http404
        org_ids = {org.pk}
    data = queries.board(year=year, province_ids=province_ids, org_ids=org_ids)
    may_assign = {r["org"].pk for r in data["rows"] if access.can_assign(request.user, r["org"])}
    for r in data["rows"]:
        r["assign_url"] = reverse("openinfo:assign", args=[r["org"].code, year]) if r["org"].pk in may_assign else ""
    return render(request, "openinfo/board.html", {"year": year, **data, "national": national,
                                                   "province": province, "can_assign_any": bool(may_assign),
                                                   "no_list": not data["items"] and not any(r["total"] for r in data["rows"]),
                                                   "can_lists": roles.is_admin})


@require_http_methods(["GET", "POST"])
def assign(request, code: str, year: int):
    """Owner and due date of one organization's items, before or after any evidence (strategy staff of the
    province, national admins, the agency head for their agency)."""
    from salaklang.openinfo.forms import AssignForm

    org = access.access_org_for_assign(request.user, code)
    ay = _list_of(org, year)
    items = list(ay.items.all())
    people = list(services.assignable_people(org))
    initial = {"item": request.GET.get("item", "")}
    current = {a.item_id: a for a in services.assignments_of(org, ay)}
    form = AssignForm(request.POST or None, items=items, people=people, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            chosen = [i for i in items if i.code in d["items"]]
            owner = next((u for u in people if str(u.pk) == d["owner"]), None)
            try:
                services.assign(org=org, items=chosen, owner=owner, due_on=d["due_on"], actor=request.user)
                messages.success(request, _("Owner and due date saved for %(n)s item(s).") % {"n": len(chosen)})
                nxt = {"province": org.province.code} if access.board_province_ids(request.user) is None else {}
                url = reverse("openinfo:board", args=[year])
                return redirect(url + ("?province=" + nxt["province"] if nxt else ""))
            except ValidationError as exc:
                for msg in exc.messages:
                    form.add_error(None, msg)
        status = 400
    else:
        status = 200
    rows = [{"item": i, "assignment": current.get(i.pk)} for i in items]
    return render(request, "openinfo/assign.html", {"org": org, "ay": ay, "form": form, "rows": rows},
                  status=status)


@require_http_methods(["GET", "POST"])
def answer(request, code: str, year: int):
    org = access.access_org_for_answer(request.user, code)
    ay = _list_of(org, year)
    items = list(ay.items.all())
    from salaklang.portal.models import Post

    posts = list(Post.objects.public().filter(site__province_id=org.province_id).order_by("-publish_at")[:200])
    form = EvidenceForm(items=items, posts=posts)
    status = 200
    if request.method == "POST":
        form = EvidenceForm(request.POST, request.FILES, items=items, posts=posts)
        if form.is_valid():
            d = form.cleaned_data
            item = next(i for i in items if str(i.pk) == d["item"])
            post = next((p for p in posts if str(p.pk) == d["post"]), None)
            try:
                services.evidence_add(org=org, item=item, actor=request.user, kind=d["kind"], title=d["title"],
                                      upload=d["file"], post=post, due_on=d["due_on"],
                                      info_category=d["info_category"])
                messages.success(request, _("Evidence added as a draft. Publish it to show it on the ITA page."))
                return redirect("openinfo:answer", org.code, ay.year)
            except ValidationError as exc:
                errors_to_form(form, exc)
        status = 400
    evidence = {}
    for ev in Evidence.objects.filter(organization=org, item__year=ay).select_related("owner").order_by("id"):
        evidence.setdefault(ev.item_id, []).append(ev)
    rows = [{"item": i, "evidence": evidence.get(i.pk, [])} for i in items]
    return render(request, "openinfo/answer.html", {"org": org, "ay": ay, "rows": rows, "form": form},
                  status=status)


@require_POST
def evidence_action(request, pk: int, action: str):
    ev = access.access_evidence(request.user, pk)
    try:
        if action == "freeze":
            services.snapshot_freeze(evidence=ev, actor=request.user, fiscal_year=_fy(request, ev.item.year.year))
            messages.success(request, _("The page was frozen as a PDF."))
        elif action == "publish":
            services.evidence_publish(evidence=ev, actor=request.user)
            messages.success(request, _("Published: %(code)s now shows on the public ITA page.") % {
                "code": ev.item.code})
        elif action == "unpublish":
            services.evidence_unpublish(evidence=ev, actor=request.user)
        else:
            raise Http404
    except ValidationError as exc:
        show_refusal(request, exc)
    return redirect("openinfo:answer", ev.organization.code, ev.item.year.year)


@require_GET
def export(request, code: str, year: int, fmt: str):
    org = access.access_org_for_answer(request.user, code)
    ay = _list_of(org, year)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    header = [_("Code"), pgettext("ita", "Item"), _("Group"), _("Public address")]
    rows = [[r["item"].code, r["item"].title_th, r["item"].group, absolute_url(r["url"]) if r["url"] else ""]
            for r in queries.ita_rows(org, ay)]
    filename = f"ita-{ay.year}-{org.code}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")
        w = csv.writer(out)
        w.writerow(header)
        w.writerows(rows)
        resp = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = f"ITA {ay.year}"
        ws.append(header)
        for r in rows:
            ws.append(r)
        buf = io.BytesIO()
        wb.save(buf)
        resp = HttpResponse(buf.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
