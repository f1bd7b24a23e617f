"""Portal pages. Public pages need no sign-in; editor pages: access -> form -> service -> redirect."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from salaklang.core.forms import errors_to_form
from salaklang.core.services import run_service, show_refusal
from salaklang.portal import access, counting, pagecache, queries, services
from salaklang.portal.forms import (
    AttachmentForm,
    CategoryForm,
    ImportForm,
    PhotoEditForm,
    PhotoForm,
    PostForm,
    PublishForm,
    SiteForm,
)
from salaklang.portal.models import Attachment, Photo, Post, PostVersion

PAGE_SIZE = settings.PAGE_SIZES["portal"]


def _public(request, context: dict, *, site=None, count=None) -> dict:
    """A public page: for an anonymous visitor it carries no CSRF token (no cookie is set, so the page cache may
    keep it; the language switch posts to a view that needs no token)."""
    if pagecache.mark(request, site=site, count=count):
        context["csrf_token"] = ""
        context["portal_anonymous"] = True
    return context


# --- public ------------------------------------------------------------------------------------
@login_not_required
@require_GET
def site_list(request):
    return render(request, "portal/site_list.html", _public(request, {"sites": queries.sites()}))


def render_home(request, site):
    context = queries.home(site)
    context.update({"site": site, "is_editor": request.user.is_authenticated and access.is_editor(request.user, site)})
    return render(request, "portal/home.html", _public(request, context, site=site))


@login_not_required
@require_GET
def home(request, code: str):
    return render_home(request, access.access_site(code))


def landing(request):
    """``/`` for visitors: the portal of the host's province, else of PORTAL_LANDING_SITE, else the provinces."""
    from django.conf import settings

    code = getattr(request, "portal_site_code", None) or settings.PORTAL_LANDING_SITE
    if code:
        try:
            site = access.access_site(code)
        except Http404:
            site = None
        if site is not None:
            return render_home(request, site)
    return site_list(request)


def _list(request, site, qs, *, title: str, feed_url: str = "", atom_url: str = "", extra: dict | None = None):
    page = Paginator(queries.listing(qs), PAGE_SIZE).get_page(request.GET.get("page"))
    posts = queries.attach_covers(list(page.object_list), site)
    context = {"site": site, "page": page, "posts": posts, "title": title, "feed_url": feed_url, "atom_url": atom_url,
               "categories": list(site.categories.all())}
    context.update(extra or {})
    return render(request, "portal/post_list.html", _public(request, context, site=site))


@login_not_required
@require_GET
def kind_list(request, code: str, kind: str):
    site = access.access_site(code)
    if kind not in queries.LIST_KINDS:
        raise Http404
    value = queries.LIST_KINDS[kind]
    return _list(request, site, queries.public_posts(site).filter(kind=value), title=Post.Kind(value).label,
                 feed_url=reverse("portal:feed_rss", args=[code]), atom_url=reverse("portal:feed_atom", args=[code]))


@login_not_required
@require_GET
def category(request, code: str, slug: str):
    site = access.access_site(code)
    cat = queries.category_of(site, slug)
    if cat is None:
        raise Http404
    return _list(request, site, queries.public_posts(site).filter(category=cat), title=cat.name,
                 feed_url=reverse("portal:category_rss", args=[code, slug]),
                 atom_url=reverse("portal:category_atom", args=[code, slug]), extra={"category": cat})


@login_not_required
@require_GET
def section(request, code: str, org: str):
    site = access.access_site(code)
    organization = next((o for o in queries.sections(site) if o.code == org), None)
    if organization is None:
        raise Http404
    return _list(request, site, queries.public_posts(site).filter(organization=organization),
                 title=organization.name, extra={"section": organization})


@login_not_required
@require_GET
def standing_page(request, code: str, page: str):
    site = access.access_site(code)
    post = (Post.objects.public().filter(site=site, kind=Post.Kind.PAGE, page=page,
                                         organization_id__in=[site.province_id, site.office_id])
            .order_by("organization__depth").first())
    if post is None:
        raise Http404
    return redirect(post.get_absolute_url() if post.site_id == site.pk else "/")


