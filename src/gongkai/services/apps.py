from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "gongkai.services"
    label = "services"
    verbose_name = "政务服务"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            flow,  # noqa: F401  (declares the guide workflow)
            public_pages,
        )

        public_pages.register()
