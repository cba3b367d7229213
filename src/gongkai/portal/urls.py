from django.urls import path

from . import site_files, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("modules/<slug:slug>/", views.module, name="module"),
    path("search/", views.search, name="search"),
    path("display/", views.display, name="display"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", site_files.robots_txt, name="robots"),
    path("favicon.ico", site_files.favicon_ico, name="favicon"),
]
