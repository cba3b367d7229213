from django.contrib import admin
from django.urls import include, path

from gongkai.api.urls import api
from gongkai.disclosure.portal.sitemaps import sitemap_index

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("xxgk/", include("gongkai.disclosure.portal.urls")),
    path("ysqgk/", include("gongkai.applications.portal.urls")),
    path("hudong/", include("gongkai.interaction.portal.urls")),
    path("zhengji/", include("gongkai.consultations.portal.urls")),
    path("jianyi/", include("gongkai.proposals.portal.urls")),
    path("ducha/", include("gongkai.supervision.portal.urls")),
    path("quanze/", include("gongkai.powers.portal.urls")),
    path("gongbao/", include("gongkai.publications.portal.urls")),
    path("banshi/case/", include("gongkai.services.portal.cases_urls")),
    path("banshi/gongshi/", include("gongkai.services.portal.public_urls")),
    path("banshi/", include("gongkai.services.portal.urls")),
    path("nianbao/chengjidan/", include("gongkai.reports.card.urls")),
    path("nianbao/", include("gongkai.reports.portal.urls")),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("accounts/", include("gongkai.accounts.urls")),
    path("workbench/", include("gongkai.workbench.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
