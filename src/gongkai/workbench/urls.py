from django.urls import include, path

from . import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("department/", views.switch_department, name="department"),
    path("notices/", views.notices, name="notices"),
    path("disclosure/import/", include("gongkai.disclosure.urls_import")),
    path("disclosure/", include("gongkai.disclosure.urls_workbench")),
    path("applications/", include("gongkai.applications.staff.urls")),
    path("messages/", include("gongkai.interaction.staff.urls")),
    path("consultations/", include("gongkai.consultations.staff.urls")),
    path("proposals/", include("gongkai.proposals.staff.urls")),
    path("reports/", include("gongkai.reports.staff.urls")),
]
