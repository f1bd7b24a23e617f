from django.contrib import admin

from salaklang.calls.models import PlanLink


@admin.register(PlanLink)
class PlanLinkAdmin(admin.ModelAdmin):
    """The lists proposals link to, maintained by the national administrators."""

    list_display = ("kind", "code", "title_th", "province", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "title_th")
