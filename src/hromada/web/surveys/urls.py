from __future__ import annotations

from django.urls import path, register_converter

import hromada.web.converters  # noqa: F401  (registers <katotth:…>)
from hromada.web.surveys import views
from hromada.web.surveys.models import ROUND_PATTERN


class RoundConverter:
    """``<round:round>``: ``2026-1``; anything else matches no page."""

    regex = ROUND_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RoundConverter, "round")

app_name = "surveys"
BASE = "communities/<katotth:katotth>/evidence/"

urlpatterns = [
    path(BASE, views.evidence, name="evidence"),
    path(f"{BASE}xlsform/", views.xlsform, name="xlsform"),
    path(f"{BASE}settlements/", views.settlements, name="settlements"),
    path(f"{BASE}assessments/", views.assessment_create, name="assessment-create"),
    path(f"{BASE}<round:round>/", views.assessment, name="assessment"),
    path(f"{BASE}<round:round>/import/", views.survey_import, name="import"),
    path(f"{BASE}<round:round>/design/", views.design, name="design"),
    path(
        f"{BASE}<round:round>/imports/<int:pk>/delete/",
        views.import_delete,
        name="import-delete",
    ),
    path("frameworks/", views.frameworks, name="frameworks"),
]
