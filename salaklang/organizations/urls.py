from django.urls import path

from salaklang.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_tree, name="tree"),
    path("new/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/letterhead/", views.organization_letterhead, name="letterhead"),
    path("<int:pk>/active/", views.organization_toggle_active, name="toggle_active"),
    path("people/", views.people_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/roles/", views.membership_add, name="membership_add"),
    path("people/<int:pk>/roles/<int:membership_pk>/revoke/", views.membership_remove, name="membership_remove"),
    path("committees/", views.committee_list, name="committees"),
    path("committees/new/", views.committee_form, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail, name="committee"),
    path("committees/<int:pk>/edit/", views.committee_form, name="committee_edit"),
    path("committees/<int:pk>/seats/", views.seat_add, name="seat_add"),
    path("committees/<int:pk>/seats/<int:seat_pk>/remove/", views.seat_remove, name="seat_remove"),
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/new/", views.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/revoke/", views.delegation_revoke, name="delegation_revoke"),
]
