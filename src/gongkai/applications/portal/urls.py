"""Public pages of 依申请公开 under /ysqgk/ (apply, receipt, lookup)."""

app_name = "applications_portal"
urlpatterns: list = []
