"""Public pages of the report card (成绩单) under /nianbao/chengjidan/."""

app_name = "reports_card"
urlpatterns: list = []
