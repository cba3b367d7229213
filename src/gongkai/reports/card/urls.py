"""Public pages of the report card (成绩单) under /nianbao/chengjidan/."""

from django.urls import path

from . import views

app_name = "reports_card"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/<int:year>/", views.card, name="card"),
    path("<str:code>/<int:year>.pdf", views.card_pdf, name="pdf"),
]
