"""Public pages of 政府公报 under /gongbao/."""

from django.urls import path

from . import bulletins, views

app_name = "publications_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search_gazette, name="search"),
    path("<int:pk>/", views.issue, name="issue"),
    path("<int:pk>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("gongkailan/", bulletins.bulletin_list, name="bulletins"),
    path("gongkailan/<int:pk>/", bulletins.bulletin, name="bulletin"),
    path("gongkailan/<int:pk>/poster/<int:board_id>/", bulletins.poster, name="poster"),
]
