from django.urls import path

import hromada.web.converters  # noqa: F401  (registers <katotth:…>)
import hromada.web.surveys.urls  # noqa: F401  (registers <round:…>)
from hromada.web.analysis import views

app_name = "analysis"
BASE = "communities/<katotth:katotth>/analysis/"

urlpatterns = [
    path(BASE, views.tab, name="tab"),
    path(f"{BASE}subgroups/", views.subgroups, name="subgroups"),
    path(f"{BASE}compare/", views.compare, name="compare"),
    path(f"{BASE}<round:round>/compute/", views.compute, name="compute"),
    path(f"{BASE}<round:round>/status/", views.status, name="status"),
]
