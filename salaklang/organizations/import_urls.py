from django.urls import path

from salaklang.organizations import import_views

app_name = "org_import"
urlpatterns = [
    path("<str:kind>/", import_views.import_upload, name="upload"),
    path("<str:kind>/confirm/", import_views.import_confirm, name="confirm"),
    path("<str:kind>/template.<str:fmt>", import_views.import_template, name="template"),
]
