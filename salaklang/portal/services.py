"""State changes of the portal — the one write path for each action.

Each function is keyword-only, runs in one transaction, locks the row it changes, checks permission
(``salaklang.portal.access``) and writes the audit trail. Status changes of posts go through
``salaklang.core.workflow.transition``; content changes keep the previous content as a ``PostVersion``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot
from salaklang.core import uploads, workflow
from salaklang.organizations.models import Organization
from salaklang.organizations.roles import province_of
from salaklang.portal import access, richtext
from salaklang.portal.models import Attachment, Category, Photo, Post, PostVersion, Site

S = Post.Status
CONTENT_FIELDS = ("kind", "page", "category_id", "title", "summary", "body", "number", "effective_date", "event_date",
                  "venue", "expires_at")
SITE_FIELDS = ("host", "title_th", "title_en", "tagline", "tagline_en", "address", "phone", "email", "office_id")
PHOTO_MIME = frozenset(uploads.PHOTO_TYPES)
ATTACHMENT_MIME = uploads.OFFICE_DOCUMENTS


# --- sites and categories ---------------------------------------------------------------------
def site_ensure(*, province: Organization, office: Organization | None = None) -> Site:
    """The site of ``province`` (created with the province's name if it has none). Used by demo data and
    by the publishing shortcuts; not a user action, so not audited."""
    if province.kind != Organization.Kind.PROVINCE:
        raise ValidationError(_("A portal site belongs to a province."))
    site, _created = Site.objects.get_or_create(
        province=province,
        defaults={"title_th": province.name_th, "title_en": province.name_en, "office": office,
                  "address": province.address, "phone": province.phone, "email": province.email},
    )
    return site


def site_update(*, site: Site, actor, data: dict) -> Site:
    with transaction.atomic():
        site = Site.objects.select_for_update().select_related("province").get(pk=site.pk)
        if not access.can_edit_site(actor, site):
            raise PermissionDenied
        before = snapshot(site, SITE_FIELDS)
        for name in SITE_FIELDS:
            if name in data:
                value = data[name]
                if name == "host":
                    value = (value or "").strip().lower() or None
                setattr(site, name, value)
        site.full_clean()
        site.save()
        changes = diff(before, snapshot(site, SITE_FIELDS))
        if changes:
            record(actor=actor, action=AuditEntry.Action.UPDATE, obj=site, verb="changed",
                   organization=site.province, changes=changes)
    from salaklang.portal.hosts import forget_hosts

    transaction.on_commit(forget_hosts)
    return site


def category_create(*, site: Site, actor, name_th: str, slug: str, name_en: str = "", sort_order: int = 0) -> Category:
    if not access.can_edit_site(actor, site):
        raise PermissionDenied
    name_th = richtext.check_plain(name_th, field="name_th")
    if not name_th:
        raise ValidationError({"name_th": _("Give the category a name.")})
    with transaction.atomic():
        if Category.objects.filter(site=site, slug=slug).exists():
            raise ValidationError({"slug": _("Another category of this site already uses this short name.")})
        category = Category(site=site, slug=slug, name_th=name_th, name_en=name_en, sort_order=sort_order)
        category.full_clean()
        category.save()
        record(actor=actor, action=AuditEntry.Action.CREATE, obj=category, verb="created",
               organization=site.province, changes={"name_th": name_th, "slug": slug})
    return category


# --- posts -------------------------------------------------------------------------------------
def _lock(post: Post) -> Post:
    locked = Post.objects.select_for_update().get(pk=post.pk)
    locked.site = Site.objects.select_related("province", "office").get(pk=locked.site_id)
    return locked


def _clean_content(data: dict) -> dict:
    out = dict(data)
    if "title" in out:
        out["title"] = richtext.check_plain(out["title"], field="title")[:300]
    if "summary" in out:
        out["summary"] = richtext.check_plain(out["summary"], field="summary")[:500]
    if "venue" in out:
        out["venue"] = richtext.check_plain(out["venue"], field="venue")[:300]
    if "number" in out:
        out["number"] = richtext.check_plain(out["number"], field="number")[:60]
    if "body" in out:
        out["body"] = richtext.sanitize(out["body"], field="body")
    return out


def _check_category(site: Site, category_id) -> None:
    if category_id and not Category.objects.filter(site=site, pk=category_id).exists():
        raise ValidationError({"category": _("Choose a category of this site.")})


def post_create(
    *,
    actor,
    site: Site,
    organization: Organization,
    kind: str = Post.Kind.NEWS,
    title: str = "",
    summary: str = "",
    body: str = "",
    category: Category | None = None,
    number: str = "",
    effective_date: dt.date | None = None,
    event_date: dt.date | None = None,
    venue: str = "",
    page: str = "",
    expires_at: dt.datetime | None = None,
    source_key: str = "",
    source_url: str = "",
    source_label: str = "",
) -> Post:
    """A new draft in ``organization``'s section of ``site``."""
    if organization.province_id != site.province_id:
        raise PermissionDenied
    if not access.can_write_section(actor, site, organization.pk):
        raise PermissionDenied
    data = _clean_content({"title": title, "summary": summary, "body": body, "venue": venue, "number": number})
    _check_category(site, category.pk if category else None)
    if kind == Post.Kind.PAGE and page not in Post.Page.values:
        raise ValidationError({"page": _("Choose which standing page this is.")})
    if kind != Post.Kind.PAGE:
        page = ""
    with transaction.atomic():
        if page and Post.objects.filter(site=site, organization=organization, page=page).exists():
            raise ValidationError({"page": _("This section already has this standing page: edit it instead.")})
        post = Post(site=site, organization=organization, kind=kind, page=page, category=category,
                    effective_date=effective_date, event_date=event_date, expires_at=expires_at,
                    source_key=source_key, source_url=source_url, source_label=source_label,
                    created_by=actor, updated_by=actor, **data)
        post.full_clean(exclude=["created_by", "updated_by"])
        post.save()
        record(actor=actor, action=AuditEntry.Action.CREATE, obj=post, verb="created", organization=organization,
               changes=snapshot(post, ("kind", "title", "organization_id", "source_key")))
    return post


def post_update(*, post: Post, actor, data: dict) -> Post:
    """Change the content; the previous content is kept as a version (history, restore)."""
    data = _clean_content({k: v for k, v in data.items() if k in CONTENT_FIELDS})
    with transaction.atomic():
        post = _lock(post)
        if not access.can_write_post(actor, post):
            raise PermissionDenied
        if "category_id" in data:
            _check_category(post.site, data["category_id"])
        before = snapshot(post, CONTENT_FIELDS)
        for name, value in data.items():
            setattr(post, name, value)
        if post.kind != Post.Kind.PAGE:
            post.page = ""
        after = snapshot(post, CONTENT_FIELDS)
        changes = diff(before, after)
        if not changes:
            return post
        if post.status in (S.PUBLISHED, S.SCHEDULED) and not post.title.strip():
            raise ValidationError({"title": _("A published post needs a title.")})
        PostVersion.objects.create(post=post, number=post.version, data=before, created_by=post.updated_by or actor)
        post.version += 1
        post.updated_by = actor
        post.full_clean(exclude=["created_by", "updated_by"])
        post.save()
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=post, verb="changed", organization=post.organization,
               changes={k: v for k, v in changes.items() if k != "body"} | ({"body": ["…", "…"]} if "body" in changes
                                                                             else {}))
    return post


