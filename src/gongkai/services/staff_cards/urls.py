"""The workbench's electronic supervision pages (电子监察) under /workbench/services/cards/."""

from django.urls import path

from . import views

app_name = "services_cards"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/explain/", views.explain, name="explain"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
