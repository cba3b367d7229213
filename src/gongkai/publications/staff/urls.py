"""Workbench pages of 政府公报 under /workbench/gazette/ (``workbench:publications_staff:<name>``)."""

from django.urls import path

from . import acting, pages

app_name = "publications_staff"
urlpatterns = [
    path("", pages.issue_list, name="issues"),
    path("<int:gazette_id>/new/", acting.create, name="create"),
    path("issues/<int:pk>/", pages.detail, name="detail"),
    path("issues/<int:pk>/place/", acting.place, name="place"),
    path("issues/<int:pk>/placements/<int:placement_id>/remove/", acting.unplace, name="unplace"),
    path("issues/<int:pk>/text/", acting.write_text, name="text"),
    path("issues/<int:pk>/submit/", acting.submit, name="submit"),
    path("issues/<int:pk>/return/", acting.send_back, name="return"),
    path("issues/<int:pk>/publish/", acting.publish, name="publish"),
    path("issues/<int:pk>/distribute/", acting.distribute, name="distribute"),
]
