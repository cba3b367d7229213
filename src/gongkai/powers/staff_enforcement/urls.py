"""Workbench pages of 行政执法公示 under /workbench/zhifa/ (``workbench:enforcement_staff:<name>``)."""

from django.urls import path

from . import officers

app_name = "enforcement_staff"
urlpatterns = [
    path("", officers.home, name="home"),
    path("officers/import/", officers.upload, name="import"),
    path("officers/import/<int:pk>/", officers.preview, name="preview"),
    path("officers/import/<int:pk>/apply/", officers.apply, name="apply"),
]
