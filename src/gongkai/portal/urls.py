from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("modules/<slug:slug>/", views.module, name="module"),
    path("search/", views.search, name="search"),
    path("display/", views.display, name="display"),
    path("healthz", views.healthz, name="healthz"),
]
