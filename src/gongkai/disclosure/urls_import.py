"""Workbench pages of the catalogue import (included at ``workbench/disclosure/import/``)."""

from django.urls import path

from .importing import views

app_name = "disclosure_import"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("confirm/", views.confirm, name="confirm"),
    path("template.xlsx", views.template, name="template"),
]