def post_restore(*, post: Post, version: PostVersion, actor) -> Post:
    """Bring back the content of ``version`` (the current content becomes a version in its turn)."""
    if version.post_id != post.pk:
        raise ValidationError(_("This version belongs to another post."))
    data = {k: v for k, v in version.data.items() if k in CONTENT_FIELDS}
    for name in ("effective_date", "event_date"):
        if data.get(name):
            data[name] = dt.date.fromisoformat(data[name])
    if data.get("expires_at"):
        data["expires_at"] = dt.datetime.fromisoformat(data["expires_at"])
    with transaction.atomic():
        post = post_update(post=post, actor=actor, data=data)
        _post_changed(actor, post, "version restored", version=version.number)
    return post


def _check_publishable(post: Post) -> None:
    if not post.title.strip():
        raise ValidationError({"title": _("Give the post a title before publishing it.")})
    if post.expires_at and post.publish_at and post.expires_at <= post.publish_at:
        raise ValidationError({"expires_at": _("The expiry must be after the publication time.")})


def _allowed(post: Post, user, to: str) -> bool:
    return access.can_write_post(user, post)


def post_publish(*, post: Post, actor, at: dt.datetime | None = None, on_behalf_of=None) -> Post:
    """Publish now (``at`` empty or now) or schedule for ``at`` (in the future)."""
    now = timezone.now()
    if at is not None and at < now - dt.timedelta(minutes=1):
        raise ValidationError({"publish_at": _("The scheduled time is in the past: choose a later time, or publish now.")})
    scheduled = at is not None and at > now + dt.timedelta(minutes=1)
    to = S.SCHEDULED if scheduled else S.PUBLISHED
    if scheduled:
        post.publish_at = at
    elif post.status != S.UNPUBLISHED or post.publish_at is None or post.publish_at > now:
        post.publish_at = now
    return workflow.transition(
        post, to, actor=actor, verb="scheduled" if scheduled else "published", on_behalf_of=on_behalf_of,
        fields=["publish_at"], check=_check_publishable, organization=post.organization,
        refused=_("This post cannot be published from its current status."),
        changes={"publish_at": post.publish_at},
    )


