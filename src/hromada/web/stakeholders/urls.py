from django.urls import path

import hromada.web.converters  # noqa: F401  (registers <katotth:…>)
from hromada.web.stakeholders import views

app_name = "stakeholders"
BASE = "communities/<katotth:katotth>/stakeholders/"

urlpatterns = [
    path(BASE, views.stakeholder_map, name="map"),
    path(f"{BASE}add/", views.stakeholder_add, name="add"),
    path(f"{BASE}<int:pk>/edit/", views.stakeholder_edit, name="edit"),
    path(f"{BASE}<int:pk>/delete/", views.stakeholder_delete, name="delete"),
    path(f"{BASE}network/", views.cooperation_network, name="network"),
    path(f"{BASE}relations/add/", views.relation_add, name="relation-add"),
    path(f"{BASE}relations/<int:pk>/edit/", views.relation_edit, name="relation-edit"),
    path(
        f"{BASE}relations/<int:pk>/delete/",
        views.relation_delete,
        name="relation-delete",
    ),
    path(f"{BASE}working-group/", views.working_group, name="working-group"),
    path(
        f"{BASE}working-group/edit/",
        views.working_group_edit,
        name="working-group-edit",
    ),
    path(f"{BASE}working-group/members/add/", views.member_add, name="member-add"),
    path(
        f"{BASE}working-group/members/<int:pk>/edit/",
        views.member_edit,
        name="member-edit",
    ),
    path(
        f"{BASE}working-group/members/<int:pk>/delete/",
        views.member_delete,
        name="member-delete",
    ),
]
