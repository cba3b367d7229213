"""Public pages of 年度报告 (annual reports) under /nianbao/."""

from django.urls import path

from . import views

app_name = "reports_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download.<str:fmt>", views.download, name="download"),
]
