from __future__ import annotations

from django.urls import URLPattern, path

import hromada.web.converters  # noqa: F401  (registers <katotth:…>)
from hromada.web.communities import views
from hromada.web.communities.workspace import TABS

app_name = "communities"


def _placeholder_tabs() -> list[URLPattern]:
    # Only the tabs no app fills yet; a filled tab's route belongs to its app.
    return [
        path(
            f"communities/<katotth:katotth>/{t.slug}/",
            views.placeholder_tab,
            {"slug": t.slug},
            name=f"tab-{t.slug}",
        )
        for t in TABS
        if t.url_name is None
    ]


urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("communities/", views.registry, name="registry"),
    path("communities/<katotth:katotth>/", views.workspace, name="workspace"),
    path("communities/<katotth:katotth>/edit/", views.edit, name="edit"),
    *_placeholder_tabs(),
]
