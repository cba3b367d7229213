"""Workbench pages of 依申请公开 under /workbench/applications/."""

app_name = "applications_staff"
urlpatterns: list = []
