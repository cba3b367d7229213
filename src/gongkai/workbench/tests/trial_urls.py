"""A URLconf for the registry test: a module the workbench knows nothing about."""

from django.http import HttpResponse
from django.urls import path

app_name = "trial"
urlpatterns = [path("", lambda request: HttpResponse("试点"), name="index")]
