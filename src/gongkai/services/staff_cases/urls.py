"""The workbench's case pages (办件) under /workbench/services/cases/."""

from django.urls import path

from . import actions, detail, queue, ratings, register

app_name = "services_cases"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("register/", register.register, name="register"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/materials/<int:material_pk>/", detail.material, name="material"),
    path("<int:pk>/accept/", actions.accept, name="accept"),
    path("<int:pk>/correction/", actions.correction, name="correction"),
    path("<int:pk>/refuse/", actions.refuse, name="refuse"),
    path("<int:pk>/supply/", actions.supply, name="supply"),
    path("<int:pk>/procedure/", actions.procedure, name="procedure"),
    path("<int:pk>/procedure/end/", actions.end_procedure, name="end_procedure"),
    path("<int:pk>/extension/", actions.extension, name="extension"),
    path(
        "<int:pk>/extension/<int:request_id>/decide/",
        actions.decide_extension,
        name="decide_extension",
    ),
    path("<int:pk>/decide/", actions.decide, name="decide"),
    path("<int:pk>/issue/", actions.issue, name="issue"),
    path("<int:pk>/deliver/", actions.deliver, name="deliver"),
    path("<int:pk>/rating/", ratings.counter_rating, name="counter_rating"),
    path("<int:pk>/rating/call/", ratings.record_call, name="rating_call"),
    path("<int:pk>/rating/rectify/", ratings.rectify, name="rating_rectify"),
]
