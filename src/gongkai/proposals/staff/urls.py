"""Workbench pages of 建议提案 under /workbench/proposals/ (``workbench:proposals_staff:<name>``)."""

from django.urls import path

from . import acting, items, sessions

app_name = "proposals_staff"
urlpatterns = [
    path("", sessions.session_list, name="sessions"),
    path("sessions/<int:pk>/import/", sessions.import_items, name="import"),
    path("import-template.xlsx", sessions.import_template, name="import_template"),
    path("statistics/", sessions.statistics, name="statistics"),
    path("items/", items.item_list, name="items"),
    path("items/<int:pk>/", items.detail, name="detail"),
    path("items/<int:pk>/assign/", acting.assign, name="assign"),
    path("items/<int:pk>/reassign/", acting.reassign, name="reassign"),
    path("items/<int:pk>/correct/", acting.correct, name="correct"),
    path("items/<int:pk>/co/<int:assignment_id>/", acting.co_opinion, name="co_opinion"),
    path("items/<int:pk>/reply/", acting.reply, name="reply"),
    path("items/<int:pk>/reply/approve/", acting.approve, name="approve"),
    path("items/<int:pk>/reply/return/", acting.return_reply, name="return_reply"),
    path("items/<int:pk>/satisfaction/", acting.satisfaction, name="satisfaction"),
    path("items/<int:pk>/visit/", acting.visit, name="visit"),
    path(
        "items/<int:pk>/visits/<int:visit_id>/publish/", acting.publish_visit, name="publish_visit"
    ),
]
