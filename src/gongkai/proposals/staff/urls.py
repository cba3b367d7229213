from django.urls import path  # noqa: F401

app_name = "proposals_staff"
urlpatterns: list = []
