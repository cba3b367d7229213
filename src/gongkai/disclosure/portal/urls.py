"""The 政府信息公开 column, mounted at ``/xxgk/`` (namespace ``xxgk``).

The item page takes the rest of the path (索引号 contain ``/``), so it comes
last; nothing else may be added after it.
"""

from django.urls import path

from . import feeds, sitemaps, views, views_departments, views_search, views_topics

app_name = "xxgk"
urlpatterns = [
    path("", views.home, name="home"),
    path("catalog/", views.catalogue, name="catalogue"),
    path("search/", views_search.search_page, name="search"),
    path("guide/", views.guides, name="guides"),
    path("reports/", views.reports, name="reports"),
    path("normative/", views_topics.normative, name="normative"),
    path("key/<slug:slug>/", views_topics.key_area_page, name="key-area"),
    path("gov/<str:code>/", views.government_page, name="government"),
    path("dept/<int:pk>/", views_departments.department_page, name="department"),
    path("dept/<int:pk>/guide/", views_departments.department_guide, name="department-guide"),
    path(
        "dept/<int:pk>/catalog/",
        views_departments.department_catalogue,
        name="department-catalogue",
    ),
    path("dept/<int:pk>/reports/", views_departments.department_reports, name="department-reports"),
    # Feeds: RSS 2.0 and Atom.
    path("feeds/latest/rss.xml", feeds.latest_rss, name="feed-latest"),
    path("feeds/latest/atom.xml", feeds.latest_atom, name="feed-latest-atom"),
    path("feeds/dept/<int:pk>/rss.xml", feeds.department_rss, name="feed-department"),
    path("feeds/dept/<int:pk>/atom.xml", feeds.department_atom, name="feed-department-atom"),
    path("feeds/subject/<int:pk>/rss.xml", feeds.subject_rss, name="feed-subject"),
    path("feeds/subject/<int:pk>/atom.xml", feeds.subject_atom, name="feed-subject-atom"),
    path("feeds/key/<slug:slug>/rss.xml", feeds.key_area_rss, name="feed-key-area"),
    path("feeds/key/<slug:slug>/atom.xml", feeds.key_area_atom, name="feed-key-area-atom"),
    # Sitemap sections (the index is /sitemap.xml in the root URLconf).
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    # Last: the item page and its attachments, by 索引号.
    path(
        "<path:index_number>/attachments/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("<path:index_number>/", views.item_page, name="item"),
]
