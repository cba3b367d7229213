"""The root URLconf with the column wired in, for runs before ``gongkai.urls`` has it."""

from django.urls import include, path

from gongkai.disclosure.portal.sitemaps import sitemap_index
from gongkai.urls import urlpatterns as root_patterns

urlpatterns = [
    path("xxgk/", include("gongkai.disclosure.portal.urls")),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    *root_patterns,
]
