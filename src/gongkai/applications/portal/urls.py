"""Public pages of 依申请公开 under /ysqgk/ (apply, receipt, lookup, the applicant's actions)."""

from django.urls import path

from . import views_actions, views_apply, views_lookup, views_receipt

app_name = "applications_portal"
urlpatterns = [
    path("", views_apply.index, name="index"),
    path("apply/", views_apply.apply, name="apply"),
    path("guide/<int:pk>/", views_apply.guide_panel, name="guide"),
    path("receipt/", views_receipt.receipt, name="receipt"),
    path("lookup/", views_lookup.lookup, name="lookup"),
    path("status/", views_lookup.status, name="status"),
    path("status/leave/", views_lookup.leave, name="leave"),
    path("status/correction/", views_actions.correct, name="correct"),
    path("status/payment/", views_actions.pay, name="pay"),
    path("status/reasons/", views_actions.reasons, name="reasons"),
    path("status/withdraw/", views_actions.withdraw, name="withdraw"),
    path("download/<str:token>/", views_actions.download, name="download"),
]
