"""Public pages of 建议提案办理结果公开 under /jianyi/."""

from django.urls import path

from . import views

app_name = "proposals_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("<int:pk>/", views.item, name="item"),
]