def post_unpublish(*, post: Post, actor, reason: str = "") -> Post:
    return workflow.transition(post, S.UNPUBLISHED, actor=actor, verb="unpublished", message=(reason or "")[:500],
                               organization=post.organization, refused=_("Only a published post can be unpublished."))


def post_unschedule(*, post: Post, actor) -> Post:
    if post.status != S.SCHEDULED:  # the same rule as access.can_unschedule (the table also lets unpublished → draft)
        raise ValidationError(_("This post is not scheduled."))
    return workflow.transition(post, S.DRAFT, actor=actor, verb="back to draft", organization=post.organization,
                               refused=_("This post is not scheduled."))


def post_set_featured(*, post: Post, actor, featured: bool) -> Post:
    with transaction.atomic():
        post = _lock(post)
        if not access.can_feature(actor, post):
            raise PermissionDenied
        if post.featured != featured:
            post.featured = featured
            post.save(update_fields=["featured", "updated_at"])
            _post_changed(actor, post, "featured" if featured else "unfeatured", featured=[not featured, featured])
    return post


def publish_due(now: dt.datetime | None = None) -> int:
    """Periodic job: scheduled posts whose time has come become published (they are already visible from
    ``publish_at``; this records the change in the trail)."""
    now = now or timezone.now()
    n = 0
    for post in Post.objects.filter(status=S.SCHEDULED, publish_at__lte=now).select_related("organization")[:500]:
        try:
            workflow.transition(post, S.PUBLISHED, actor=None, verb="published on schedule",
                                organization=post.organization)
            n += 1
        except ValidationError:
            continue  # changed meanwhile
    return n


# --- photos and attachments ------------------------------------------------------------------
def _post_changed(actor, post: Post, verb: str, **changes) -> None:
    """The audit row of a change to a post or to its photos and files."""
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=post, verb=verb, organization=post.organization,
           changes=changes)


def _check_post_writable(actor, post: Post) -> Post:
    post = _lock(post)
    if not access.can_write_post(actor, post):
        raise PermissionDenied
    return post


