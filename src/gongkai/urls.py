from django.contrib import admin
from django.urls import include, path

from gongkai.api.urls import api

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("accounts/", include("gongkai.accounts.urls")),
    path("workbench/", include("gongkai.workbench.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
