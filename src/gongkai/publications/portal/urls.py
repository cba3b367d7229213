"""Public pages of 政府公报 under /gongbao/."""

from django.urls import path

from . import views

app_name = "publications_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search_gazette, name="search"),
    path("<int:pk>/", views.issue, name="issue"),
    path("<int:pk>/pdf/", views.issue_pdf, name="issue_pdf"),
]
