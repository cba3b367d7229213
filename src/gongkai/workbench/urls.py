"""The workbench's own pages, then each registered section's URLconfs (``sections``)."""

from django.urls import include, path

from . import views
from .sections import registered_sections

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("department/", views.switch_department, name="department"),
    path("notices/", views.notices, name="notices"),
]
for section in registered_sections():
    for prefix, module in section.urls:
        urlpatterns.append(path(prefix, include(module)))
