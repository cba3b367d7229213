"""门户网站"""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "门户网站"

    def ready(self):
        from gongkai.core.pagecache import watch

        from .models import NewMediaAccount, SiteProfile
        from .profile import forget_site_profile

        watch(SiteProfile)
        watch(NewMediaAccount)

        # Cache invalidation only: the footer must show what was just saved.
        for model in (SiteProfile, NewMediaAccount):
            post_save.connect(forget_site_profile, sender=model, dispatch_uid=f"portal-{model}")
            post_delete.connect(
                forget_site_profile, sender=model, dispatch_uid=f"portal-del-{model}"
            )
