"""Workbench pages of 互动交流 (citizen messages) under /workbench/messages/.

Included by the workbench URLconf, so names are ``workbench:interaction_staff:<name>``.
"""

from django.urls import path

from . import detail, handling, hotline, queue, review, supervision, triage

app_name = "interaction_staff"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("supervision/", supervision.supervision, name="supervision"),
    path("bulletin/", supervision.bulletin, name="bulletin"),
    path("statistics/", supervision.statistics, name="statistics"),
    path("hotline/", hotline.record_call, name="hotline"),
    path("hotline/<str:token>/", hotline.call_recorded, name="call_recorded"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/files/<int:file_id>/", detail.message_file, name="file"),
    path("<int:pk>/release/", triage.release, name="release"),
    path("<int:pk>/refuse/", triage.refuse, name="refuse"),
    path("<int:pk>/merge/", triage.merge, name="merge"),
    path("<int:pk>/assign/", triage.assign, name="assign"),
    path("<int:pk>/identity/", triage.identity, name="identity"),
    path("<int:pk>/sign/", handling.sign, name="sign"),
    path("<int:pk>/return/", handling.return_misrouted, name="return_misrouted"),
    path("<int:pk>/co/<int:assignment_id>/", handling.co_opinion, name="co_opinion"),
    path("<int:pk>/extension/", handling.extension, name="extension"),
    path(
        "<int:pk>/extension/<int:request_id>/decide/",
        review.decide_extension,
        name="decide_extension",
    ),
    path("<int:pk>/reply/", handling.reply, name="reply"),
    path("<int:pk>/reply/approve/", review.approve, name="approve"),
    path("<int:pk>/reply/return/", review.return_reply, name="return_reply"),
    path("<int:pk>/callback/", review.callback, name="callback"),
]
