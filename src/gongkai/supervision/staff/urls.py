"""Workbench pages of 督查考核 under /workbench/supervision/ (``workbench:supervision_staff:<name>``)."""

from django.urls import path, re_path

from . import views

app_name = "supervision_staff"
urlpatterns = [
    path("", views.site_check, name="site"),
    path("media/<int:pk>/", views.record_media, name="record_media"),
    path("bulletin/", views.bulletin_page, name="bulletin"),
    re_path(r"^bulletin\.(?P<kind>docx|pdf)$", views.bulletin_file, name="bulletin_file"),
]
