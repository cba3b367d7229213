"""Public pages of 互动交流 under /hudong/."""

from django.urls import path

from . import views_board

app_name = "interaction_portal"
urlpatterns = [
    path("<int:pk>/", views_board.message, name="message"),
]
