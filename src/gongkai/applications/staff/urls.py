"""Workbench pages of 依申请公开 under /workbench/applications/.

Included by the workbench URLconf, so names are ``workbench:applications_staff:<name>``.
"""

from django.urls import path

from .. import documents_views
from . import challenges, delivery, detail, handling, intake, queue, review, supervision

app_name = "applications_staff"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("supervision/", supervision.supervision, name="supervision"),
    path("register/", intake.register, name="register"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/reveal-id/", detail.reveal_id, name="reveal_id"),
    path("<int:pk>/files/<int:file_id>/", detail.application_file, name="file"),
    path("<int:pk>/notices/<int:notice_id>.<str:kind>", detail.notice_file, name="notice_file"),
    path("<int:pk>/confirm/", intake.confirm, name="confirm"),
    path("<int:pk>/discard/", intake.discard, name="discard"),
    path("<int:pk>/assign/", intake.assign, name="assign"),
    path("<int:pk>/correction/", handling.correction, name="correction"),
    path("<int:pk>/correction/received/", handling.receive_correction, name="receive_correction"),
    path("<int:pk>/consultations/", handling.consult, name="consult"),
    path(
        "<int:pk>/consultations/<int:consultation_id>/reply/",
        handling.consultation_reply,
        name="consultation_reply",
    ),
    path("<int:pk>/extension/", handling.extension, name="extension"),
    path(
        "<int:pk>/extension/<int:request_id>/decide/",
        review.decide_extension,
        name="decide_extension",
    ),
    path("<int:pk>/art35/request/", handling.reasons_request, name="reasons_request"),
    path("<int:pk>/art35/reasons/", handling.reasons, name="reasons"),
    path("<int:pk>/art35/decide/", handling.art35, name="art35"),
    path("<int:pk>/fee/", handling.fee, name="fee"),
    path("<int:pk>/fee/paid/", handling.payment, name="payment"),
    path("<int:pk>/reply/", handling.reply, name="reply"),
    path("<int:pk>/reply/secrecy/", review.secrecy, name="secrecy"),
    path("<int:pk>/reply/approve/", review.approve, name="approve"),
    path("<int:pk>/reply/return/", review.return_reply, name="return"),
    path("<int:pk>/delivery/", delivery.delivery, name="delivery"),
    path("<int:pk>/challenges/", challenges.challenge, name="challenge"),
    path(
        "<int:pk>/challenges/<int:challenge_id>/result/",
        challenges.challenge_result,
        name="challenge_result",
    ),
]
urlpatterns += documents_views.urlpatterns  # the reviewer's preview of the reply notice
