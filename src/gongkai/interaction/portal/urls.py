"""Public pages of 互动交流 under /hudong/: the board, writing, the receipt, lookup and rating."""

from django.urls import path

from . import views_board, views_lookup, views_write

app_name = "interaction_portal"
urlpatterns = [
    path("", views_board.index, name="index"),
    path("board/", views_board.board, name="board"),
    path("<int:pk>/", views_board.message, name="message"),
    path("write/<slug:code>/", views_write.write, name="write"),
    path("similar/", views_write.similar_panel, name="similar"),
    path("receipt/", views_write.receipt, name="receipt"),
    path("lookup/", views_lookup.lookup, name="lookup"),
    path("status/", views_lookup.status, name="status"),
    path("status/rate/", views_lookup.rate, name="rate"),
    path("status/leave/", views_lookup.leave, name="leave"),
]
