"""Workbench pages of 权责清单 under /workbench/powers/ (``workbench:powers_staff:<name>``)."""

from django.urls import path

from . import views

app_name = "powers_staff"
urlpatterns = [
    path("", views.power_list, name="list"),
    path("import/", views.import_view, name="import"),
    path("import-template.xlsx", views.template, name="template"),
    path("adjust/", views.adjust, name="adjust"),
    path("lists/", views.list_change, name="list_change"),
    path("lists/template.xlsx", views.list_template, name="list_template"),
    path("credit/", views.credit_import, name="credit_import"),
    path("credit/template.xlsx", views.credit_template, name="credit_template"),
]
