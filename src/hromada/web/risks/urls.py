from django.urls import path

import hromada.web.converters  # noqa: F401  (registers <katotth:…>)
from hromada.web.risks import views

app_name = "risks"
BASE = "communities/<katotth:katotth>/risks/"

urlpatterns = [
    path(BASE, views.risk_register, name="register"),
    path(f"{BASE}add/", views.risk_add, name="add"),
    path(f"{BASE}refresh/", views.register_refresh, name="refresh"),
    path(f"{BASE}<int:pk>/", views.risk_detail, name="detail"),
    path(f"{BASE}<int:pk>/edit/", views.risk_edit, name="edit"),
    path(f"{BASE}<int:pk>/accept/", views.suggestion_accept, name="accept"),
    path(f"{BASE}<int:pk>/dismiss/", views.suggestion_dismiss, name="dismiss"),
    path(f"{BASE}matrix/", views.risk_matrix, name="matrix"),
    path(f"{BASE}potential/", views.security_potential, name="potential"),
    path(f"{BASE}potential/edit/", views.capacity_edit, name="capacity"),
    path(
        f"{BASE}potential/stakeholders/<int:pk>/edit/",
        views.stakeholder_capacity_edit,
        name="stakeholder-capacity",
    ),
]
