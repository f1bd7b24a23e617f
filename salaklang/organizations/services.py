"""State changes of organizations, people, memberships, committees and delegations.

Each function checks permission, runs in one transaction, writes the audit trail and notifies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from salaklang.accounts.models import User
from salaklang.audit.models import AuditEntry
from salaklang.audit.services import diff, record, snapshot
from salaklang.core.links import absolute_url
from salaklang.core.thai import display_date
from salaklang.notifications.services import notify
from salaklang.organizations import access
from salaklang.organizations.models import Committee, CommitteeMember, Delegation, Membership, Organization
from salaklang.organizations.roles import province_id_of

ORG_FIELDS = ["code", "kind", "name_th", "name_en", "short_name", "letter_prefix", "registry_code", "parent_id",
              "address", "phone", "email", "is_active"]
PERSON_FIELDS = ["title", "first_name", "last_name", "first_name_en", "last_name_en", "position_title", "email",
                 "phone", "is_active"]


def _check_code_unique(code: str, exclude_pk: int | None = None) -> None:
    qs = Organization.objects.filter(code__iexact=code)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"code": _("An organization with the code %(code)s already exists.") % {"code": code}})


# --- organizations -------------------------------------------------------------------------
@transaction.atomic
def organization_create(*, actor: User, data: dict[str, Any]) -> Organization:
    parent = data.get("parent")
    if not access.can_create_under(actor, parent, data["kind"]):
        raise PermissionDenied
    _check_code_unique(data["code"])
    org = Organization(**{k: v for k, v in data.items() if k in {f.removesuffix("_id") for f in ORG_FIELDS}})
    org.full_clean()
    org.save()
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=org, verb="organization_created",
           changes=diff({}, snapshot(org, ORG_FIELDS)))
    return org


@transaction.atomic
def organization_update(*, actor: User, organization: Organization, data: dict[str, Any]) -> Organization:
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if not access.can_manage_organization(actor, org):
        raise PermissionDenied
    before = snapshot(org, ORG_FIELDS)
    for key, value in data.items():
        setattr(org, key, value)
    if "code" in data:
        _check_code_unique(org.code, exclude_pk=org.pk)
    new_parent = data.get("parent", org.parent)
    if new_parent is not None and new_parent.pk != before["parent_id"] and not access.can_create_under(
            actor, new_parent, org.kind):
        raise PermissionDenied
    org.full_clean()
    org.save()
    if org.kind == Organization.Kind.PROVINCE or before["parent_id"] != org.parent_id:
        _refresh_subtree(org)
    changes = diff(before, snapshot(org, ORG_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=org, verb="organization_updated", changes=changes)
    return org


EMBLEM_MAX_BYTES = 2 * 1024 * 1024
EMBLEM_MAX_SIDE = 1200  # pixels: 3 cm at 1,000 dpi, more than any printer needs


@transaction.atomic
def organization_letterhead_update(*, actor: User, organization: Organization, address: str,
                                   emblem=None, remove_emblem: bool = False) -> Organization:
    """Set the address lines and the emblem of an organization's letters. The emblem is checked by content
    (PNG, JPEG or WebP), bounded in size and re-encoded to PNG (metadata and anything but pixels dropped)."""
    from django.core.files.base import ContentFile

    from salaklang.core import uploads

    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if not access.can_manage_letterhead(actor, org):
        raise PermissionDenied
    before = {"address": org.address, "emblem": org.emblem.name}
    org.address = "\n".join(line.strip() for line in address.replace("\r\n", "\n").split("\n") if line.strip())
    old_file = org.emblem.name if (emblem is not None or remove_emblem) and org.emblem else ""
    if emblem is not None:
        refused = _("The emblem must be a PNG or JPEG picture (checked by content).")
        uploads.content_type(emblem, allowed={"image/png", "image/jpeg"}, max_bytes=EMBLEM_MAX_BYTES, refused=refused)
        data, mime, _w, _h = uploads.reencode_photo(emblem, max_side=EMBLEM_MAX_SIDE, refused=refused)
        if mime != "image/png":
            data = _as_png(data)
        org.emblem.save(f"{org.code.lower()}-emblem.png", ContentFile(data), save=False)
    elif remove_emblem:
        org.emblem = ""
    org.full_clean()
    org.save(update_fields=["address", "emblem", "updated_at"])
    if old_file and old_file != org.emblem.name:
        transaction.on_commit(lambda: org.emblem.storage.delete(old_file))
    changes = diff(before, {"address": org.address, "emblem": org.emblem.name})
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=org, verb="organization_letterhead_updated",
               changes=changes)
    return org


def _as_png(data: bytes) -> bytes:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        out = io.BytesIO()
        img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


def _refresh_subtree(root: Organization) -> None:
    """Re-derive province and depth below a node whose place in the tree changed (breadth-first, one
    query per level)."""
    level = [root]
    while level:
        children = list(Organization.objects.filter(parent__in=level).select_related("parent"))
        for child in children:
            child.derive_tree_fields()
        if children:
            Organization.objects.bulk_update(children, ["province", "depth"])
        level = children


@transaction.atomic
def organization_set_active(*, actor: User, organization: Organization, active: bool) -> Organization:
    return organization_update(actor=actor, organization=organization, data={"is_active": active})


# --- people ---------------------------------------------------------------------------------
def _check_email_free(email: str, exclude_pk: int | None = None) -> None:
    if not email:
        return
    qs = User.objects.filter(email__iexact=email)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"email": _("This e-mail address is already used by another account.")})


def _check_may_grant(actor: User, organization: Organization) -> None:
    roles = access.roles_of(actor)
    if roles.is_national_admin:
        return
    if province_id_of(organization) not in roles.admin_province_ids:
        raise PermissionDenied


@transaction.atomic
def person_create(*, actor: User, data: dict[str, Any], organization: Organization, role: str,
                  send_invitation: bool = True, base_url: str = "") -> User:
    if not access.can_manage_people(actor):
        raise PermissionDenied
    _check_may_grant(actor, organization)
    _check_email_free(data.get("email", ""))
    if User.objects.filter(username__iexact=data["username"]).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    person = User(username=data["username"], kind=User.Kind.STAFF,
                  **{k: v for k, v in data.items() if k in PERSON_FIELDS and k != "is_active"})
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    Membership.objects.create(user=person, organization=organization, role=role)
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=person, verb="person_created", organization=organization,
           changes={**diff({}, snapshot(person, ["username", *PERSON_FIELDS])), "membership": [None, f"{role}@{organization.code}"]})
    if send_invitation and person.email:
        _send_invitation(person, base_url)
    return person


def _send_invitation(person: User, base_url: str) -> None:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    link = f"{base_url.rstrip('/')}{path}" if base_url else absolute_url(path)
    from salaklang.notifications.tasks import send_plain_email

    body = _("An account has been created for you in Salaklang (username: %(username)s). "
             "Choose your password here: %(link)s") % {"username": person.username, "link": link}
    transaction.on_commit(lambda: send_plain_email.enqueue(_("Your Salaklang account"), body, [person.email]))


@transaction.atomic
def person_update(*, actor: User, person: User, data: dict[str, Any]) -> User:
    person = User.objects.select_for_update().get(pk=person.pk)
    if not access.can_manage_people(actor) or (person.is_superuser and not actor.is_superuser):
        raise PermissionDenied
    if "email" in data:
        _check_email_free(data["email"], exclude_pk=person.pk)
    before = snapshot(person, PERSON_FIELDS)
    for key, value in data.items():
        if key in PERSON_FIELDS:
            setattr(person, key, value)
    person.full_clean(exclude=["password"])
    person.save(update_fields=[k for k in data if k in PERSON_FIELDS])
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, obj=person, verb="person_updated", changes=changes)
    return person


@transaction.atomic
def membership_grant(*, actor: User, person: User, organization: Organization, role: str) -> Membership:
    _check_may_grant(actor, organization)
    membership, created = Membership.objects.get_or_create(user=person, organization=organization, role=role)
    if not created and membership.is_active:
        raise ValidationError(_("This person already holds this role in this organization."))
    if not created:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=membership, verb="role_granted", organization=organization,
           changes={"role": [None, role], "person": [None, person.username]})
    notify(recipients=[person], title=_("You have a new role: %(role)s, %(org)s") % {
        "role": membership.get_role_display(), "org": organization}, kind="membership.granted", actor=actor)
    return membership


@transaction.atomic
def membership_revoke(*, actor: User, membership: Membership) -> Membership:
    membership = Membership.objects.select_for_update(of=("self",)).select_related("organization", "user").get(pk=membership.pk)
    _check_may_grant(actor, membership.organization)
    membership.is_active = False
    membership.save(update_fields=["is_active", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=membership, verb="role_revoked",
           organization=membership.organization, changes={"is_active": [True, False]})
    return membership


# --- committees -----------------------------------------------------------------------------
@transaction.atomic
def committee_save(*, actor: User, data: dict[str, Any], committee: Committee | None = None) -> Committee:
    organization = data.get("organization") or (committee.organization if committee else None)
    if organization is None or not access.can_manage_committee(actor, organization):
        raise PermissionDenied
    fields = ["organization_id", "kind", "name_th", "name_en", "purpose", "is_active"]
    if committee is None:
        committee = Committee(**data)
        before: dict = {}
        action = AuditEntry.Action.CREATE
    else:
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        if not access.can_manage_committee(actor, committee.organization):
            raise PermissionDenied
        before = snapshot(committee, fields)
        for key, value in data.items():
            setattr(committee, key, value)
        action = AuditEntry.Action.UPDATE
    committee.full_clean()
    committee.save()
    record(actor=actor, action=action, obj=committee, verb="committee_saved", organization=committee.organization,
           changes=diff(before, snapshot(committee, fields)))
    return committee


@transaction.atomic
def committee_seat_add(*, actor: User, committee: Committee, position: str, person: User | None = None,
                       represented_organization: Organization | None = None) -> CommitteeMember:
    committee = Committee.objects.select_for_update(of=("self",)).select_related("organization").get(pk=committee.pk)
    if not access.can_manage_committee(actor, committee.organization):
        raise PermissionDenied
    if (person is None) == (represented_organization is None):
        raise ValidationError(_("Choose either a person or an organization whose representative takes the seat."))
    if position == CommitteeMember.Position.CHAIR and committee.members.filter(position=position).exists():
        raise ValidationError(_("This committee already has a chair. Remove the current chair first."))
    order = CommitteeMember.POSITION_ORDER.get(position, 9) * 100 + committee.members.count()
    try:
        with transaction.atomic():
            seat = CommitteeMember.objects.create(committee=committee, position=position, person=person,
                                                  represented_organization=represented_organization, sort_order=order)
    except IntegrityError:
        raise ValidationError(_("This committee already has a chair. Remove the current chair first.")) from None
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=committee, verb="seat_added",
           organization=committee.organization, changes={"seat": [None, f"{seat.get_position_display()}: {seat.holder_label}"]})
    if person is not None:
        notify(recipients=[person], title=_("You are %(position)s of %(committee)s") % {
            "position": seat.get_position_display(), "committee": committee}, kind="committee.seat", actor=actor)
    return seat


@transaction.atomic
def committee_seat_remove(*, actor: User, seat: CommitteeMember) -> None:
    seat = CommitteeMember.objects.select_related("committee__organization").get(pk=seat.pk)
    committee = seat.committee
    if not access.can_manage_committee(actor, committee.organization):
        raise PermissionDenied
    label = f"{seat.get_position_display()}: {seat.holder_label}"
    seat.delete()
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=committee, verb="seat_removed",
           organization=committee.organization, changes={"seat": [label, None]})


# --- delegation -----------------------------------------------------------------------------
@transaction.atomic
def delegation_create(*, actor: User, delegator: User, delegate: User, organization: Organization, scope: str,
                      start_date: dt.date, end_date: dt.date, reason: str = "") -> Delegation:
    if not access.can_delegate_for(actor, delegator, organization):
        raise PermissionDenied
    errors = {}
    if end_date < start_date:
        errors["end_date"] = _("The end date is before the start date.")
    if delegate.pk == delegator.pk:
        errors["delegate"] = _("A person cannot delegate to themselves.")
    elif not Membership.objects.filter(user=delegate, organization=organization, is_active=True).exists():
        errors["delegate"] = _("%(person)s does not belong to %(org)s: only its members can act for it.") % {
            "person": delegate, "org": organization}
    if not Membership.objects.filter(user=delegator, organization=organization, is_active=True).exists():
        errors["delegator"] = _("%(person)s holds no role in %(org)s.") % {"person": delegator, "org": organization}
    if errors:
        raise ValidationError(errors)
    delegation = Delegation.objects.create(delegator=delegator, delegate=delegate, organization=organization,
                                           scope=scope, start_date=start_date, end_date=end_date, reason=reason,
                                           created_by=actor)
    record(actor=actor, action=AuditEntry.Action.CREATE, obj=delegation, verb="delegation_created",
           organization=organization, on_behalf_of=delegator if actor.pk != delegator.pk else None,
           changes=diff({}, snapshot(delegation, ["delegator_id", "delegate_id", "scope", "start_date", "end_date"])))
    notify(recipients=[delegate], actor=actor, kind="delegation.created",
           title=_("%(delegator)s has delegated to you: %(scope)s") % {
               "delegator": delegator, "scope": delegation.get_scope_display()},
           body=_("From %(start)s to %(end)s.") % {"start": display_date(start_date), "end": display_date(end_date)},
           url=reverse("organizations:delegations"))
    return delegation


@transaction.atomic
def delegation_revoke(*, actor: User, delegation: Delegation) -> Delegation:
    delegation = Delegation.objects.select_for_update(of=("self",)).select_related("organization").get(pk=delegation.pk)
    if delegation.revoked_at is not None:
        raise ValidationError(_("This delegation has already been revoked."))
    if not (actor.pk == delegation.delegator_id or access.can_delegate_for(actor, delegation.delegator,
                                                                           delegation.organization)):
        raise PermissionDenied
    delegation.revoked_at = timezone.now()
    delegation.save(update_fields=["revoked_at", "updated_at"])
    record(actor=actor, action=AuditEntry.Action.UPDATE, obj=delegation, verb="delegation_revoked",
           organization=delegation.organization, changes={"revoked_at": [None, delegation.revoked_at]})
    notify(recipients=[delegation.delegate], actor=actor, kind="delegation.revoked",
           title=_("A delegation to you has been revoked: %(d)s") % {"d": delegation})
    return delegation
