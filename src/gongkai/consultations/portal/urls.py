"""Public pages of 意见征集 under /zhengji/."""

from django.urls import path

from . import views_detail, views_list, views_participate

app_name = "consultations_portal"
urlpatterns = [
    path("", views_list.index, name="index"),
    path("feed.xml", views_list.feed, name="feed"),
    path("<int:pk>/", views_detail.detail, name="detail"),
    path("<int:pk>/feedback/", views_detail.feedback, name="feedback"),
    path("<int:pk>/comment/", views_participate.comment, name="comment"),
    path("<int:pk>/entry/", views_participate.entry, name="entry"),
    path("<int:pk>/vote/", views_participate.vote, name="vote"),
    path("<int:pk>/files/<int:file_id>/", views_detail.consultation_file, name="file"),
    path(
        "<int:pk>/entries/<int:entry_id>/files/<int:file_id>/",
        views_detail.entry_file,
        name="entry_file",
    ),
]
