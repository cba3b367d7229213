"""The applicant's pages of cases (办件) under /banshi/case/: apply for an item, the
receipt, the lookup, the status page and the online correction."""

from django.urls import path

from . import cases_views

app_name = "services_cases_portal"
urlpatterns = [
    path("apply/<str:code>/", cases_views.apply, name="apply"),
    path("receipt/", cases_views.receipt, name="receipt"),
    path("lookup/", cases_views.lookup, name="lookup"),
    path("status/", cases_views.status, name="status"),
    path("status/correction/", cases_views.correct, name="correct"),
    path("status/leave/", cases_views.leave, name="leave"),
]
