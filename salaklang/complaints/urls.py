from django.urls import path

from salaklang.complaints import views

app_name = "complaints"
urlpatterns = [
    path("new/", views.complaint_new, name="new"),
    path("track/", views.track_lookup, name="track_lookup"),
    path("track/<str:code>/", views.track, name="track"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.detail, name="detail"),
]
