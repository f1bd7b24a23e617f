"""Organization tree, people, committees and delegations. Thin views: access → form → service → render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salaklang.accounts.models import User
from salaklang.core.forms import errors_to_form, form_errors_text, render_form
from salaklang.core.services import run_service
from salaklang.organizations import access, queries, services
from salaklang.organizations.forms import (
    CommitteeForm,
    DelegationForm,
    LetterheadForm,
    MembershipForm,
    OrganizationFilterForm,
    OrganizationForm,
    PeopleFilterForm,
    PersonCreateForm,
    PersonEditForm,
    SeatForm,
)
from salaklang.organizations.models import Committee, CommitteeMember, Delegation, Membership, Organization

PAGE_SIZE = settings.PAGE_SIZES["organizations"]


def _staff_only(user) -> None:
    if not access.roles_of(user).is_government_staff:
        raise PermissionDenied


def _manageable_orgs(user):
    provinces = access.manageable_province_ids(user)
    qs = Organization.objects.filter(is_active=True)
    if provinces is None:
        return qs.order_by("depth", "name_th")
    return qs.filter(Q(province_id__in=provinces) | Q(pk__in=provinces)).order_by("depth", "name_th")


# --- tree -------------------------------------------------------------------------------------
def organization_tree(request):
    _staff_only(request.user)
    form = OrganizationFilterForm(request.GET or None)
    q = kind = ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    province_id = request.GET.get("province")
    province_id = int(province_id) if province_id and province_id.isdigit() else None
    roles = access.roles_of(request.user)
    many_provinces = roles.is_national_staff and not province_id and not (q or kind)
    ctx = {"form": form, "can_create": access.can_manage_people(request.user), "province_id": province_id}
    if many_provinces:
        ctx["provinces"] = queries.province_summaries(request.user)
        ctx["roots"] = queries.tree(request.user, national_only=True)
    else:
        ctx["roots"] = queries.tree(request.user, q=q, kind=kind, province_id=province_id)
    if request.headers.get("HX-Request") and province_id:
        return render(request, "organizations/_subtree.html", ctx)
    return render(request, "organizations/tree.html", ctx)


def organization_detail(request, pk: int):
    _staff_only(request.user)
    org = access.access_organization(request.user, pk)
    ctx = {"org": org, "can_edit": access.can_manage_organization(request.user, org),
           "can_edit_letterhead": access.can_manage_letterhead(request.user, org), **queries.organization_detail(org)}
    # only the units this person may open (another province's page is a 404 for them)
    ctx["children"] = ctx["children"].filter(pk__in=access.visible_organizations(request.user).values("pk"))
    return render(request, "organizations/detail.html", ctx)


def organization_create(request):
    _staff_only(request.user)
    if not access.can_manage_people(request.user):
        raise PermissionDenied
    roles = access.roles_of(request.user)
    kinds = None if roles.is_national_admin else {"agency", "district", "local", "unit"}
    parents = _manageable_orgs(request.user)
    initial = {}
    if request.GET.get("parent", "").isdigit():
        initial["parent"] = request.GET["parent"]
    form = OrganizationForm(request.POST or None, parents=parents, kinds=kinds, initial=initial)
    if request.method == "POST" and form.is_valid() and (done := run_service(
            request, services.organization_create, actor=request.user, data=form.cleaned_data, form=form,
            success=_("The organization has been created."))):
        return redirect("organizations:detail", pk=done.value.pk)
    return render_form(request, "organizations/form.html", {"form": form, "title": _("New organization")})


def organization_edit(request, pk: int):
    org = access.access_organization(request.user, pk, for_write=True)
    roles = access.roles_of(request.user)
    kinds = None if roles.is_national_admin else {"agency", "district", "local", "unit"}
    form = OrganizationForm(request.POST or None, instance=org, parents=_manageable_orgs(request.user).exclude(pk=org.pk),
                            kinds=kinds)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.changed_data}
        if run_service(request, services.organization_update, actor=request.user,
                       organization=Organization.objects.get(pk=org.pk), data=data, form=form,
                       success=_("The changes have been saved.")):
            return redirect("organizations:detail", pk=org.pk)
    return render_form(request, "organizations/form.html",
                       {"form": form, "title": _("Edit %(org)s") % {"org": org}, "org": org})


def organization_letterhead(request, pk: int):
    """The emblem and address lines of the organization's official letters, with a preview of the emblem."""
    import base64

    from salaklang.documents.letters import placeholder_emblem

    org = access.access_letterhead(request.user, pk)
    form = LetterheadForm(request.POST or None, request.FILES or None, initial={"address": org.address})
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_letterhead_update(
                actor=request.user, organization=org, address=form.cleaned_data["address"],
                emblem=form.cleaned_data["emblem"], remove_emblem=form.cleaned_data["remove_emblem"])
        except ValidationError as exc:
            form.add_error("emblem", exc.messages)
        else:
            messages.success(request, _("The letterhead has been saved."))
            return redirect("organizations:detail", pk=org.pk)
    emblem = org.emblem_bytes()
    preview = "data:image/png;base64," + base64.b64encode(emblem or placeholder_emblem()).decode()
    return render_form(request, "organizations/letterhead_form.html",
                       {"form": form, "org": org, "preview": preview, "has_emblem": emblem is not None})


