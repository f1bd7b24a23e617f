"""Who may see and change the portal.

* Everyone (signed in or not) sees the public posts of every active site: published (or scheduled and due),
  not expired. A draft, scheduled-not-yet-due, unpublished or expired post is a 404 for them — never its title.
* The *site editors* of a province — portal editors of the province itself or of the office that runs the site
  (the Provincial Office), the province's strategy staff and national admins — edit every section of that site,
  its categories, standing pages and settings, and feature posts on the province's home page.
* A portal editor of an agency (or district) writes in that organization's section only. Another agency's post,
  or another province's, is a 404 for them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from salaklang.organizations.access import roles_of
from salaklang.organizations.models import Organization, Role
from salaklang.portal.models import Post, Site


def can_edit_site(user, site: Site) -> bool:
    roles = roles_of(user)
    if roles.is_national_admin or roles.is_admin_of_province(site.province_id):
        return True
    return any(g.role == Role.PORTAL_EDITOR and g.organization_id in (site.province_id, site.office_id)
               for g in roles.grants)


def section_ids(user, site: Site) -> set[int] | None:
    """The organizations whose section ``user`` writes in on ``site``: None = every section (site editor)."""
    if can_edit_site(user, site):
        return None
    return {g.organization_id for g in roles_of(user).grants
            if g.role == Role.PORTAL_EDITOR and g.province_id == site.province_id}


def is_editor(user, site: Site) -> bool:
    ids = section_ids(user, site)
    return ids is None or bool(ids)


def may_edit_somewhere(user) -> bool:
    """For the navigation: no query, from the roles loaded with the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles = roles_of(user)
    return roles.is_admin or roles.has(Role.PORTAL_EDITOR)


def editor_sites(user) -> QuerySet[Site]:
    """The sites where ``user`` may write something."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return Site.objects.select_related("province")
    provinces = set(roles.admin_province_ids)
    offices = set()
    for g in roles.grants:
        if g.role == Role.PORTAL_EDITOR:
            provinces.add(g.province_id)
            offices.add(g.organization_id)
    return Site.objects.filter(Q(province_id__in=provinces) | Q(office_id__in=offices)).select_related("province")


def writable_sections(user, site: Site) -> QuerySet[Organization]:
    ids = section_ids(user, site)
    qs = Organization.objects.filter(province_id=site.province_id, is_active=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("depth", "name_th")


def can_write_post(user, post: Post) -> bool:
    ids = section_ids(user, post.site)
    return ids is None or post.organization_id in ids


def can_write_section(user, site: Site, organization_id: int | None) -> bool:
    ids = section_ids(user, site)
    if organization_id is None:
        return False
    return ids is None or organization_id in ids


def can_unschedule(user, post: Post) -> bool:
    """"Cancel the schedule": a scheduled post goes back to draft (an unpublished one is not scheduled, although
    the workflow also lets it go back to draft)."""
    return post.status == Post.Status.SCHEDULED and can_write_post(user, post)


def can_feature(user, post: Post) -> bool:
    return can_edit_site(user, post.site)


def editable_posts(user, site: Site) -> QuerySet[Post]:
    ids = section_ids(user, site)
    qs = Post.objects.filter(site=site)
    if ids is None:
        return qs
    return qs.filter(organization_id__in=ids)


def access_meeting_for_album(user, pk):
    """A meeting whose publishable photos ``user`` may turn into a draft album: the site editors of the meeting's
    province (the Provincial Office's portal editor, strategy staff, national admins) and whoever may see the
    meeting in the meetings app (its own rule). Anything else — another province's meeting — is a 404."""
    from salaklang.agendas.access import visible_meetings
    from salaklang.agendas.models import Meeting

    try:
        meeting = Meeting.objects.select_related("committee", "province", "chair").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    site = Site.objects.filter(province_id=meeting.province_id, is_active=True).select_related("province").first()
    if site is not None and can_edit_site(user, site):
        return meeting
    if visible_meetings(user).filter(pk=meeting.pk).exists():
        return meeting
    raise Http404


def meetings_for_albums(user, site: Site, limit: int = 10):
    """Meetings of the site's province with photos marked "may be published", for its site editors (newest first,
    with the number of such photos); empty for anyone else."""
    from django.db.models import Count, Q

    from salaklang.agendas.models import Meeting

    if not can_edit_site(user, site):
        return []
    return list(Meeting.objects.filter(province_id=site.province_id, photos__publishable=True)
                .annotate(publishable_photos=Count("photos", filter=Q(photos__publishable=True)))
                .order_by("-date", "-id")[:limit])


def access_site(code: str) -> Site:
    try:
        return Site.objects.select_related("province", "office").get(province__code=code, is_active=True)
    except Site.DoesNotExist:
        raise Http404 from None


def access_post(user, site: Site, pk, *, for_write: bool = False) -> Post:
    """The post ``pk`` of ``site``: public to everyone; otherwise (and for writing) only to its editors."""
    try:
        post = Post.objects.select_related("organization", "category", "created_by", "updated_by").get(
            site=site, pk=pk)
    except (Post.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    post.site = site
    if (for_write or not post.is_public()) and (
            not getattr(user, "is_authenticated", False) or not can_write_post(user, post)):
        raise Http404
    return post


def access_post_any_site(user, pk, *, for_write: bool = False) -> Post:
    try:
        site_id = Post.objects.values_list("site_id", flat=True).get(pk=pk)
    except (Post.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    site = Site.objects.select_related("province", "office").get(pk=site_id)
    return access_post(user, site, pk, for_write=for_write)
