"""Workbench pages of the guide editor under /workbench/services/ (``workbench:services_staff:<name>``)."""

from django.urls import path

from . import acting, pages

app_name = "services_staff"
urlpatterns = [
    path("", pages.item_list, name="list"),
    path("new/", acting.create, name="create"),
    path("items/<int:pk>/", pages.detail, name="detail"),
    path("items/<int:pk>/guide/", acting.edit_guide, name="edit_guide"),
    path("items/<int:pk>/materials/", acting.edit_materials, name="edit_materials"),
    path("items/<int:pk>/steps/", acting.edit_steps, name="edit_steps"),
    path("items/<int:pk>/questions/", acting.edit_questions, name="edit_questions"),
    path("items/<int:pk>/submit/", acting.submit, name="submit"),
    path("items/<int:pk>/return/", acting.send_back, name="return"),
    path("items/<int:pk>/publish/", acting.publish, name="publish"),
    path("items/<int:pk>/revise/", acting.new_draft, name="new_draft"),
    path("items/<int:pk>/withdraw/", acting.withdraw, name="withdraw"),
]
