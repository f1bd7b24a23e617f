from django.contrib import admin

from salaklang.complaints.models import Category, CategoryRoute, Holiday


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "is_sensitive", "ack_days", "resolve_days", "is_active"]
    list_filter = ["is_sensitive", "is_active"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(CategoryRoute)
class CategoryRouteAdmin(admin.ModelAdmin):
    list_display = ["province", "category", "organization"]
    list_filter = ["province"]
    raw_id_fields = ["province", "organization"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name_th", "name_en"]
    date_hierarchy = "date"
