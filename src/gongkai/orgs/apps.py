from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    label = "orgs"
    verbose_name = "机构与人员"

    def ready(self):
        from gongkai.core.pagecache import watch

        from .models import Department, Government

        # Names, addresses and contacts of governments and departments are on public pages.
        watch(Government)
        watch(Department)
