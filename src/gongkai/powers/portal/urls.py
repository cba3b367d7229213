"""Public pages of 权责清单 under /quanze/."""

from django.urls import path

from . import views

app_name = "powers_portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("list/", views.power_list, name="list"),
    path("list.xlsx", views.export, name="export"),
    path("<int:pk>/", views.power, name="power"),
    path("counts/", views.counts, name="counts"),
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/<int:year>/", views.adjustments, name="adjustments_year"),
    path("adjustment/<int:pk>/", views.adjustment, name="adjustment"),
]

# 行政执法公示 (portal/views_enforcement.py)
from . import views_enforcement as enforcement  # noqa: E402

urlpatterns += [
    path("zhifa/", enforcement.bodies, name="bodies"),
    path("zhifa/<int:pk>/", enforcement.body, name="body"),
    path("zhifa/renyuan/", enforcement.officer_lookup, name="officer_lookup"),
    path("gongshi/", enforcement.decisions, name="decisions"),
    path("gongshi/<int:pk>/", enforcement.decision, name="decision"),
    path("gongshi/shuanggongshi.<str:fmt>", enforcement.decisions_feed, name="decisions_feed"),
]

# 负面清单 and 财政专项资金管理清单 (portal/views_lists.py)
from . import views_lists as lists  # noqa: E402

urlpatterns += [
    path("fumian/", lists.other_list, {"slug": "fumian"}, name="negative_list"),
    path("zijin/", lists.other_list, {"slug": "zijin"}, name="funds_list"),
    path("qingdan/<int:pk>/", lists.entry, name="list_entry"),
]

# 工程建设领域信用信息共享专栏 (portal/views_credit.py)
from . import views_credit as credit  # noqa: E402

urlpatterns += [
    path("jianshe/", credit.credit_index, name="credit"),
    path("jianshe/renyuan/<int:pk>/", credit.practitioner, name="credit_practitioner"),
    path("jianshe/<str:uscc>/", credit.company, name="credit_company"),
]
