from __future__ import annotations

from django.urls import path

import hromada.web.converters  # noqa: F401  (registers <katotth:…>)
from hromada.web.evidence import views

app_name = "evidence"
BASE = "communities/<katotth:katotth>/evidence/"

urlpatterns = [
    path(f"{BASE}statistics/", views.statistics, name="statistics"),
    path(
        f"{BASE}statistics/import/", views.statistics_import, name="statistics-import"
    ),
    path(
        f"{BASE}statistics/<int:pk>/delete/",
        views.statistic_delete,
        name="statistic-delete",
    ),
    path(f"{BASE}ratings/", views.ratings, name="ratings"),
    path(f"{BASE}ratings/<int:pk>/delete/", views.rating_delete, name="rating-delete"),
    path(f"{BASE}hotspots/", views.hotspots, name="hotspots"),
    path(f"{BASE}hotspots/export.csv", views.hotspots_export, name="hotspots-export"),
    path(f"{BASE}hotspots/<int:pk>/", views.hotspot_update, name="hotspot"),
    path(
        f"{BASE}hotspots/<int:pk>/delete/", views.hotspot_delete, name="hotspot-delete"
    ),
]
