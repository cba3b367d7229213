"""Workbench pages of 行政执法公示 under /workbench/zhifa/ (``workbench:enforcement_staff:<name>``)."""

from django.urls import path

from . import officers

app_name = "enforcement_staff"
urlpatterns = [
    path("", officers.home, name="home"),
    path("officers/import/", officers.upload, name="import"),
    path("officers/import/<int:pk>/", officers.preview, name="preview"),
    path("officers/import/<int:pk>/apply/", officers.apply, name="apply"),
]

from . import decisions  # noqa: E402

urlpatterns += [
    path("decisions/", decisions.decision_list, name="decisions"),
    path("decisions/new/", decisions.new_decision, name="new_decision"),
    path("decisions/<int:pk>/", decisions.decision, name="decision"),
    path("decisions/<int:pk>/publish/", decisions.publish, name="publish"),
    path("decisions/<int:pk>/withdraw/", decisions.withdraw, name="withdraw"),
    path("decisions/<int:pk>/repair/", decisions.repair, name="repair"),
]
urlpatterns += [path("decisions/import/", decisions.import_decisions, name="import_decisions")]
