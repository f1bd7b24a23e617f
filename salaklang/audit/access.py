from salaklang.audit.models import AuditEntry
from salaklang.organizations.access import roles_of


def can_view_audit(user) -> bool:
    roles = roles_of(user)
    return roles.is_national_admin or bool(roles.admin_province_ids)


def visible_entries(user):
    """National admins see every entry; provincial admins see their province's (by organization)."""
    roles = roles_of(user)
    if roles.is_national_admin:
        return AuditEntry.objects.all()
    provinces = roles.admin_province_ids
    if not provinces:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(province_id__in=provinces)