@require_POST
def organization_toggle_active(request, pk: int):
    org = access.access_organization(request.user, pk, for_write=True)
    services.organization_set_active(actor=request.user, organization=org, active=not org.is_active)
    messages.success(request, _("The organization has been reactivated.") if not org.is_active
                     else _("The organization has been deactivated."))
    return redirect("organizations:detail", pk=org.pk)


# --- people -----------------------------------------------------------------------------------
def people_list(request):
    if not access.can_manage_people(request.user):
        raise PermissionDenied
    form = PeopleFilterForm(request.GET or None)
    people = queries.people(request.user, kind="staff")
    if form.is_valid():
        code = form.cleaned_data["organization"].strip()
        organization = access.visible_organizations(request.user).filter(code__iexact=code).first() if code else None
        if code and organization is None:
            form.add_error("organization", _("No organization you can see has this code."))
            people = people.none()
        else:
            people = queries.people(request.user, q=form.cleaned_data["q"], organization=organization,
                                    role=form.cleaned_data["role"], kind=form.cleaned_data["kind"] or "staff")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/people_list.html", {"form": form, "page": page})


def person_detail(request, pk: int):
    person = access.access_person(request.user, pk)
    memberships = person.memberships.select_related("organization").order_by("-is_active", "organization__name_th")
    form = MembershipForm(organizations=_manageable_orgs(request.user))
    delegations = Delegation.objects.filter(Q(delegator=person) | Q(delegate=person)).select_related(
        "delegator", "delegate", "organization")[:20]
    return render(request, "organizations/person_detail.html",
                  {"person": person, "memberships": memberships, "membership_form": form, "delegations": delegations,
                   "can_edit": access.can_manage_people(request.user)
                   and not (person.is_superuser and not request.user.is_superuser)})


def person_create(request):
    if not access.can_manage_people(request.user):
        raise PermissionDenied
    form = PersonCreateForm(request.POST or None, organizations=_manageable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"organization", "role"}}
        if done := run_service(request, services.person_create, actor=request.user, data=data,
                               organization=form.cleaned_data["organization"], role=form.cleaned_data["role"], form=form):
            messages.success(request, _("%(person)s has been added. An e-mail invites them to choose a password.") % {
                "person": done.value})
            return redirect("organizations:person", pk=done.value.pk)
    return render_form(request, "organizations/person_form.html", {"form": form, "title": _("New person")})


def person_edit(request, pk: int):
    person = access.access_person(request.user, pk, for_write=True)
    form = PersonEditForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid() and run_service(
            request, services.person_update, actor=request.user, person=User.objects.get(pk=person.pk),
            data={f: form.cleaned_data[f] for f in form.changed_data}, form=form,
            success=_("The changes have been saved.")):
        return redirect("organizations:person", pk=person.pk)
    return render_form(request, "organizations/person_form.html",
                       {"form": form, "title": _("Edit %(p)s") % {"p": person}, "person": person})


@require_POST
def membership_add(request, pk: int):
    person = access.access_person(request.user, pk, for_write=True)
    form = MembershipForm(request.POST, organizations=_manageable_orgs(request.user))
    if form.is_valid():
        run_service(request, services.membership_grant, actor=request.user, person=person,
                    organization=form.cleaned_data["organization"], role=form.cleaned_data["role"],
                    success=_("The role has been granted."))
    else:
        messages.error(request, _("Choose an organization and a role."))
    return redirect("organizations:person", pk=person.pk)


@require_POST
def membership_remove(request, pk: int, membership_pk: int):
    person = access.access_person(request.user, pk, for_write=True)
    membership = get_object_or_404(Membership, pk=membership_pk, user=person)
    services.membership_revoke(actor=request.user, membership=membership)
    messages.success(request, _("The role has been revoked."))
    return redirect("organizations:person", pk=person.pk)


# --- committees -------------------------------------------------------------------------------
def committee_list(request):
    _staff_only(request.user)
    qs = access.visible_committees(request.user).select_related("organization").order_by("organization__name_th", "name_th")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "organizations/committee_list.html",
                  {"page": page, "can_create": access.can_manage_people(request.user)})


