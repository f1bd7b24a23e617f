from django.urls import path

from salaklang.complaints import views, views_staff

app_name = "complaints"
urlpatterns = [
    # public
    path("new/", views.complaint_new, name="new"),
    path("track/", views.track_lookup, name="track_lookup"),
    path("track/<str:code>/", views.track, name="track"),
    path("track/<str:code>/receipt.pdf", views.track_receipt, name="track_receipt"),
    path("track/<str:code>/rate/", views.track_rate, name="track_rate"),
    path("track/<str:code>/reopen/", views.track_reopen, name="track_reopen"),
    path("track/<str:code>/my-data/", views.track_data_request, name="track_data_request"),
    path("track/<str:code>/files/<int:att_pk>/", views.track_file, name="track_file"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/data.<str:fmt>", views.open_data, name="open_data"),
    path("mine/", views.mine, name="mine"),
    # staff
    path("inbox/", views_staff.inbox, name="inbox"),
    path("staff/new/", views_staff.staff_new, name="staff_new"),
    path("routes/", views_staff.routes, name="routes"),
    path("data-requests/", views_staff.data_requests, name="data_requests"),
    path("data-requests/<int:pk>/", views_staff.data_request_detail, name="data_request"),
    path("<int:pk>/", views_staff.detail, name="detail"),
    path("<int:pk>/assign/", views_staff.assign, name="assign"),
    path("<int:pk>/split/", views_staff.split, name="split"),
    path("<int:pk>/merge/", views_staff.merge, name="merge"),
    path("<int:pk>/status/", views_staff.transition, name="transition"),
    path("<int:pk>/note/", views_staff.note, name="note"),
    path("<int:pk>/extend/", views_staff.extend, name="extend"),
    path("<int:pk>/attach/", views_staff.attach, name="attach"),
    path("<int:pk>/files/<int:att_pk>/", views_staff.attachment, name="attachment"),
]
