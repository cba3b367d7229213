"""Public pages of 权责清单 under /quanze/."""

from django.urls import path

from . import views

app_name = "powers_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("list/", views.power_list, name="list"),
    path("list.xlsx", views.export, name="export"),
    path("<int:pk>/", views.power, name="power"),
    path("counts/", views.counts, name="counts"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/<int:year>/", views.adjustments, name="adjustments_year"),
    path("adjustment/<int:pk>/", views.adjustment, name="adjustment"),
]
