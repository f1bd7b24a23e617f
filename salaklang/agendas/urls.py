from django.urls import path

from salaklang.agendas import views

app_name = "agendas"
urlpatterns = [
    path("", views.agenda_list, name="list"),
    path("new/", views.agenda_create, name="create"),
    path("<int:pk>/", views.agenda_detail, name="detail"),
    path("<int:pk>/edit/", views.agenda_edit, name="edit"),
    path("<int:pk>/do/<str:action>/", views.agenda_transition, name="transition"),
    path("opinions/", views.round_list, name="rounds"),
    path("opinions/new/", views.round_create, name="round_create"),
    path("opinions/<int:pk>/", views.round_detail, name="opinions"),
    path("opinions/<int:pk>/remind/", views.opinion_remind, name="opinion_remind"),
    path("opinions/<int:pk>/answer/<int:org_pk>/", views.opinion_answer, name="answer"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/items/", views.item_add, name="item_add"),
    path("meetings/<int:pk>/attendees/", views.attendee_add, name="attendee_add"),
    path("meetings/<int:pk>/attendance/<int:attendee_pk>/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/delegate/<int:attendee_pk>/", views.delegate, name="delegate"),
    path("meetings/<int:pk>/held/", views.meeting_hold, name="meeting_hold"),
    path("meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes"),
    path("meetings/<int:pk>/minutes/check/", views.minutes_check, name="minutes_check"),
    path("meetings/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/versions/", views.minutes_versions, name="minutes_versions"),
    path("meetings/<int:pk>/minutes.<str:fmt>", views.minutes_document, name="minutes_document"),
    path("meetings/<int:pk>/select/", views.select_agendas, name="select"),
    path("meetings/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("meetings/<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    path("meetings/<int:pk>/photos/<int:photo_pk>/publishable/", views.photo_publishable, name="photo_publishable"),
]