def _store_photo(post: Post, actor, upload, caption: str, source_key: str = "") -> Photo:
    refused = _("Only JPEG, PNG and WebP photos are accepted (checked by content).")
    uploads.content_type(upload, allowed=PHOTO_MIME, refused=refused)
    data, mime, width, height = uploads.reencode_photo(upload, max_side=2560, refused=refused)
    ext = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}[mime]
    order = (post.photos.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    photo = Photo(post=post, caption=caption, content_type=mime, width=width, height=height, size=len(data),
                  sort_order=order, uploaded_by=actor, source_key=source_key,
                  is_cover=not post.photos.filter(is_cover=True).exists())
    photo.image.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(data), save=False)
    photo.save()
    return photo


def _queue_renditions(photo_ids: list[int]) -> None:
    from salaklang.portal.tasks import make_renditions

    transaction.on_commit(lambda: make_renditions.enqueue(photo_ids))


def photo_add(*, post: Post, actor, upload, caption: str = "") -> Photo:
    caption = richtext.check_plain(caption, field="caption")[:300]
    with transaction.atomic():
        post = _check_post_writable(actor, post)
        photo = _store_photo(post, actor, upload, caption)
        _post_changed(actor, post, "photo added", photo=photo.pk, caption=caption)
        _queue_renditions([photo.pk])
    return photo


def photo_update(*, photo: Photo, actor, caption: str | None = None, is_cover: bool | None = None,
                 sort_order: int | None = None) -> Photo:
    with transaction.atomic():
        post = _check_post_writable(actor, photo.post)
        photo = Photo.objects.select_for_update().get(pk=photo.pk, post=post)
        changes = {}
        if caption is not None:
            caption = richtext.check_plain(caption, field="caption")[:300]
            if caption != photo.caption:
                changes["caption"] = [photo.caption, caption]
                photo.caption = caption
        if sort_order is not None and sort_order != photo.sort_order:
            changes["sort_order"] = [photo.sort_order, sort_order]
            photo.sort_order = sort_order
        if is_cover and not photo.is_cover:
            post.photos.filter(is_cover=True).update(is_cover=False)
            photo.is_cover = True
            changes["cover"] = photo.pk
        if changes:
            photo.save()
            _post_changed(actor, post, "photo changed", photo=photo.pk, **changes)
    return photo


def photo_delete(*, photo: Photo, actor) -> None:
    with transaction.atomic():
        post = _check_post_writable(actor, photo.post)
        photo = Photo.objects.select_for_update().get(pk=photo.pk, post=post)
        was_cover = photo.is_cover
        files = [f for f in (photo.image, photo.thumb, photo.medium, photo.large) if f]
        photo.delete()
        if was_cover:
            first = post.photos.order_by("sort_order", "id").first()
            if first:
                Photo.objects.filter(pk=first.pk).update(is_cover=True)
        _post_changed(actor, post, "photo removed", photo=photo.pk)
        names = [(f.storage, f.name) for f in files]
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def _store_attachment(post: Post, actor, upload, description: str, *, data: bytes | None = None,
                      filename: str = "", mime: str = "", source_key: str = "") -> Attachment:
    if data is None:
        mime = uploads.content_type(upload, allowed=ATTACHMENT_MIME)
        data = upload.read()
        filename = filename or upload.name
    filename = get_valid_filename(filename or "file")[:200] or "file"
    order = (post.attachments.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    att = Attachment(post=post, filename=filename, description=description, content_type=mime, size=len(data),
                     sort_order=order, uploaded_by=actor, source_key=source_key)
    ext = filename.rsplit(".", 1)[-1][:8] if "." in filename else "bin"
    att.file.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(data), save=False)
    att.save()
    return att


def attachment_add(*, post: Post, actor, upload, description: str = "") -> Attachment:
    description = richtext.check_plain(description, field="description")[:300]
    with transaction.atomic():
        post = _check_post_writable(actor, post)
        att = _store_attachment(post, actor, upload, description)
        _post_changed(actor, post, "attachment added", attachment=att.filename, size=att.size)
    return att


