from django.urls import path

from salaklang.complaints.views import filing, public, staff, tracking

app_name = "complaints"
urlpatterns = [
    # public
    path("new/", filing.complaint_new, name="new"),
    path("track/", tracking.track_lookup, name="track_lookup"),
    path("track/<str:code>/", tracking.track, name="track"),
    path("track/<str:code>/receipt.pdf", tracking.track_receipt, name="track_receipt"),
    path("track/<str:code>/rate/", tracking.track_rate, name="track_rate"),
    path("track/<str:code>/reopen/", tracking.track_reopen, name="track_reopen"),
    path("track/<str:code>/my-data/", tracking.track_data_request, name="track_data_request"),
    path("track/<str:code>/files/<int:att_pk>/", tracking.track_file, name="track_file"),
    path("dashboard/", public.dashboard, name="dashboard"),
    path("dashboard/data.<str:fmt>", public.open_data, name="open_data"),
    path("mine/", public.mine, name="mine"),
    # staff
    path("inbox/", staff.inbox, name="inbox"),
    path("staff/new/", staff.staff_new, name="staff_new"),
    path("routes/", staff.routes, name="routes"),
    path("data-requests/", staff.data_requests, name="data_requests"),
    path("data-requests/<int:pk>/", staff.data_request_detail, name="data_request"),
    path("<int:pk>/", staff.detail, name="detail"),
    path("<int:pk>/assign/", staff.assign, name="assign"),
    path("<int:pk>/split/", staff.split, name="split"),
    path("<int:pk>/merge/", staff.merge, name="merge"),
    path("<int:pk>/status/", staff.transition, name="transition"),
    path("<int:pk>/note/", staff.note, name="note"),
    path("<int:pk>/extend/", staff.extend, name="extend"),
    path("<int:pk>/attach/", staff.attach, name="attach"),
    path("<int:pk>/files/<int:att_pk>/", staff.attachment, name="attachment"),
]
