from django.contrib import admin

from salaklang.portal.models import Category, Site


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ("title_th", "province", "host", "office", "is_active")
    search_fields = ("title_th", "host", "province__code")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name_th", "name_en", "slug", "site", "sort_order")
    list_filter = ("site",)
