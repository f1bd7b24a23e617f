from django.contrib import admin

from salaklang.plans.models import Activity, Indicator, Plan, ProgressReport


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "province", "fiscal_year_from", "fiscal_year_to", "status"]
    list_filter = ["status"]
    raw_id_fields = ["agenda", "created_by"]


admin.site.register([Activity, Indicator, ProgressReport])
