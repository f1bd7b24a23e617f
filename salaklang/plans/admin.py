"""Read-only admin: every change of a plan or report goes through the services (audit, notifications)."""

from django.contrib import admin

from salaklang.plans.models import Activity, Indicator, Plan, ProgressReport


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnly):
    list_display = ["title", "province", "fiscal_year_from", "fiscal_year_to", "status"]
    list_filter = ["status"]


@admin.register(Activity)
class ActivityAdmin(ReadOnly):
    list_display = ["title", "plan", "mechanism", "owner", "budget"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnly):
    list_display = ["name", "plan", "mechanism", "owner", "status"]
    list_filter = ["mechanism", "status"]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnly):
    list_display = ["plan", "organization", "period", "status"]
    list_filter = ["status"]