def _post_context(request, site, post) -> dict:
    context = {"site": site, "post": post, **queries.post_detail(post)}
    context["views"] = post.view_count + counting.pending("post", post.pk)
    context["absolute_url"] = request.build_absolute_uri(post.get_absolute_url())
    cover = context["cover"]
    # Announcements and documents have no photo: LINE and Facebook then show the platform's share card, not nothing.
    context["og_image"] = request.build_absolute_uri(cover.url("medium") if cover else static("portal/share.png"))
    context["is_preview"] = not post.is_public()
    context["can_edit"] = request.user.is_authenticated and access.can_write_post(request.user, post)
    return context


@login_not_required
@require_GET
def post_detail(request, code: str, pk: int):
    site = access.access_site(code)
    post = access.access_post(request.user, site, pk)
    public = post.is_public()
    if public:
        counting.count_view(request, "post", post.pk)
    context = _post_context(request, site, post)
    if public:
        _public(request, context, site=site, count=("post", post.pk))
    return render(request, "portal/post_detail.html", context)


@login_not_required
@require_GET
def post_print(request, code: str, pk: int):
    site = access.access_site(code)
    post = access.access_post(request.user, site, pk)
    context = _post_context(request, site, post)
    if post.is_public():
        _public(request, context, site=site)
    return render(request, "portal/post_print.html", context)


@login_not_required
@require_safe  # GET and HEAD (link checkers, feed readers and CDNs ask HEAD first)
def photo_file(request, pk: int, size: str):
    if size not in ("full", *Photo.SIZES):
        raise Http404
    photo = get_object_or_404(Photo.objects.select_related("post__site__province"), pk=pk)
    public = photo.post.is_public()
    if not public and not (request.user.is_authenticated and access.can_write_post(request.user, photo.post)):
        raise Http404
    field, content_type = photo.rendition(size)
    try:
        response = FileResponse(field.open("rb"), content_type=content_type)
    except FileNotFoundError:
        raise Http404 from None
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_GET
def attachment_file(request, pk: int):
    att = get_object_or_404(Attachment.objects.select_related("post__site__province"), pk=pk)
    public = att.post.is_public()
    if not public and not (request.user.is_authenticated and access.can_write_post(request.user, att.post)):
        raise Http404
    if public:
        counting.count_download(request, att.pk)
    try:
        response = FileResponse(att.file.open("rb"), content_type=att.content_type, as_attachment=True,
                                filename=att.filename)
    except FileNotFoundError:
        raise Http404 from None
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- editors -----------------------------------------------------------------------------------
def _editor_site(request, code: str):
    site = access.access_site(code)
    if not access.is_editor(request.user, site):
        raise Http404
    return site


def _editable_post(request, code: str, pk: int):
    """The site and the post an editor works on (404 / 403 as ``access.access_post`` says)."""
    site = _editor_site(request, code)
    return site, access.access_post(request.user, site, pk, for_write=True)


@require_GET
def manage(request):
    sites = list(access.editor_sites(request.user))
    if len(sites) == 1:
        return redirect("portal:manage_site", sites[0].province.code)
    if not sites:
        raise PermissionDenied
    return render(request, "portal/manage.html", {"sites": sites})