def attachment_delete(*, attachment: Attachment, actor) -> None:
    with transaction.atomic():
        post = _check_post_writable(actor, attachment.post)
        att = Attachment.objects.select_for_update().get(pk=attachment.pk, post=post)
        storage, name = att.file.storage, att.file.name
        att.delete()
        _post_changed(actor, post, "attachment removed", attachment=att.filename)
        transaction.on_commit(lambda: storage.delete(name))


# --- publishing from the work, in one step -----------------------------------------------------
def _existing_from(site: Site, key: str) -> Post | None:
    return Post.objects.filter(site=site, source_key=key).first()


def _section_for(actor, site: Site, preferred: Iterable[int | None]) -> Organization:
    """The section a shortcut writes in: the first of ``preferred`` the actor may write in, else the site's office
    or the province (for site editors), else the actor's own section."""
    for org_id in [*preferred, site.office_id, site.province_id]:
        if org_id and access.can_write_section(actor, site, org_id):
            return Organization.objects.get(pk=org_id)
    ids = access.section_ids(actor, site)
    if ids:
        return Organization.objects.get(pk=sorted(ids)[0])
    raise PermissionDenied


def _paragraphs(text) -> str:
    """Plain text → one ``<p>`` a non-empty line, escaped."""
    from django.utils.html import escape

    return "".join(f"<p>{escape(p.strip())}</p>" for p in str(text or "").split("\n") if p.strip())


def _drafted(actor, post: Post, key: str, **changes) -> None:
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=post, verb="drafted from the work",
           organization=post.organization, changes={"source": key, **changes})


def album_from_meeting(*, meeting, actor) -> Post:
    """The publishable photos of a meeting → a draft album with its title, date, venue and chair (seed 000).
    Idempotent: a second call returns the same draft (adding photos marked publishable since)."""
    from salaklang.core.templatetags.thai import bdate

    site = site_ensure(province=meeting.province)
    key = f"agendas.meeting:{meeting.pk}"
    photos = list(meeting.photos.filter(publishable=True).order_by("uploaded_at", "id"))
    if not photos:
        raise ValidationError(_("No photo of this meeting is marked as publishable yet."))
    with transaction.atomic():
        post = _existing_from(site, key)
        if post is None:
            section = _section_for(actor, site, [meeting.committee.organization_id if meeting.committee_id else None])
            chair = meeting.chair.full_name if meeting.chair_id and hasattr(meeting.chair, "full_name") else (
                str(meeting.chair) if meeting.chair_id else "")
            from django.utils.html import escape

            lines = [_("Date: %(date)s") % {"date": bdate(meeting.date)}, _("Venue: %(venue)s") % {"venue": meeting.venue}]
            if chair:
                lines.append(_("Chaired by: %(chair)s") % {"chair": chair})
            lines = [f"<p>{escape(line)}</p>" for line in lines]
            post = post_create(
                actor=actor, site=site, organization=section, kind=Post.Kind.ALBUM, title=meeting.title[:300],
                summary=f"{meeting.title} — {meeting.venue}"[:500], body="".join(lines), event_date=meeting.date,
                venue=meeting.venue[:300], source_key=key, source_url=reverse("agendas:meeting", args=[meeting.pk]),
                source_label=str(_("Meeting: %(title)s") % {"title": meeting.title})[:300],
            )
        post = _check_post_writable(actor, post)
        have = set(post.photos.exclude(source_key="").values_list("source_key", flat=True))
        added = []
        for mp in photos:
            pkey = f"agendas.meetingphoto:{mp.pk}"
            if pkey in have:
                continue
            with mp.image.open("rb") as fh:
                photo = _store_photo(post, actor, fh, richtext.check_plain(mp.caption)[:300], source_key=pkey)
            added.append(photo.pk)
        if added:
            _queue_renditions(added)
        _drafted(actor, post, key, photos=len(added))
    return post


