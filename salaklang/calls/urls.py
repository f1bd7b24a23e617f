from django.urls import path

from salaklang.calls import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("new/", views.call_create, name="create"),
    path("plans/", views.plan_links, name="plan_links"),
    path("plans/<int:pk>/", views.plan_link_edit, name="plan_link_edit"),
    path("<int:pk>/", views.call_detail, name="detail"),
    path("<int:pk>/edit/", views.call_edit, name="edit"),
    path("<int:pk>/proposals/", views.call_proposals, name="proposals"),
    path("<int:pk>/publish/", views.call_publish, name="publish"),
    path("<int:pk>/close/", views.call_close, name="close"),
    path("<int:pk>/remind/", views.call_remind, name="remind"),
    path("<int:pk>/letter.<str:fmt>", views.call_letter, name="letter"),
    path("<int:pk>/board.xlsx", views.call_board_xlsx, name="board_xlsx"),
    path("<int:pk>/proposals.xlsx", views.call_proposals_xlsx, name="proposals_xlsx"),
    path("exports/<int:pk>/", views.export_detail, name="export"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("<int:pk>/proposals.zip", views.call_proposals_zip, name="proposals_zip"),
    path("<int:pk>/attachments/", views.call_attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.call_attachment, name="attachment"),
    path("<int:pk>/answer/<int:org_pk>/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/do/<str:action>/", views.proposal_transition, name="proposal_transition"),
    path("proposals/<int:pk>/forward/", views.proposal_forward, name="proposal_forward"),
    path("proposals/<int:pk>/document.<str:fmt>", views.proposal_document, name="proposal_document"),
    path("proposals/<int:pk>/attachments/", views.proposal_attachment_add, name="proposal_attachment_add"),
    path("proposals/<int:pk>/attachments/<int:attachment_pk>/", views.proposal_attachment, name="proposal_attachment"),
]
