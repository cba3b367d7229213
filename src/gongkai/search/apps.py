from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from gongkai.core.pagecache import watch
        from gongkai.jobs.registry import every_loop

        from . import embedded
        from .models import SearchSynonym

        watch(SearchSynonym)  # search pages find other things now
        every_loop("search.sync", embedded.sync_now)
