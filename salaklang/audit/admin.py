from django.contrib import admin

from salaklang.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only through every interface."""

    list_display = ("at", "actor", "on_behalf_of", "action", "verb", "object_type", "object_repr", "ip_address")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "object_id", "actor__username")
    list_select_related = ("actor", "on_behalf_of")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