def announcement_from_call(*, call, actor) -> Post:
    """A published call → a draft announcement with its circular (PDF) and attachments (seed 004)."""
    from salaklang.calls import documents as call_documents
    from salaklang.calls.models import Call

    if call.status == Call.Status.DRAFT:
        raise ValidationError(_("Publish the call first; its circular gets its number then."))
    province = province_of(call.issuer)
    if province is None:
        raise ValidationError(_("This call was issued nationally: announce it on a province's site instead."))
    site = site_ensure(province=province)
    key = f"calls.call:{call.pk}"
    with transaction.atomic():
        post = _existing_from(site, key)
        if post is not None:
            return post
        section = _section_for(actor, site, [call.issuer_id])
        post = post_create(
            actor=actor, site=site, organization=section, kind=Post.Kind.ANNOUNCEMENT, title=call.subject or call.title,
            summary=call.title[:500], body=_paragraphs(call.body), number=call.document_number,
            effective_date=call.letter_date or timezone.localdate(), source_key=key,
            source_url=f"/calls/{call.pk}/", source_label=str(_("Call for proposals: %(title)s") % {"title": call.title}),
        )
        post = _check_post_writable(actor, post)
        pdf = call_documents.letter_pdf(call)
        _store_attachment(post, actor, None, str(_("Circular letter %(number)s") % {"number": call.document_number}),
                          data=pdf, filename=f"circular-{call.pk}.pdf", mime=uploads.PDF, source_key=f"{key}:letter")
        for att in call.attachments.all():
            with att.file.open("rb") as fh:
                data = fh.read()
            _store_attachment(post, actor, None, att.title, data=data, filename=att.file.name.rsplit("/", 1)[-1],
                              mime=att.content_type, source_key=f"calls.callattachment:{att.pk}")
        _drafted(actor, post, key)
    return post


def _announce(*, actor, site: Site, key: str, **fields) -> Post:
    """The draft post from a piece of work with only text: the one made before for ``key``, else a new one in the
    actor's section."""
    with transaction.atomic():
        post = _existing_from(site, key)
        if post is not None:
            return post
        post = post_create(actor=actor, site=site, organization=_section_for(actor, site, []), source_key=key, **fields)
        _drafted(actor, post, key)
    return post


def announcement_from_consultation(*, consultation, actor) -> Post:
    from django.utils.html import escape

    from salaklang.participation.models import Consultation

    if consultation.status not in Consultation.PUBLIC_STATUSES:
        raise ValidationError(_("Publish the consultation first."))
    url = consultation.get_absolute_url()
    link_text = _("Read and comment on the consultation page")
    return _announce(
        actor=actor, site=site_ensure(province=consultation.province), key=f"participation.consultation:{consultation.pk}",
        kind=Post.Kind.ANNOUNCEMENT,
        title=str(_("Public consultation: %(title)s") % {"title": consultation.title})[:300],
        summary=consultation.summary,
        body=_paragraphs(consultation.background) + f'<p><a href="{escape(url)}">{escape(link_text)}</a></p>',
        effective_date=timezone.localdate(consultation.opens_at), source_url=url,
        source_label=str(_("Consultation: %(title)s") % {"title": consultation.title})[:300],
    )


def announcement_from_agenda(*, agenda, actor) -> Post:
    from salaklang.agendas.models import Agenda

    if agenda.status != Agenda.Status.SELECTED:
        raise ValidationError(_("Only a selected agenda can be announced."))
    return _announce(
        actor=actor, site=site_ensure(province=agenda.province), key=f"agendas.agenda:{agenda.pk}",
        kind=Post.Kind.NEWS,
        title=str(_("Selected development agenda: %(title)s") % {"title": agenda.title})[:300],
        summary=str(agenda.title)[:500], body=_paragraphs(agenda.problem),
        source_url=reverse("agendas:detail", args=[agenda.pk]),
        source_label=str(_("Agenda: %(title)s") % {"title": agenda.title})[:300],
    )
