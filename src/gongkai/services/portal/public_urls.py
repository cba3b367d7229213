"""办件公示 (the public case list and its statistics) under /banshi/gongshi/."""

from django.urls import path

from . import cases_public

app_name = "services_public_cases"
urlpatterns = [
    path("", cases_public.case_list, name="list"),
    path("tongji/", cases_public.case_statistics, name="statistics"),
]
