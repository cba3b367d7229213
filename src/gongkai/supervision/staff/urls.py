"""Workbench pages of 督查考核 under /workbench/supervision/ (``workbench:supervision_staff:<name>``)."""

from django.urls import path, re_path

from . import tasks, views

app_name = "supervision_staff"
urlpatterns = [
    path("", views.site_check, name="site"),
    path("media/<int:pk>/", views.record_media, name="record_media"),
    path("bulletin/", views.bulletin_page, name="bulletin"),
    path("tasks/", tasks.task_list, name="tasks"),
    path("tasks/plans/new/", tasks.plan_create, name="plan_create"),
    path("tasks/plans/<int:pk>/", tasks.plan_detail, name="plan"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task"),
    path("tasks/<int:pk>/decide/", tasks.task_decide, name="task_decide"),
    re_path(r"^bulletin\.(?P<kind>docx|pdf)$", views.bulletin_file, name="bulletin_file"),
]
