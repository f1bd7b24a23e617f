from django.urls import path

from salaklang.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("calls/<int:pk>/", views.setup, name="setup"),
    path("calls/<int:pk>/ranking/", views.ranking, name="ranking"),
    path("calls/<int:pk>/decision.pdf", views.decision_pdf, name="decision_pdf"),
    path("assignments/<int:pk>/", views.score_sheet, name="score"),
    path("assignments/<int:pk>/conflict/", views.declare_conflict, name="conflict"),
    path("assignments/<int:pk>/reopen/", views.reopen, name="reopen"),
]
