"""Workbench pages of 意见征集 (consultations) under /workbench/consultations/.

Included by the workbench URLconf, so names are ``workbench:consultations_staff:<name>``.
"""

from django.urls import path

from . import detail, editing, feedback, files, listing, moderation, stats

app_name = "consultations_staff"
urlpatterns = [
    path("", listing.index, name="index"),
    path("new/", editing.new, name="new"),
    path("stats/", stats.stats, name="stats"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/edit/", editing.edit, name="edit"),
    path("<int:pk>/publish/", detail.publish, name="publish"),
    path("<int:pk>/extend/", detail.extend, name="extend"),
    path("<int:pk>/round/", detail.new_round, name="new_round"),
    path("<int:pk>/vote/", detail.schedule_vote, name="schedule_vote"),
    path("<int:pk>/files/", files.attach, name="attach"),
    path("<int:pk>/files/<int:file_id>/", files.download, name="file"),
    path("<int:pk>/files/<int:file_id>/remove/", files.remove, name="remove_file"),
    path(
        "<int:pk>/entries/<int:entry_id>/files/<int:file_id>/",
        files.entry_file,
        name="entry_file",
    ),
    path("<int:pk>/moderation/", moderation.moderation, name="moderation"),
    path("<int:pk>/moderation/decide/", moderation.moderate, name="moderate"),
    path("<int:pk>/feedback/", feedback.feedback, name="feedback"),
    path("<int:pk>/feedback/suggest/", feedback.suggest, name="suggest"),
    path("<int:pk>/feedback/groups/new/", feedback.create_group, name="create_group"),
    path("<int:pk>/feedback/groups/<int:group_id>/", feedback.decide_group, name="decide_group"),
    path(
        "<int:pk>/feedback/groups/<int:group_id>/delete/",
        feedback.delete_group,
        name="delete_group",
    ),
    path("<int:pk>/feedback/move/", feedback.move, name="move"),
    path("<int:pk>/feedback/merge/", feedback.merge, name="merge"),
    path("<int:pk>/feedback/entries/<int:entry_id>/", feedback.decide_entry, name="decide_entry"),
    path("<int:pk>/feedback/publish/", feedback.publish_feedback, name="publish_feedback"),
]
