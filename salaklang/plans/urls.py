from django.urls import path

from salaklang.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/do/<str:action>/", views.plan_transition, name="transition"),
    path("<int:pk>/activities/new/", views.activity_form, name="activity_create"),
    path("<int:pk>/activities/<int:activity_pk>/", views.activity_form, name="activity_edit"),
    path("<int:pk>/indicators/new/", views.indicator_form, name="indicator_create"),
    path("<int:pk>/indicators/<int:indicator_pk>/", views.indicator_form, name="indicator_edit"),
    path("<int:pk>/report/<int:org_pk>/<str:period>/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/do/<str:action>/", views.report_transition, name="report_transition"),
    path("reports/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("reports/<int:pk>/evidence/<int:evidence_pk>/", views.evidence, name="evidence"),
    path("scorecard/", views.scorecard_home, name="scorecard_home"),
    path("scorecard/national/", views.national, name="national"),
    path("scorecard/<int:province_pk>/", views.scorecard, name="scorecard"),
    path("scorecard/<int:province_pk>/scorecard.pdf", views.scorecard_pdf, name="scorecard_pdf"),
]
