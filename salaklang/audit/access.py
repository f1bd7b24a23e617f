from salaklang.audit.models import AuditEntry, SealedIdentity
from salaklang.organizations.access import in_managed_provinces, roles_of
from salaklang.organizations.models import Role


def can_view_audit(user) -> bool:
    return roles_of(user).is_admin


def visible_entries(user):
    """National admins see every entry; provincial admins see their province's (by organization)."""
    return in_managed_provinces(user, AuditEntry.objects.all())


def unseal_province_ids(user) -> set[int] | None:
    """The provinces whose sealed identities this person may read (None: every province). Only those who handle
    complainants' personal data: the province's complaint centre (and the superuser)."""
    roles = roles_of(user)
    if roles.is_superuser:
        return None
    return {g.province_id for g in roles.grants if g.role == Role.COMPLAINT_OFFICER and g.province_id}


def unseal(user, entries) -> dict[int, dict]:
    """{entry id: {"actor": username or None, "actor_name": str, "ip_address": str or None}} for the sealed
    entries among ``entries`` that ``user`` may read. Every read that reveals something is itself audited (one
    entry naming the entries revealed). One query."""
    allowed = unseal_province_ids(user)
    if allowed is not None and not allowed:
        return {}
    ids = [e.pk for e in entries if allowed is None or e.province_id in allowed]
    if not ids:
        return {}
    rows = SealedIdentity.objects.filter(entry_id__in=ids).select_related("actor")
    shown = {s.entry_id: {"actor": s.actor.username if s.actor else None,
                          "actor_name": s.actor.get_full_name() if s.actor else "",
                          "ip_address": s.ip_address} for s in rows}
    if shown:
        from salaklang.audit.services import record

        record(actor=user, action=AuditEntry.Action.VIEW_PERSONAL, obj=user, verb="audit_unsealed",
               changes={"entries": [None, sorted(shown)]})
    return shown
