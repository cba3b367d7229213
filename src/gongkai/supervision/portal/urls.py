"""Public pages of 督查考核 under /ducha/."""

from django.urls import path

from . import views

app_name = "supervision_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan, name="plan"),
]
