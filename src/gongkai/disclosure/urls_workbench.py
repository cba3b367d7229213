"""Staff pages of proactive disclosure, included by the workbench URLconf as

    path("disclosure/", include("gongkai.disclosure.urls_workbench")),

so their names are ``workbench:disclosure:<name>``.
"""

from django.urls import path

from .staff import views_items, views_review, views_supervision

app_name = "disclosure"
urlpatterns = [
    path("", views_items.item_list, name="items"),
    path("new/", views_items.item_create, name="create"),
    path("items/<int:pk>/", views_items.item_detail, name="item"),
    path("items/<int:pk>/edit/", views_items.item_edit, name="edit"),
    path("items/<int:pk>/correct/", views_review.item_correct, name="correct"),
    path("items/<int:pk>/validity/", views_review.item_validity, name="validity"),
    path("items/<int:pk>/act/<slug:action>/", views_review.item_act, name="act"),
    path("items/<int:pk>/attachments/", views_items.attachment_add, name="attachment_add"),
    path(
        "items/<int:pk>/attachments/<int:attachment_id>/",
        views_items.attachment_download,
        name="attachment",
    ),
    path(
        "items/<int:pk>/attachments/<int:attachment_id>/delete/",
        views_items.attachment_remove,
        name="attachment_remove",
    ),
    path("review/<slug:queue>/", views_review.review_queue, name="queue"),
    path("supervision/", views_supervision.supervision, name="supervision"),
]
