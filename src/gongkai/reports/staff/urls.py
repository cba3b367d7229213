"""Workbench pages of the annual report (年度报告) under /workbench/reports/.

Included by the workbench URLconf, so names are ``workbench:reports_staff:<name>``.
"""

from django.urls import path

from . import detail, listing

app_name = "reports_staff"
urlpatterns = [
    path("", listing.index, name="index"),
    path("start/", listing.start, name="start"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/save/", detail.save, name="save"),
    path("<int:pk>/submit/", detail.submit, name="submit"),
    path("<int:pk>/approve/", detail.approve, name="approve"),
    path("<int:pk>/return/", detail.return_, name="return"),
    path("<int:pk>/publish/", detail.publish, name="publish"),
]