def committee_detail(request, pk: int):
    _staff_only(request.user)
    committee = access.access_committee(request.user, pk)
    can_edit = access.can_manage_committee(request.user, committee.organization)
    province_id = committee.organization.province_id or committee.organization.pk
    seat_form = None
    if can_edit:
        seat_form = SeatForm(
            people=User.objects.filter(kind=User.Kind.STAFF, is_active=True, memberships__organization__province_id=province_id
                                       ).distinct().order_by("first_name") if committee.organization.province_id
            else User.objects.filter(kind=User.Kind.STAFF, is_active=True).order_by("first_name"),
            organizations=access.visible_organizations(request.user).filter(
                Q(province_id=province_id) | Q(pk=province_id)).order_by("name_th"))
    return render(request, "organizations/committee_detail.html",
                  {"committee": committee, "seats": queries.committee_members(committee), "can_edit": can_edit,
                   "seat_form": seat_form})


def committee_form(request, pk: int | None = None):
    committee = access.access_committee(request.user, pk, for_write=True) if pk else None
    if committee is None and not access.can_manage_people(request.user):
        raise PermissionDenied
    form = CommitteeForm(request.POST or None, instance=committee, organizations=_manageable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.fields}
        if done := run_service(request, services.committee_save, actor=request.user, data=data, form=form,
                               committee=Committee.objects.get(pk=committee.pk) if committee else None,
                               success=_("The committee has been saved.")):
            return redirect("organizations:committee", pk=done.value.pk)
    title = _("Edit %(c)s") % {"c": committee} if committee else _("New committee or working group")
    return render_form(request, "organizations/committee_form.html", {"form": form, "title": title})


@require_POST
def seat_add(request, pk: int):
    committee = access.access_committee(request.user, pk, for_write=True)
    province_id = committee.organization.province_id or committee.organization.pk
    form = SeatForm(request.POST, people=User.objects.filter(kind=User.Kind.STAFF, is_active=True),
                    organizations=Organization.objects.filter(Q(province_id=province_id) | Q(pk=province_id)))
    if form.is_valid():
        run_service(request, services.committee_seat_add, actor=request.user, committee=committee,
                    position=form.cleaned_data["position"], person=form.cleaned_data["person"],
                    represented_organization=form.cleaned_data["represented_organization"],
                    success=_("The seat has been added."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect("organizations:committee", pk=committee.pk)


@require_POST
def seat_remove(request, pk: int, seat_pk: int):
    committee = access.access_committee(request.user, pk, for_write=True)
    seat = get_object_or_404(CommitteeMember, pk=seat_pk, committee=committee)
    services.committee_seat_remove(actor=request.user, seat=seat)
    messages.success(request, _("The seat has been removed."))
    return redirect("organizations:committee", pk=committee.pk)


# --- delegations ------------------------------------------------------------------------------
def _delegation_form(request, data=None):
    user = request.user
    roles = access.roles_of(user)
    my_orgs = Organization.objects.filter(memberships__user=user, memberships__is_active=True).distinct()
    if roles.is_national_admin or roles.admin_province_ids:
        orgs = _manageable_orgs(user)
        people = access.visible_people(user).filter(is_active=True, kind=User.Kind.STAFF)
        delegators = people
    else:
        orgs = my_orgs
        people = User.objects.filter(memberships__organization__in=my_orgs, memberships__is_active=True,
                                     is_active=True).distinct()
        delegators = User.objects.filter(pk=user.pk)
    today = timezone.localdate()
    initial = {"delegator": user.pk, "start_date": today, "end_date": today}
    return DelegationForm(data, people=people.order_by("first_name"), delegators=delegators.order_by("first_name"),
                          organizations=orgs.order_by("name_th"), initial=initial)


def delegation_list(request):
    _staff_only(request.user)
    rows = list(queries.delegations_for(request.user).order_by("-start_date", "-id")[:200])
    return render(request, "organizations/delegation_list.html",
                  {"groups": queries.delegation_groups(request.user, rows), "today": timezone.localdate()})


def delegation_create(request):
    _staff_only(request.user)
    form = _delegation_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.delegation_create(actor=request.user, delegator=d["delegator"], delegate=d["delegate"],
                                       organization=d["organization"], scope=d["scope"], start_date=d["start_date"],
                                       end_date=d["end_date"], reason=d["reason"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        except PermissionDenied:
            form.add_error(None, _("You may not record a delegation for this person in this organization."))
        else:
            messages.success(request, _("The delegation has been recorded."))
            return redirect("organizations:delegations")
    return render_form(request, "organizations/delegation_form.html", {"form": form})


@require_POST
def delegation_revoke(request, pk: int):
    try:
        delegation = access.visible_delegations(request.user).get(pk=pk)
    except Delegation.DoesNotExist:
        raise Http404 from None
    run_service(request, services.delegation_revoke, actor=request.user, delegation=delegation,
                success=_("The delegation has been revoked."))
    return redirect("organizations:delegations")
