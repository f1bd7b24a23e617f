from django.urls import path

from salaklang.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_log, name="log"),
    path("export.csv", views.audit_export_csv, name="export_csv"),
]
