from django.urls import path

from salaklang.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("manage/", views.manage_list, name="manage"),
    path("new/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/publish/", views.consultation_publish, name="publish"),
    path("<int:pk>/withdraw/", views.consultation_withdraw, name="withdraw"),
    path("<int:pk>/response/", views.consultation_respond, name="respond"),
    path("<int:pk>/comments.csv", views.comments_export, name="comments_export"),
    path("<int:pk>/comment/", views.comment_create, name="comment"),
    path("<int:pk>/support/", views.support_toggle, name="support"),
    path("<int:pk>/comments/<int:comment_pk>/hide/", views.comment_hide, name="comment_hide"),
    path("<int:pk>/comments/<int:comment_pk>/restore/", views.comment_restore, name="comment_restore"),
]