@require_GET
def manage_site(request, code: str):
    site = _editor_site(request, code)
    qs = access.editable_posts(request.user, site).select_related("organization", "category")
    status = request.GET.get("status", "")
    if status in Post.Status.values:
        qs = qs.filter(status=status)
    kind = request.GET.get("kind", "")
    if kind in Post.Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("-updated_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for p in page.object_list:
        p.site = site
    return render(request, "portal/manage_site.html", {
        "site": site, "page": page, "status": status, "kind": kind, "statuses": Post.Status.choices,
        "kinds": Post.Kind.choices, "site_editor": access.can_edit_site(request.user, site),
        "meetings": access.meetings_for_albums(request.user, site),
    })


@require_http_methods(["GET", "POST"])
def post_create(request, code: str):
    site = _editor_site(request, code)
    sections = access.writable_sections(request.user, site)
    form = PostForm(request.POST or None, site=site, sections=sections,
                    initial={"kind": request.GET.get("kind", Post.Kind.NEWS)})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            post = services.post_create(
                actor=request.user, site=site, organization=d["organization"], kind=d["kind"], title=d["title"],
                summary=d["summary"], body=d["body"], category=d["category"], number=d["number"],
                effective_date=d["effective_date"], event_date=d["event_date"], venue=d["venue"], page=d["page"],
                expires_at=d["expires_at"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("portal:post_edit", code, post.pk)
    return render(request, "portal/post_form.html", {"site": site, "form": form})


@require_http_methods(["GET", "POST"])
def post_edit(request, code: str, pk: int):
    site, post = _editable_post(request, code, pk)
    form = PostForm(request.POST or None, instance=post, site=site, sections=access.writable_sections(request.user, site))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.cleaned_data if name != "category"}
        data["category_id"] = form.cleaned_data["category"].pk if form.cleaned_data.get("category") else None
        try:
            services.post_update(post=Post.objects.get(pk=post.pk), actor=request.user, data=data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("portal:post_edit", code, post.pk)
    from salaklang.core import workflow

    return render(request, "portal/post_edit.html", {
        "site": site, "post": post, "form": form, "publish_form": PublishForm(),
        "photo_form": PhotoForm(), "attachment_form": AttachmentForm(), **queries.post_detail(post),
        "transitions": workflow.available_transitions(post, request.user),
        "can_feature": access.can_feature(request.user, post),
        "can_unschedule": access.can_unschedule(request.user, post),
    })


def _post_action(request, code: str, pk: int, action):
    site, post = _editable_post(request, code, pk)
    try:
        action(post)
    except ValidationError as exc:
        show_refusal(request, exc)
    return redirect("portal:post_edit", code, pk)


@require_POST
def post_publish(request, code: str, pk: int):
    form = PublishForm(request.POST)

    def act(post):
        if not form.is_valid():
            raise ValidationError(_("Enter a valid date and time."))
        post = services.post_publish(post=post, actor=request.user, at=form.cleaned_data.get("publish_at"))
        if post.status == Post.Status.SCHEDULED:
            messages.success(request, _("The post is scheduled."))
        else:
            messages.success(request, _("The post is published."))

    return _post_action(request, code, pk, act)


@require_POST
def post_unpublish(request, code: str, pk: int):
    def act(post):
        services.post_unpublish(post=post, actor=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("The post is no longer public."))

    return _post_action(request, code, pk, act)


@require_POST
def post_unschedule(request, code: str, pk: int):
    def act(post):
        services.post_unschedule(post=post, actor=request.user)
        messages.success(request, _("The post is a draft again."))

    return _post_action(request, code, pk, act)


@require_POST
def post_feature(request, code: str, pk: int):
    def act(post):
        services.post_set_featured(post=post, actor=request.user, featured=request.POST.get("featured") == "1")

    return _post_action(request, code, pk, act)


@require_GET
def post_history(request, code: str, pk: int):
    site, post = _editable_post(request, code, pk)
    versions = list(post.versions.select_related("created_by"))
    from salaklang.audit.services import timeline

    return render(request, "portal/post_history.html", {"site": site, "post": post, "versions": versions,
                                                         "entries": timeline(post)[:50]})


@require_POST
def post_restore(request, code: str, pk: int, number: int):
    def act(post):
        version = get_object_or_404(PostVersion, post=post, number=number)
        services.post_restore(post=post, version=version, actor=request.user)
        messages.success(request, _("Version %(n)s is restored.") % {"n": number})

    return _post_action(request, code, pk, act)


@require_POST
def photo_add(request, code: str, pk: int):
    site, post = _editable_post(request, code, pk)
    files = request.FILES.getlist("image")
    if not files:
        messages.error(request, _("Choose a photo."))
    for upload in files[:50]:
        try:
            services.photo_add(post=post, actor=request.user, upload=upload, caption=request.POST.get("caption", ""))
        except ValidationError as exc:
            show_refusal(request, exc)
            break
    else:
        if files:
            messages.success(request, _("Photos added."))
    return redirect(reverse("portal:post_edit", args=[code, pk]) + "#photos")


@require_POST
def photo_edit(request, code: str, pk: int, photo_pk: int):
    site, post = _editable_post(request, code, pk)
    photo = get_object_or_404(Photo, pk=photo_pk, post=post)
    try:
        if request.POST.get("delete"):
            services.photo_delete(photo=photo, actor=request.user)
        else:
            form = PhotoEditForm(request.POST)
            if form.is_valid():
                services.photo_update(photo=photo, actor=request.user, caption=form.cleaned_data["caption"],
                                      is_cover=form.cleaned_data["is_cover"] or None)
    except ValidationError as exc:
        show_refusal(request, exc)
    return redirect(reverse("portal:post_edit", args=[code, pk]) + "#photos")


@require_POST
def attachment_add(request, code: str, pk: int):
    site, post = _editable_post(request, code, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(request, services.attachment_add, post=post, actor=request.user, upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"], success=_("The file is attached."))
    else:
        messages.error(request, _("Choose a file."))
    return redirect(reverse("portal:post_edit", args=[code, pk]) + "#attachments")


@require_POST
def attachment_delete(request, code: str, pk: int, att_pk: int):
    site, post = _editable_post(request, code, pk)
    att = get_object_or_404(Attachment, pk=att_pk, post=post)
    services.attachment_delete(attachment=att, actor=request.user)
    return redirect(reverse("portal:post_edit", args=[code, pk]) + "#attachments")


@require_http_methods(["GET", "POST"])
def site_settings(request, code: str):
    site = _editor_site(request, code)
    if not access.can_edit_site(request.user, site):
        raise PermissionDenied
    form = SiteForm(request.POST or None, instance=site)
    cat_form = CategoryForm(prefix="cat")
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(site=site, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("portal:site_settings", code)
    return render(request, "portal/site_settings.html", {"site": site, "form": form, "cat_form": cat_form,
                                                         "categories": list(site.categories.all())})


@require_POST
def category_create(request, code: str):
    site = _editor_site(request, code)
    form = CategoryForm(request.POST, prefix="cat")
    if form.is_valid():
        try:
            services.category_create(site=site, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The category is added."))
        except ValidationError as exc:
            show_refusal(request, exc)
    else:
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, e)
    return redirect("portal:site_settings", code)


@require_http_methods(["GET", "POST"])
def feed_import(request, code: str):
    from salaklang.portal import importing

    site = _editor_site(request, code)
    if not access.can_edit_site(request.user, site):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d.get("file"):
                data = importing.read_upload(d["file"])
            else:
                data = importing.fetch(d["url"])
            result = importing.import_feed(site=site, actor=request.user, data=data, kind=d["kind"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("%(created)s posts imported, %(skipped)s already there.") % result)
            return redirect("portal:manage_site", code)
    return render(request, "portal/import.html", {"site": site, "form": form, "result": result})


# --- publish from the work ---------------------------------------------------------------------
def _from_work(request, make):
    try:
        post = make()
    except ValidationError as exc:
        show_refusal(request, exc)
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("portal:manage")
        return redirect(back)
    # made once per source: pressing the button again opens what was made, and says what state it is in
    messages.success(request, {
        Post.Status.PUBLISHED: _("This is already published on the website; revise it here if needed."),
        Post.Status.SCHEDULED: _("This is already scheduled on the website; check it here."),
        Post.Status.UNPUBLISHED: _("This was published on the website and taken down; check it and publish it again."),
    }.get(post.status, _("A draft is ready on the website: check it and publish it.")))
    return redirect("portal:post_edit", post.site.province.code, post.pk)


@require_POST
def from_meeting(request, pk: int):
    meeting = access.access_meeting_for_album(request.user, pk)
    return _from_work(request, lambda: services.album_from_meeting(meeting=meeting, actor=request.user))


@require_POST
def from_call(request, pk: int):
    from salaklang.calls.access import access_call

    call = access_call(request.user, pk)
    return _from_work(request, lambda: services.announcement_from_call(call=call, actor=request.user))


@require_POST
def from_consultation(request, pk: int):
    from salaklang.participation.access import access_consultation

    consultation = access_consultation(request.user, pk)
    return _from_work(request, lambda: services.announcement_from_consultation(consultation=consultation,
                                                                               actor=request.user))


@require_POST
def from_agenda(request, pk: int):
    from salaklang.agendas.access import access_agenda

    agenda = access_agenda(request.user, pk)
    return _from_work(request, lambda: services.announcement_from_agenda(agenda=agenda, actor=request.user))
