from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    label = "services"
    verbose_name = "政务服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.api.registry import register_router

        from . import (
            flow,  # noqa: F401  (declares the guide workflow)
            indexing,
            public_pages,
        )

        register_router("gongkai.services.api.router", order=86)
        public_pages.register()
        indexing.register()
