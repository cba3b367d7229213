"""The applicant's pages of cases (办件) under /banshi/case/: apply for an item, the
receipt, the lookup, the status page and the online correction; the rating (好差评),
also by the SMS link."""

from django.urls import path

from . import cases_views, ratings_views

app_name = "services_cases_portal"
urlpatterns = [
    path("apply/<str:code>/", cases_views.apply, name="apply"),
    path("receipt/", cases_views.receipt, name="receipt"),
    path("lookup/", cases_views.lookup, name="lookup"),
    path("status/", cases_views.status, name="status"),
    path("status/correction/", cases_views.correct, name="correct"),
    path("status/leave/", cases_views.leave, name="leave"),
    path("status/rate/", ratings_views.rate, name="rate_status"),
    path("status/rerate/", ratings_views.rerate, name="rerate"),
    path("rate/<str:token>/", ratings_views.by_link, name="rate"),
]
