from django.contrib import admin
from django.urls import include, path

from gongkai.api.urls import api

admin.site.site_header = "政务公开平台 · 系统管理"
admin.site.site_title = "政务公开平台"
admin.site.index_title = "基础数据管理"

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("accounts/", include("gongkai.accounts.urls")),
    path("workbench/", include("gongkai.workbench.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
