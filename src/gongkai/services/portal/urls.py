"""Public pages of 政务服务 (the service catalogue) under /banshi/."""

from django.urls import path

from . import views

app_name = "services_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("list/", views.item_list, name="list"),
    path("<str:code>/", views.item, name="item"),
    path(
        "<str:code>/cailiao/<int:position>/<str:kind>/",
        views.material_file,
        name="material_file",
    ),
]
