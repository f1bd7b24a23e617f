from django.urls import path

from salaklang.openinfo import views

app_name = "openinfo"
urlpatterns = [
    # staff
    path("manage/", views.manage, name="manage"),
    path("manage/board/<int:year>/", views.board, name="board"),
    path("manage/<str:code>/<int:year>/", views.answer, name="answer"),
    path("manage/<str:code>/<int:year>/assign/", views.assign, name="assign"),
    path("manage/<str:code>/<int:year>/export.<str:fmt>", views.export, name="export"),
    path("manage/evidence/<int:pk>/<str:action>/", views.evidence_action, name="evidence_action"),
    # public
    path("centre/<str:code>/", views.centre, name="centre"),
    path("<str:code>/", views.org_index, name="org"),
    path("<str:code>/<int:year>/", views.ita_page, name="ita"),
    path("<str:code>/<int:year>/<str:item>/", views.item_page, name="item"),
    path("<str:code>/<int:year>/<str:item>/files/<int:pk>.<str:ext>", views.evidence_file, name="file"),
    path("<str:code>/<int:year>/<str:item>/frozen/<int:pk>.pdf", views.snapshot_file, name="snapshot"),
]
